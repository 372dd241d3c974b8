# SPDX-License-Identifier: Apache-2.0
"""Applying a record pulled from the server to the device's tables, idempotently.

A pulled record is the full JSON the other device queued (a core model dump or a
row's columns). It is mapped onto the table's columns: nested objects (a finding's
``basis``) are flattened, lists go to their ``*_json`` column, columns the record does
not carry keep their local value (or a neutral default for a new row).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel

from fieldcheck.storage.signing_tables import SiteAckRow
from fieldcheck.storage.sync_tables import KeyAttestationRow
from fieldcheck.storage.tables import (
    BlobRow,
    FindingEventRow,
    FindingRow,
    InspectionRow,
    ItemResultRow,
    NoticeRow,
    PersonKeyRow,
    PersonRow,
    PhotoRow,
    SignatureRow,
    SiteRow,
)

TABLES: dict[str, type[SQLModel]] = {
    "site": SiteRow,
    "person": PersonRow,
    "inspection": InspectionRow,
    "item_result": ItemResultRow,
    "finding": FindingRow,
    "finding_event": FindingEventRow,
    "photo": PhotoRow,
    "notice": NoticeRow,
    "signature": SignatureRow,
    "person_key": PersonKeyRow,
    "key_attestation": KeyAttestationRow,
}
# Columns that are the device's own business and never taken from another device.
LOCAL_ONLY = frozenset({"encrypted_private", "frozen", "superseded_by"})


def _flatten(content: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in content.items():
        if isinstance(value, dict):
            flat.update(value)  # e.g. a finding's basis -> checklist_id, clause_ref...
        else:
            flat[key] = value
    return flat


def _neutral(column: Any, now: datetime) -> Any:
    try:  # a TypeDecorator (sqlmodel's UTCDateTime) knows its type through impl
        kind = getattr(column.type, "impl", column.type).python_type
    except NotImplementedError:
        return ""
    if issubclass(kind, datetime):
        return now
    if issubclass(kind, date):
        return now.date()
    if issubclass(kind, bool):
        return False
    if issubclass(kind, int | float):
        return 0
    return ""


def row_values(
    table: type[SQLModel], content: dict[str, Any], existing: SQLModel | None, now: datetime
) -> dict[str, Any]:
    """Column values for table from a pulled record, keeping local-only columns."""
    flat = _flatten(content)
    values: dict[str, Any] = {}
    for name, column in table.__table__.columns.items():  # type: ignore[attr-defined]
        if name in LOCAL_ONLY:
            if existing is not None:
                values[name] = getattr(existing, name)
            continue
        if name in flat:
            values[name] = flat[name]
        elif name.endswith("_json") and name[:-5] in flat:
            values[name] = json.dumps(flat[name[:-5]], ensure_ascii=False)
        elif existing is not None:
            values[name] = getattr(existing, name)
        elif column.default is None and not column.nullable:
            values[name] = _neutral(column, now)
    return values


def apply_record(s: Session, entity: str, content: dict[str, Any], now: datetime) -> None:
    """Insert or update the local row for one pulled record."""
    table = TABLES[entity]
    ident = content["id"]
    existing = s.get(table, ident)
    if entity == "person_key" and existing is not None:
        _same_key(existing, content)
    ack = content.get("site_ack") if entity == "signature" else None
    if ack is not None:
        content = {k: v for k, v in content.items() if k != "site_ack"}  # not to be flattened
    if entity == "photo":
        _ensure_blob(s, content, now)
    row = table.model_validate(row_values(table, content, existing, now))
    if existing is None:
        s.add(row)
    else:
        for name in table.__table__.columns.keys():  # type: ignore[attr-defined]  # noqa: SIM118
            setattr(existing, name, getattr(row, name))
        s.add(existing)
    s.flush()
    if ack is not None and s.get(SiteAckRow, ack["id"]) is None:
        # After its signature row (the foreign key); the image's blob row is already there.
        s.add(SiteAckRow.model_validate(ack))
        s.flush()
    _freeze(s, entity, content)
    if entity == "finding" and content.get("supersedes"):
        old = s.get(FindingRow, content["supersedes"])
        if old is not None and old.superseded_by != ident:
            old.superseded_by = ident
            s.add(old)


def _same_key(existing: SQLModel, content: dict[str, Any]) -> None:
    """A key's public half and owner never change; only its revocation arrives later."""
    if (content.get("public_key_b64"), content.get("person_id")) != (
        getattr(existing, "public_key_b64", None),
        getattr(existing, "person_id", None),
    ):
        raise ValueError(
            f"key {content.get('id')} arrived with another public key or owner than the one "
            "this device holds; a key is never replaced, so it was set aside"
        )


def _freeze(s: Session, entity: str, content: dict[str, Any]) -> None:
    """A finding another device signed or put on a notice is frozen here too."""
    if entity == "signature" and content.get("subject_kind") == "finding":
        covered = [content["subject_id"]]
    elif entity == "notice":
        covered = list(content.get("finding_ids") or [])
    else:
        return
    for fid in covered:
        row = s.get(FindingRow, fid)
        if row is not None and not row.frozen:
            row.frozen = True
            s.add(row)


def _ensure_blob(s: Session, content: dict[str, Any], now: datetime) -> None:
    # The original itself is already in the photo store (downloaded and hash-checked).
    if s.get(BlobRow, content["sha256"]) is None:
        s.add(
            BlobRow(
                sha256=content["sha256"],
                bytes=int(content["bytes"]),
                mime=str(content["mime"]),
                stored_at=now,
            )
        )
        s.flush()
