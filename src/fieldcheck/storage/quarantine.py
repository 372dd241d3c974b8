# SPDX-License-Identifier: Apache-2.0
"""Pulled records this device cannot apply, kept aside so one record never stops a pull.

A quarantined record is an open conflict with ``source="quarantine"``: its server side
is the record as pulled, its local side only the reason it could not be applied. A
person sees it among the conflicts; each sync tries it again (its parent may have
arrived since) and settles it when it applies.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from fieldcheck.storage import sync_conflicts
from fieldcheck.storage.sync_apply import Decode
from fieldcheck.storage.sync_tables import SyncConflictRow

SOURCE = "quarantine"
REASON = "quarantine_reason"  # why, in English: the detail for whoever looks closer
CODE = "quarantine_code"  # why, as a stable code a window words (services/sync/aside_words.py)
UNREAD = "unread"  # beside the reason: the record did not even read (sync/pull_page.py)


def _why(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:500]


def code_of(exc: BaseException) -> str:
    """The stable code of why a pulled record did not apply: the one its error carries
    (``aside_code``), else what the database or the record's reading refused."""
    code = getattr(exc, "aside_code", None)
    if isinstance(code, str):
        return code
    if isinstance(exc, IntegrityError):
        return "duplicate" if "UNIQUE" in str(exc.orig).upper() else "missing_parent"
    if isinstance(exc, ValueError):  # the wire or core model (pydantic's errors are ValueError)
        return "wrong_fields"
    return "not_applied"


# A record set aside before codes were stored has only its English reason: what that
# reason says (pull_page's details, the error's class name) read as today's code.
_BEFORE_CODES = (
    ("withheld by server", "withheld"),
    ("not an object", "not_object"),
    ("levels deep", "too_deep"),
    ("nested deeper than", "too_deep"),
    ("lone surrogate", "lone_surrogate"),
    ("unknown kind", "unknown_kind"),
    ("does not fit the record model", "not_record"),
    ("overrides the record's id", "id_override"),
    ("MissingOriginal:", "missing_original"),
    ("BadAttestation:", "bad_attestation"),
    ("ValidationError:", "wrong_fields"),
    ("ValueError:", "wrong_fields"),
)


def code_in(local: dict[str, Any]) -> str:
    """The code of a set-aside record's local side; one kept before codes were stored
    reads as what its reason says (not_applied when it says nothing known)."""
    code = local.get(CODE)
    if isinstance(code, str) and code:
        return code
    reason = str(local.get(REASON) or "")
    if reason.startswith("IntegrityError:"):
        return "duplicate" if "UNIQUE" in reason.upper() else "missing_parent"
    return next((code for words, code in _BEFORE_CODES if words in reason), "not_applied")


def _local(exc: BaseException) -> dict[str, str]:
    return {CODE: code_of(exc), REASON: _why(exc)}


def keep(
    s: Session,
    entity: str,
    content: dict[str, Any],
    sha: str,
    exc: BaseException,
    now: datetime,
) -> None:
    """Set one pulled record aside with the reason it could not be applied."""
    ident = str(content.get("id", "")) if isinstance(content, dict) else ""
    sync_conflicts.keep_conflict(
        s,
        entity=entity,
        entity_id=ident,
        local_sha="",
        local=_local(exc),
        server_sha=sha,
        server=content,
        source=SOURCE,
        now=now,
    )


def keep_unread(
    s: Session, entity: str, entity_id: str, code: str, reason: str, text: str, now: datetime
) -> None:
    """Set aside a pulled record that did not read (too deep, a lone surrogate, an unknown
    kind, not an object, an id override): its text as received is kept for a person, and
    it is never tried again; only a new version from the server replaces it."""
    sync_conflicts.keep_conflict(
        s,
        entity=entity,
        entity_id=entity_id,
        local_sha="",
        local={CODE: code, REASON: reason[:500], UNREAD: True},
        server_sha="",
        server={"id": entity_id, "text": text},
        source=SOURCE,
        now=now,
    )


def open_rows(s: Session) -> list[SyncConflictRow]:
    return sync_conflicts.open_from(s, SOURCE)


def retry(
    s: Session, now: datetime, sha_of: Callable[[dict[str, Any]], str], decode: Decode
) -> int:
    """Apply what was set aside where it now applies; how many did."""
    done = 0
    for row in open_rows(s):
        if json.loads(row.local_json).get(UNREAD):
            continue
        content = json.loads(row.server_json)
        try:
            with s.begin_nested():
                row.resolved_at, row.resolution = now, "applied"
                s.add(row)
                s.flush()
                sync_conflicts.apply_pulled(
                    s, row.entity, content, row.server_sha256, now, sha_of, decode
                )
        except Exception as exc:
            s.expire(row)
            row.local_json = json.dumps(_local(exc), ensure_ascii=False)
            s.add(row)
            continue
        done += 1
    return done
