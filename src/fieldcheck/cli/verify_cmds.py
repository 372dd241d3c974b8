# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck verify --all` (signatures + audit chain) and `fieldcheck verify FILE.pdf`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import open_context
from fieldcheck.services.documents import pdf_verdict
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.services.trust.verify_report import VerifyReport


def _report_json(r: VerifyReport) -> dict[str, Any]:
    return {
        "ok": r.ok,
        "signatures": r.signatures,
        "valid_signatures": r.valid_signatures,
        "findings": r.findings,
        "files": r.files,
        "audit_entries": r.audit_entries,
        "audit_problem": r.audit_problem,
        "skipped": r.skipped,
        "keys_waiting": r.keys_waiting,
        "records": r.records,
        "photo_files": r.photo_files,
        "documents": r.documents,
        "documents_unfrozen": r.documents_unfrozen,
        "pull_cut_off": r.pull_cut_off,
        "incomplete": [
            {"finding_id": f.finding_id, "signature_id": f.signature_id, "reason": f.reason}
            for f in r.incomplete
        ],
        "failures": [
            {"finding_id": f.finding_id, "signature_id": f.signature_id, "reason": f.reason}
            for f in r.failures
        ],
    }


def _verify_store(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        report = verify_all(ctx, check_files=not args.no_files)
    code = 1 if not report.ok else 3 if report.incomplete else 0
    if args.json:
        print(json.dumps(_report_json(report), ensure_ascii=False))
        return code
    print(
        f"signatures: {report.valid_signatures}/{report.signatures} valid; "
        f"findings checked: {report.findings}; signed files checked: {report.files}; "
        f"audit entries: {report.audit_entries}"
    )
    print(
        f"records checked against their last recorded version: {report.records}; "
        f"other photo files checked: {report.photo_files}; issued PDFs checked: "
        f"{report.documents} ({report.documents_unfrozen} notice(s) without a PDF frozen here)"
    )
    for kind, n in sorted(report.skipped.items()):
        print(f"not checked here: {n} signature(s) on {kind}")
    if report.keys_waiting:
        print(
            f"keys made here, waiting for the server's attestation: {report.keys_waiting} "
            "(sync to have them attested)"
        )
    print(f"audit chain: {report.audit_problem or 'intact'}")
    for failure in report.failures:
        print(f"FAIL {failure}")
    for waiting in report.incomplete:
        print(f"INCOMPLETE {waiting}")
    if not report.ok:
        print("FAILED")
    elif report.incomplete:
        print(
            "INCOMPLETE: the last pull was cut off part-way; what it left half-arrived is "
            "not tampering — run `fieldcheck sync` and verify again"
        )
    else:
        print("OK: nothing was changed after it was written or signed")
    return code


def _verify_pdf(args: argparse.Namespace) -> int:
    with open_context(args.home) as ctx:
        verdict = pdf_verdict.verify_pdf(ctx, args.file)
    print(verdict.summary())
    return verdict.exit_code


def cmd_verify(args: argparse.Namespace) -> int:
    if args.all == bool(args.file):
        raise FieldcheckError("say what to verify: `verify --all` or `verify FILE.pdf`")
    return _verify_store(args) if args.all else _verify_pdf(args)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `verify --all | verify FILE.pdf`."""
    p = sub.add_parser("verify", help="check signatures and the audit chain, or a signed PDF")
    p.add_argument("file", nargs="?", help="a PDF document fieldcheck issued")
    p.add_argument("--all", action="store_true", help="every signature and the audit chain")
    p.add_argument("--no-files", action="store_true", help="skip re-hashing signed photo files")
    p.add_argument("--json", action="store_true", help="(with --all) one JSON object")
    p.set_defaults(handler=cmd_verify)
