# SPDX-License-Identifier: Apache-2.0
"""Signature benchmarks: `verify --all` over 100,000 signatures, and one finding's sign+verify.

The store is built with real keys (enrolled through the service) and real signatures
made with the same canonical content the app signs; rows are bulk-inserted so the
setup does not dominate. The baseline is a plain loop of `cryptography` Ed25519
verify calls over the same 100,000 signatures, timed in the same run.
"""

from __future__ import annotations

import base64
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldcheck.core.ids import new_id
from fieldcheck.core.terms import Role
from fieldcheck.services.context import open_context
from fieldcheck.services.inspections import inspections
from fieldcheck.services.major import keys
from fieldcheck.services.major.signoff import RULES, Purpose, facts_of
from fieldcheck.services.sites import sites
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.signing import canonical, signatures
from fieldcheck.signing import keys as keymod
from fieldcheck.signing.canonical import Statement
from fieldcheck.storage.signing_repo import FactsRecord
from harness import Result, benchmark, p50_ms

N = 100_000
PASS = "bench-passphrase"


def _text(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _build(root: Path) -> tuple[Path, list[tuple[object, bytes, bytes]]]:
    """A store with N confirmed findings, each with the expert's valid signature."""
    ctx = open_context(root)
    grid = sites.add_person(ctx, {"name": "李建国", "role": Role.GRID}, actor_id="bench").id
    expert = sites.add_person(ctx, {"name": "陈志强", "role": Role.EXPERT}, actor_id="bench").id
    site = sites.register_site(
        ctx,
        {"name": "郑州某机械厂", "address": "金水区1号", "jurisdiction": "410105"},
        actor_id="bench",
    )
    insp = inspections.start_inspection(ctx, site_id=site.id, inspector_ids=[grid], actor_id=grid)
    info = keys.enroll_key(ctx, expert, PASS)
    opened = keys.unlock(ctx, expert, PASS)
    ctx.close()
    base = info.created_at  # signatures must fall within the key's validity
    findings, sigs, triples = [], [], []
    for i in range(N):
        fid, found = new_id(), base + timedelta(microseconds=i)
        rec = FactsRecord(
            fid,
            insp.id,
            site.id,
            site.name,
            site.uscc,
            f"粉尘爆炸危险场所隐患{i}",
            "抛光车间",
            "gongmao-2023",
            "第十一条第（一）项",
            None,
            None,
            None,
            found,
            grid,
            "major",
            "confirmed",
            "found",
            True,
        )
        signed_at = found + timedelta(seconds=1)
        content = canonical.finding_content(
            facts_of(rec, (), purpose=Purpose.CONFIRM, signed_at=signed_at),
            level=RULES[Purpose.CONFIRM].level,
        )
        st = Statement(
            "finding",
            fid,
            "confirm",
            expert,
            "expert",
            info.id,
            "符合",
            signed_at,
            1,
            canonical.sha256_hex(content),
        )
        raw = opened.private.sign(st.to_bytes())
        findings.append(
            (
                fid,
                insp.id,
                site.id,
                rec.description,
                rec.place,
                "gongmao-2023",
                rec.clause_ref,
                "major",
                "confirmed",
                "",
                "found",
                _text(found),
                grid,
                1,
                1,
                _text(found),
            )
        )
        sigs.append(
            (
                new_id(),
                "finding",
                fid,
                expert,
                info.id,
                "expert",
                "confirm",
                "符合",
                1,
                st.content_sha256,
                base64.b64encode(raw).decode(),
                _text(signed_at),
            )
        )
        triples.append((opened.private.public_key(), st.to_bytes(), raw))
    con = sqlite3.connect(root / "fieldcheck.db")
    con.executemany(
        "INSERT INTO finding (id, inspection_id, site_id, description, place, criteria_id, "
        "clause_ref, level, major_status, measures, status, found_at, found_by, version, frozen, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        findings,
    )
    con.executemany(
        "INSERT INTO signature (id, subject_kind, subject_id, signer_id, key_id, role, purpose, "
        "comment, content_version, content_sha256, signature_b64, signed_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        sigs,
    )
    con.commit()
    con.close()
    return root, triples


@benchmark("verify_100k_signatures", "sign_verify_one_finding")
def bench_signing() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        root, triples = _build(Path(tmp) / "home")
        t0 = time.perf_counter()
        for pub, msg, raw in triples:  # the baseline: plain cryptography, one by one
            pub.verify(raw, msg)  # type: ignore[attr-defined]
        raw_s = time.perf_counter() - t0
        ctx = open_context(root)
        t0 = time.perf_counter()
        report = verify_all(ctx, check_files=False)
        ours_s = time.perf_counter() - t0
        ctx.close()
        if not report.ok or report.valid_signatures != N:
            raise RuntimeError(f"benchmark store did not verify: {report.failures[:3]}")
    key = keymod.generate()
    pub_b64 = keymod.public_b64(key)
    msg = b"x" * 400

    def one() -> None:
        signatures.verify(pub_b64, msg, signatures.sign(key, msg))

    def raw_one() -> None:
        key.public_key().verify(key.sign(msg), msg)

    return [
        Result(
            "verify_100k_signatures",
            ours_s,
            "s",
            "cryptography verify loop",
            raw_s,
            f"verify --all (DB read, content rebuild, state checks) over {N} signatures; "
            "goal < 10 s",
        ),
        Result(
            "sign_verify_one_finding",
            p50_ms(one, repeat=200),
            "ms",
            "raw sign+verify",
            p50_ms(raw_one, repeat=200),
            "statement sign + libsodium verify, p50",
        ),
    ]
