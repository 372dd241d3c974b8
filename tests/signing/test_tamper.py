# SPDX-License-Identifier: Apache-2.0
"""verify --all catches each kind of change made by hand in the database file or on disk."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from signing_world import CLAUSE, EXPERT_PASS, GRID_PASS, World, png, sql

from fieldcheck.photos.store import BlobStore
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.evidence import photos
from fieldcheck.services.major import cosign, major, workflow
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.signing import keys as keymod


def _signed(ctx: AppContext, w: World) -> None:
    workflow.flag_major(
        ctx, w.finding, actor_id=w.grid, criteria_id=CLAUSE[0], clause_ref=CLAUSE[1]
    )
    reviewed = major.review(ctx, w.finding).content_sha256
    major.confirm(
        ctx,
        w.finding,
        expert_id=w.expert,
        passphrase=EXPERT_PASS,
        reviewed_sha256=reviewed,
        comment="符合",
    )
    cosign.site_sign(
        ctx,
        w.finding,
        inspector_id=w.grid,
        passphrase=GRID_PASS,
        site_rep_name="赵强",
        handwriting_png=png(),
    )


def _copy_signature_to_other(home: Path, w: World) -> None:
    con = sqlite3.connect(home / "fieldcheck.db")
    cols = [r[1] for r in con.execute("PRAGMA table_info(signature)")]
    row = dict(
        zip(
            cols,
            con.execute("SELECT * FROM signature WHERE purpose='confirm'").fetchone(),
            strict=True,
        )
    )
    row.update(id="copied-signature", subject_id=w.other)
    con.execute(
        f"INSERT INTO signature ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    con.execute("UPDATE finding SET level='major', major_status='confirmed' WHERE id=?", (w.other,))
    con.commit()
    con.close()


def _swap_public_key(home: Path, w: World) -> None:
    sql(
        home,
        "UPDATE person_key SET public_key_b64=? WHERE person_id=?",
        keymod.public_b64(keymod.generate()),
        w.expert,
    )


def _damage_evidence_file(home: Path, w: World) -> None:
    c = open_context(home)
    [row] = photos.list_photos(c, w.finding)
    path = BlobStore(c.home.photos).original(row.sha256)
    c.close()
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")


TAMPERS = {
    "description edited": (
        lambda h, w: sql(h, "UPDATE finding SET description='已整改' WHERE id=?", w.finding),
        "what it covers changed",
    ),
    "level lowered": (
        lambda h, w: sql(h, "UPDATE finding SET level='general' WHERE id=?", w.finding),
        "what it covers changed|now reads",
    ),
    "clause changed": (
        lambda h, w: sql(
            h, "UPDATE finding SET clause_ref='第十一条第（二）项' WHERE id=?", w.finding
        ),
        "what it covers changed",
    ),
    "site renamed": (
        lambda h, w: sql(h, "UPDATE site SET name='另一家厂' WHERE id=?", w.site),
        "what it covers changed",
    ),
    "evidence hash swapped": (
        lambda h, w: sql(h, "UPDATE photo SET finding_id=? WHERE finding_id=?", w.third, w.finding),
        "what it covers changed",
    ),
    "comment rewritten": (
        lambda h, w: sql(h, "UPDATE signature SET comment='不符合' WHERE purpose='confirm'"),
        "does not verify",
    ),
    "signature deleted": (
        lambda h, w: sql(h, "DELETE FROM signature WHERE purpose='confirm'"),
        "no valid expert signature",
    ),
    "unsigned finding marked confirmed": (
        lambda h, w: sql(
            h, "UPDATE finding SET level='major', major_status='confirmed' WHERE id=?", w.other
        ),
        "claims to be confirmed",
    ),
    "signature copied onto another finding": (_copy_signature_to_other, "covers changed|verify"),
    "site signer renamed": (
        lambda h, w: sql(h, "UPDATE site_ack SET site_rep_name='孙丽'"),
        "co_sign signature: what it covers changed",
    ),
    "unfrozen": (
        lambda h, w: sql(h, "UPDATE finding SET frozen=0 WHERE id=?", w.finding),
        "no longer marked frozen",
    ),
    "public key swapped": (_swap_public_key, "does not verify"),
    "evidence file damaged": (_damage_evidence_file, "signed file is damaged"),
}


@pytest.mark.parametrize("name", list(TAMPERS))
def test_verify_all_names_the_finding_for_each_kind_of_tampering(
    name: str, home: Path, world: World
) -> None:
    ctx = open_context(home)
    _signed(ctx, world)
    assert verify_all(ctx).ok
    ctx.close()
    change, pattern = TAMPERS[name]
    change(home, world)
    ctx = open_context(home)
    report = verify_all(ctx)
    ctx.close()
    assert not report.ok
    victim = world.other if "another" in name or "unsigned" in name else world.finding
    named = [f for f in report.failures if f.finding_id == victim]
    assert named, report.failures
    assert any(re.search(pattern, f.reason) for f in named), named


def test_a_changed_audit_entry_fails_verification(home: Path, world: World) -> None:
    ctx = open_context(home)
    _signed(ctx, world)
    ctx.close()
    sql(home, "UPDATE audit_event SET payload_json='{}' WHERE seq=3")
    ctx = open_context(home)
    report = verify_all(ctx)
    ctx.close()
    assert not report.ok and report.failures == []
    assert report.audit_problem is not None and "audit entry 3" in report.audit_problem
