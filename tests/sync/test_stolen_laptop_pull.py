# SPDX-License-Identifier: Apache-2.0
"""A stolen expert's laptop: the county revokes its credential and the expert's key from
the time it was lost; a grid device that already pulled the thief's signature flags it
at its next sync, and the expert's signature from before the theft stays valid."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
from syncfix import LiveServer, live_server, make_field_data, pg_database

from fieldcheck.core import clock
from fieldcheck.core.terms import Role
from fieldcheck.server import auth
from fieldcheck.server.cli import main as server_cli
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.major import keys, major
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import sync as sync_service
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import trust_repo

PASS = "stolen-laptop passphrase 2026"
TOWN = "330106001"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def served(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[LiveServer, list[str]]]:
    """The live server on SQLite and on PostgreSQL, and the CLI's --data/--db for it."""
    with ExitStack() as stack:
        db = stack.enter_context(pg_database()) if request.param == "postgresql" else None
        server = stack.enter_context(live_server(tmp_path / "srv", db))
        yield server, ["--data", str(server.data), *(["--db", db] if db else [])]


def _device(tmp_path: Path, server: LiveServer, name: str, role: str) -> AppContext:
    ctx = open_context(tmp_path / name)
    sync_service.login(ctx, server.url, server.enroll(role, TOWN, name))
    return ctx


def _confirm(e: AppContext, finding_id: str, expert_id: str) -> None:
    review = major.review(e, finding_id)
    major.confirm(
        e, finding_id, expert_id=expert_id, reviewed_sha256=review.content_sha256, passphrase=PASS
    )


def test_a_signature_made_after_the_theft_fails_verify_after_the_revocation_is_pulled(
    tmp_path: Path, served: tuple[LiveServer, list[str]]
) -> None:
    server, where = served
    grid = _device(tmp_path, server, "grid", "grid")
    laptop = _device(tmp_path, server, "laptop", "expert")
    try:
        expert = sites.add_person(
            laptop, {"name": "陈志强", "role": Role.EXPERT, "jurisdiction": TOWN}, actor_id="t"
        )
        keys.enroll_key(laptop, expert.id, PASS)
        first = make_field_data(grid, TOWN, findings_n=1, photos_per_finding=0).finding_ids[0]
        second = make_field_data(grid, TOWN, findings_n=1, photos_per_finding=0).finding_ids[0]
        assert sync_service.sync(laptop).ok and sync_service.sync(grid).ok
        assert sync_service.sync(laptop).ok  # the suspected major hazards reach the expert
        _confirm(laptop, first, expert.id)  # the expert, before the laptop was lost
        assert sync_service.sync(laptop).ok
        lost = clock.now() + timedelta(hours=1)
        thief = lost + timedelta(hours=1)
        clock.set_clock(lambda: thief)
        try:
            _confirm(laptop, second, expert.id)  # the thief knows the passphrase
            assert sync_service.sync(laptop).ok
        finally:
            clock.set_clock(None)
        assert sync_service.sync(grid).ok
        assert verify_all(grid).ok  # both look genuine until the county acts

        with server.app.state.server.engine.connect() as conn:  # type: ignore[attr-defined]
            [stolen] = [d["device_id"] for d in auth.devices(conn) if d["name"] == "laptop"]
        assert server_cli([*where, "revoke", stolen, "--keys-from", lost.isoformat()]) == 0
        assert sync_service.sync(grid).ok
        with grid.db.read() as s:
            [att] = trust_repo.attestations(s).values()
        assert att["revoked_from"] is not None

        report = verify_all(grid)
        assert not report.ok
        assert {f.finding_id for f in report.failures} == {second}, report.failures
        revoked, unbacked = sorted(report.failures, key=lambda f: f.signature_id is None)
        assert "signed after the county revoked key" in revoked.reason
        assert "claims to be confirmed by an expert but no valid expert" in unbacked.reason
        assert report.valid_signatures == report.signatures - 1  # before the theft: valid
    finally:
        grid.close()
        laptop.close()
