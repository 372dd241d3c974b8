# SPDX-License-Identifier: Apache-2.0
"""verify --all covers what no signature does: unsigned findings, events, sites, photo files.

Each edit below is made by hand in the database file (or on disk) of a store where
nothing is signed; each is named, with the finding it concerns.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from signing_world import World, sql

from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import open_context
from fieldcheck.services.trust.verify import verify_all


def _delete_evidence(home: Path, w: World) -> None:
    import sqlite3

    con = sqlite3.connect(home / "fieldcheck.db")
    [sha] = con.execute("SELECT sha256 FROM photo WHERE finding_id=?", (w.finding,)).fetchone()
    con.close()
    BlobStore(home / "photos").original(sha).unlink()


EDITS = {
    "unsigned finding closed by hand": (
        lambda h, w: sql(h, "UPDATE finding SET status='closed' WHERE id=?", w.other),
        "other",
        "finding .* differs from the version fieldcheck last recorded",
    ),
    "unsigned finding's text changed": (
        lambda h, w: sql(h, "UPDATE finding SET description='无隐患' WHERE id=?", w.third),
        "third",
        "finding .* differs",
    ),
    "event rewritten": (
        lambda h, w: sql(h, "UPDATE finding_event SET note='已整改' WHERE finding_id=?", w.other),
        "other",
        "finding event .* differs",
    ),
    "event deleted and re-added under another id": (
        lambda h, w: sql(
            h,
            "UPDATE finding_event SET id='01a00000-0000-7000-8000-000000000000' WHERE finding_id=?",
            w.third,
        ),
        "third",
        "finding event .* never recorded by fieldcheck",
    ),
    "evidence of an unsigned finding deleted": (
        _delete_evidence,
        "finding",
        "photo file: .* the original is missing",
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_verify_all_names_each_edit_no_signature_covers(
    name: str, home: Path, world: World
) -> None:
    with open_context(home) as ctx:
        before = verify_all(ctx)
    assert before.ok and before.records > 0 and before.photo_files == 1, before.failures
    change, victim, pattern = EDITS[name]
    change(home, world)
    with open_context(home) as ctx:
        report = verify_all(ctx)
    assert not report.ok
    named = [f for f in report.failures if f.finding_id == getattr(world, victim)]
    assert any(re.search(pattern, f.reason) for f in named), report.failures


def test_a_site_renamed_by_hand_is_named(home: Path, world: World) -> None:
    sql(home, "UPDATE site SET name='另一家厂' WHERE id=?", world.site)
    with open_context(home) as ctx:
        report = verify_all(ctx)
    assert [f.reason for f in report.failures if "site" in f.reason and world.site in f.reason]
