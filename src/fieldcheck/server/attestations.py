# SPDX-License-Identifier: Apache-2.0
"""The server's attestations of people's keys, stored and put on the pull feed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from fieldcheck.server.heads import current_content, select_current
from fieldcheck.server.tables import CHANGE as C
from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import SERVER_DEVICE
from fieldcheck.server.tables import VERSION as V
from fieldcheck.signing import attestation
from fieldcheck.signing import keys as keymod
from fieldcheck.signing.errors import SigningError
from fieldcheck.sync.protocol import Entity, canonical_json, content_sha256

ATTESTATION = "key_attestation"  # the feed entity carrying the server's attestations


def publish(
    conn: Connection, att: attestation.KeyAttestation, jurisdiction: str, now: datetime
) -> None:
    """Store an attestation as a record of its own and put it on the pull feed (a key
    attested again, as when the county revokes it, becomes the record's new version)."""
    content = att.content()
    sha = content_sha256(content)
    ident = {"entity": ATTESTATION, "entity_id": att.key_id}
    this = (R.c.entity == ATTESTATION, R.c.entity_id == att.key_id)
    base = conn.execute(select(R.c.head_sha256).where(*this)).scalar_one_or_none()
    version = {"sha256": sha, "base_sha256": base, "content_json": canonical_json(content)}
    by_server = {"device_id": SERVER_DEVICE}
    conn.execute(
        V.insert().values(**ident, **version, **by_server, state="accepted", received_at=now)
    )
    head = {"head_sha256": sha, "updated_at": now}
    if base is not None:
        conn.execute(update(R).where(*this).values(**head))
    else:
        where = {"jurisdiction": jurisdiction, "finding_id": None, "supersedes": None}
        conn.execute(R.insert().values(**ident, **head, **where, major=False, blob_sha256=None))
    conn.execute(
        C.insert().values(
            **ident, sha256=sha, **by_server, jurisdiction=jurisdiction, finding_id=None
        )
    )


def utc_time(value: Any) -> datetime | None:
    """A stored time (ISO text or datetime) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        out = value
    else:
        out = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return out if out.tzinfo else out.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Unattested:
    """A key the server accepted before it attested keys (or that lost its attestation)."""

    key_id: str
    person_id: str
    name: str
    role: str
    jurisdiction: str
    device_id: str
    fingerprint: str
    revoked: bool
    problem: str | None  # why it cannot be attested as it stands


def unattested(conn: Connection) -> list[Unattested]:
    """Every key held with no attestation, with what an attestation of it would say."""
    done = set(conn.execute(select(R.c.entity_id).where(R.c.entity == ATTESTATION)).scalars())
    rows = conn.execute(
        select_current(R.c.entity_id, R.c.jurisdiction, V.c.device_id, V.c.content_json).where(
            R.c.entity == Entity.PERSON_KEY.value
        )
    ).all()
    out: list[Unattested] = []
    for row in sorted(rows, key=lambda r: r.entity_id):
        if row.entity_id in done:
            continue
        key = json.loads(row.content_json)
        person_id = str(key.get("person_id", ""))
        person = current_content(conn, Entity.PERSON.value, person_id) or {}
        problem = None if person else f"its person {person_id} is not on the server"
        try:
            fingerprint = keymod.fingerprint(str(key.get("public_key_b64", "")))
        except SigningError as exc:
            fingerprint, problem = "", f"not a public key ({exc})"
        out.append(
            Unattested(
                key_id=row.entity_id,
                person_id=person_id,
                name=str(person.get("name", "")),
                role=str(person.get("role", "")),
                jurisdiction=str(person.get("jurisdiction") or row.jurisdiction),
                device_id=row.device_id,
                fingerprint=fingerprint,
                revoked=key.get("revoked_at") is not None,
                problem=problem,
            )
        )
    return out


def attest_held(
    conn: Connection, server_key: Ed25519PrivateKey, key_ids: set[str], now: datetime
) -> list[attestation.KeyAttestation]:
    """Attest the named held keys (the county's word for keys pushed before attestation
    existed), in the role of their person, valid from the key's own created_at; each goes
    on the pull feed. A key id not held unattested, or one that cannot be attested, is an
    error and nothing is attested."""
    pending = {u.key_id: u for u in unattested(conn)}
    missing = sorted(key_ids - pending.keys())
    if missing:
        raise ValueError(f"not a held key without attestation: {', '.join(missing)}")
    bad = [f"{k}: {pending[k].problem}" for k in sorted(key_ids) if pending[k].problem]
    if bad:
        raise ValueError("; ".join(bad))
    made: list[attestation.KeyAttestation] = []
    for key_id in sorted(key_ids):
        u = pending[key_id]
        key = current_content(conn, Entity.PERSON_KEY.value, key_id) or {}
        valid_from = utc_time(key.get("created_at"))
        if valid_from is None:
            raise ValueError(f"{key_id}: the key names no created_at")
        if key.get("revoked_at") is None:
            for other in _live_keys(conn, u.person_id, made):
                if other.key_id != key_id and other.device_id != u.device_id:
                    raise ValueError(
                        f"{key_id}: {u.name or u.person_id} already holds key {other.key_id} "
                        f"from device {other.device_id}; revoke one of them first"
                    )
        att = attestation.make(
            server_key,
            key_id=key_id,
            person_id=u.person_id,
            public_key_b64=str(key.get("public_key_b64", "")),
            role=u.role,
            jurisdiction=u.jurisdiction,
            valid_from=valid_from,
            valid_until=utc_time(key.get("expires_at")),
            replaces=None,
            device_id=u.device_id,
            attested_at=now,
        )
        publish(conn, att, u.jurisdiction, now)
        made.append(att)
    return made


def revoke_device_keys(
    conn: Connection,
    server_key: Ed25519PrivateKey,
    device_id: str,
    revoked_from: datetime,
    now: datetime,
) -> list[attestation.KeyAttestation]:
    """Revoke, from revoked_from on, every attested key the device registered (the keys
    of the people enrolled on a stolen laptop): each attestation is signed again with
    revoked_from and goes on the pull feed as the record's new version."""
    rows = conn.execute(
        select_current(V.c.content_json, R.c.jurisdiction).where(R.c.entity == ATTESTATION)
    ).all()
    made = []
    for row in rows:
        att = attestation.KeyAttestation.from_content(json.loads(row.content_json))
        if att.device_id != device_id:
            continue
        again = attestation.revoke(server_key, att, revoked_from, now)
        if again != att:
            publish(conn, again, row.jurisdiction, now)
        made.append(again)
    return sorted(made, key=lambda a: a.key_id)


def _live_keys(
    conn: Connection, person_id: str, made: list[attestation.KeyAttestation]
) -> list[attestation.KeyAttestation]:
    """The person's attested keys whose key record is not revoked."""
    rows = conn.execute(select_current(V.c.content_json).where(R.c.entity == ATTESTATION)).all()
    atts = [attestation.KeyAttestation.from_content(json.loads(r.content_json)) for r in rows]
    atts += made
    live = []
    for att in atts:
        if att.person_id != person_id:
            continue
        key = current_content(conn, Entity.PERSON_KEY.value, att.key_id) or {}
        if key.get("revoked_at") is None and att.revoked_from is None:
            live.append(att)
    return live
