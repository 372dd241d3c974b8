# SPDX-License-Identifier: Apache-2.0
"""Fixtures: the server app in-process (TestClient), enrolled devices, wire records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fieldcheck.core.ids import new_id
from fieldcheck.core.models import Finding, Inspection, Site
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.sync.protocol import DeviceRole, content_sha256

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def app_client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path / "srv")
    with TestClient(app) as client:
        yield client
    app.state.server.engine.dispose()


@pytest.fixture
def token_for(app_client: TestClient) -> Callable[..., dict[str, str]]:
    def make(
        role: str = "grid", jurisdiction: str = "330106001", days: int | None = None
    ) -> dict[str, str]:
        engine = app_client.app.state.server.engine  # type: ignore[attr-defined]
        with engine.begin() as conn:
            _, token = auth.enroll(
                conn, name="测试", role=DeviceRole(role), jurisdiction=jurisdiction, days=days
            )
        return {"Authorization": f"Bearer {token}"}

    return make


def change(entity: str, record: Any, base: str | None = None) -> dict[str, Any]:
    content = record.model_dump(mode="json") if hasattr(record, "model_dump") else record
    return {
        "entity": entity,
        "entity_id": content["id"],
        "content": content,
        "sha256": content_sha256(content),
        "base_sha256": base,
    }


# What a device's photo record always carries besides what a test cares about (sync/wire.py
# PhotoV1: the pixel size and the two clocks of the import).
PHOTO_REST: dict[str, Any] = {
    "width": 1,
    "height": 1,
    "imported_at": NOW.isoformat(),
    "device_clock": NOW.isoformat(),
}


def batch(*changes: dict[str, Any]) -> dict[str, Any]:
    return {"protocol": 1, "batch_id": new_id(), "changes": list(changes)}


def site_chain(
    jurisdiction: str = "330106001", major: bool = False
) -> tuple[Site, Inspection, Finding]:
    site = Site(name="东风五金厂", address="东风路1号", jurisdiction=jurisdiction)
    insp = Inspection(site_id=site.id, inspector_ids=[new_id()], started_at=NOW)
    finding = Finding(
        inspection_id=insp.id,
        site_id=site.id,
        description="灭火器失效",
        found_at=NOW,
        found_by=new_id(),
        level="major" if major else "general",
    )
    return site, insp, finding


class Signer:
    """A person with a real Ed25519 key, as their device would push them, and their signatures."""

    def __init__(self, role: str = "grid", jurisdiction: str = "330106001") -> None:
        from fieldcheck.core.models import Person
        from fieldcheck.signing import keys as keymod

        self.private = keymod.generate()
        self.person = Person(id=new_id(), name="签名人", role=role, jurisdiction=jurisdiction)
        self.key = {
            "id": new_id(),
            "person_id": self.person.id,
            "public_key_b64": keymod.public_b64(self.private),
            "created_at": "2026-01-01T00:00:00+00:00",
            "expires_at": "2029-01-01T00:00:00+00:00",
            "revoked_at": None,
        }

    def records(self) -> list[dict[str, Any]]:
        """The person and the key, as changes."""
        return [change("person", self.person), change("person_key", self.key)]

    def sign(
        self,
        subject_id: str,
        *,
        purpose: str = "co_sign",
        role: str | None = None,
        at: datetime = NOW,
        **extra: Any,
    ) -> dict[str, Any]:
        """A signature record with a valid signature by this key (role: what it claims),
        signed at the time at."""
        from fieldcheck.signing import signatures
        from fieldcheck.signing.canonical import Statement

        record: dict[str, Any] = {
            "id": new_id(),
            "subject_kind": "finding",
            "subject_id": subject_id,
            "signer_id": self.person.id,
            "key_id": self.key["id"],
            "role": role or self.person.role.value,
            "purpose": purpose,
            "comment": "",
            "content_version": 1,
            "content_sha256": "ab" * 32,
            "signed_at": at.isoformat(),
            **extra,
        }
        statement = Statement(
            record["subject_kind"],
            subject_id,
            purpose,
            self.person.id,
            record["role"],
            self.key["id"],
            "",
            at,
            1,
            record["content_sha256"],
        )
        record["signature_b64"] = signatures.sign(self.private, statement.to_bytes())
        return record


PUSH = "/v1/push?codes=true"  # as a device of protocol 1.2 asks: refusals carry their code


def coded(resp: Any) -> list[tuple[str, str | None]]:
    """(status, code) per receipt of a push answered 200."""
    assert resp.status_code == 200, resp.text
    return [(r["status"], r.get("code")) for r in resp.json()["receipts"]]
