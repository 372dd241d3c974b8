# SPDX-License-Identifier: Apache-2.0
"""Backup and restore: one file; nothing replaced until every hash and signature checks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from fieldcheck.cli import main
from fieldcheck.services.context import open_context
from fieldcheck.services.findings import findings, ledger
from fieldcheck.services.trust import backup


def test_backup_then_restore_brings_the_data_back(demo_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "day.fcbackup"
    assert main(["--home", str(demo_home), "backup", "create", str(out)]) == 0
    pdfs = {p.name: p.read_bytes() for p in (demo_home / "documents").glob("*.pdf")}
    assert pdfs  # the demo issues its notices signed, their PDFs kept at issue
    with zipfile.ZipFile(out) as z:
        assert {f"documents/{n}" for n in pdfs} <= set(z.namelist())
    with open_context(demo_home) as ctx:
        before = ledger.counts(ctx)["findings"]
        entry = ledger.ledger(ctx, ledger.ledger_filter(limit=1))[0]
        f = findings.get_finding(ctx, entry.id)
        findings.record_finding(
            ctx, inspection_id=f.inspection_id, description="备份后新记", actor_id=f.found_by
        )
        assert not backup.restored_needs_enrolment(ctx)
    assert main(["--home", str(demo_home), "backup", "restore", str(out)]) == 0
    with open_context(demo_home) as ctx:
        assert ledger.counts(ctx)["findings"] == before
        assert backup.restored_needs_enrolment(ctx)  # h16: re-enrol before numbering
    assert {p.name: p.read_bytes() for p in (demo_home / "documents").glob("*.pdf")} == pdfs
    assert list(demo_home.glob("before-restore-*/fieldcheck.db"))  # replaced data kept


def test_a_tampered_or_foreign_backup_replaces_nothing(demo_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "day.fcbackup"
    with open_context(demo_home) as ctx:
        backup.create_backup(ctx, out)
    bad = tmp_path / "bad.fcbackup"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
        photo = next(n for n in src.namelist() if n.startswith("photos/"))
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:-1] + b"\0" if item.filename == photo else data)
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.restore_backup(demo_home, bad)
    other = tmp_path / "other"
    open_context(other).close()  # another device, with its own data
    with pytest.raises(backup.BackupError, match="move devices"):
        backup.restore_backup(other, out)
    assert not list(other.glob("before-restore-*"))  # nothing was replaced
    backup.restore_backup(other, out, move_device=True)
    with open_context(other) as ctx:
        assert ledger.counts(ctx)["findings"] >= 200
