# SPDX-License-Identifier: Apache-2.0
"""What a device may read: the pull feed, what the server holds, and the counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.server.auth import Device
from fieldcheck.server.bounds import held_problem
from fieldcheck.server.logs import log
from fieldcheck.server.scope import EXPERT_CONTEXT
from fieldcheck.server.tables import BLOB as BL
from fieldcheck.server.tables import CHANGE as C
from fieldcheck.server.tables import RECORD as R
from fieldcheck.server.tables import VERSION as V
from fieldcheck.sync.protocol import (
    MAX_PULL,
    Counts,
    DeviceRole,
    Entity,
    HeldRecord,
    PulledRecord,
    PullResponse,
    RecordRef,
    WithheldRecord,
)

KINDS = frozenset(e.value for e in Entity)
PEOPLE = (Entity.PERSON.value, Entity.PERSON_KEY.value, Entity.KEY_ATTESTATION.value)


def _like_prefix(code: str) -> str:
    return code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _visible(
    device: Device,
    jur: ColumnElement[str],
    finding: ColumnElement[str | None],
    entity: ColumnElement[str],
) -> ColumnElement[bool]:
    """The rows of a table this device may see."""
    code = device.jurisdiction
    # LIKE narrows (and uses the index); the exact prefix decides, because SQLite's LIKE
    # ignores letter case and "ABC" must not see "abc1".
    inside: ColumnElement[bool] = and_(
        jur.like(_like_prefix(code), escape="\\"), func.substr(jur, 1, len(code)) == code
    )
    # People of the levels above (a county's experts and supervisors) sign in this
    # device's area: their records and public keys are needed to check those signatures.
    above = [device.jurisdiction[:n] for n in range(1, len(device.jurisdiction))]
    inside = or_(inside, and_(entity.in_(PEOPLE), jur.in_(above)))
    if device.role is not DeviceRole.EXPERT:
        return inside
    majors = select(R.c.entity_id).where(R.c.entity == Entity.FINDING.value, R.c.major.is_(True))
    context = entity.in_([e.value for e in EXPERT_CONTEXT])
    return and_(inside, or_(context, finding.in_(majors)))


WINDOW = 10 * MAX_PULL  # feed positions one query scans: a range the seq index answers
MAX_WINDOWS = 50  # per request, so a device far behind a busy feed still gets quick answers


def pull(conn: Connection, device: Device, since: int, limit: int = MAX_PULL) -> PullResponse:
    """Accepted versions after ``since`` that this device may see, other devices' first-hand.

    The feed is read in windows of seq (an index range scan each), never as "everything
    after since, sorted": that asks the database to join and sort the whole rest of the
    feed per page, which made pulling a township quadratic. The newest position is read
    first; positions commit in order, so everything up to it is already visible."""
    limit = max(1, min(limit, MAX_PULL))
    end = int(conn.execute(select(func.coalesce(func.max(C.c.seq), 0))).scalar_one())
    seen = _visible(device, C.c.jurisdiction, C.c.finding_id, C.c.entity)
    query = (
        select(C.c.seq, C.c.entity, C.c.entity_id, C.c.sha256, V.c.content_json)
        .join(
            V,
            and_(
                V.c.entity == C.c.entity, V.c.entity_id == C.c.entity_id, V.c.sha256 == C.c.sha256
            ),
        )
        .where(C.c.device_id != device.id, seen)
        .order_by(C.c.seq)
    )
    rows: list[Any] = []
    scanned, windows = since, 0
    while scanned < end and len(rows) <= limit and windows < MAX_WINDOWS:
        upto = min(scanned + WINDOW, end)
        window = query.where(C.c.seq > scanned, C.c.seq <= upto).limit(limit + 1 - len(rows))
        rows += conn.execute(window).all()
        scanned, windows = upto, windows + 1
    full = len(rows) > limit
    rows = rows[:limit]
    records, withheld = [], []
    for r in rows:
        content, problem = held_problem(r.content_json)
        if r.entity not in KINDS:
            content, problem = None, "a kind the protocol does not have"
        if content is None:  # stored before the ingest bounds: skipped, and named
            log(
                "pull_withheld",
                device=device.id,
                entity=r.entity,
                entity_id=r.entity_id,
                seq=r.seq,
                error=problem,
            )
            withheld.append(
                WithheldRecord(
                    seq=r.seq, entity=r.entity[:200], entity_id=r.entity_id, reason=problem
                )
            )
            continue
        records.append(
            PulledRecord(
                seq=r.seq,
                entity=Entity(r.entity),
                entity_id=r.entity_id,
                sha256=r.sha256,
                content=content,
            )
        )
    # A full page resumes after its last record; otherwise after what was scanned, which
    # skips the positions this device may not see.
    cursor = rows[-1].seq if full else max(since, scanned)
    return PullResponse(
        records=records, cursor=cursor, more=full or cursor < end, withheld=withheld
    )


def held(conn: Connection, device: Device, refs: list[RecordRef]) -> list[HeldRecord]:
    """For each asked record: the server's current version, how many versions and conflicts."""
    if not refs:
        return []
    ids = sorted({r.entity_id for r in refs})
    heads = {
        (r.entity, r.entity_id): r.head_sha256
        for r in conn.execute(
            select(R.c.entity, R.c.entity_id, R.c.head_sha256).where(
                R.c.entity_id.in_(ids),
                _visible(device, R.c.jurisdiction, R.c.finding_id, R.c.entity),
            )
        )
    }
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for v in conn.execute(
        select(V.c.entity, V.c.entity_id, V.c.state, func.count())
        .where(V.c.entity_id.in_(ids))
        .group_by(V.c.entity, V.c.entity_id, V.c.state)
    ):
        counts.setdefault((v.entity, v.entity_id), {})[v.state] = v[3]
    out = []
    for ref in refs:
        key = (ref.entity.value, ref.entity_id)
        head = heads.get(key)
        c = counts.get(key, {}) if head is not None else {}
        out.append(
            HeldRecord(
                entity=ref.entity,
                entity_id=ref.entity_id,
                sha256=head,
                versions=c.get("accepted", 0) + c.get("conflict", 0),
                conflicts=c.get("conflict", 0),
            )
        )
    return out


def may_read_blob(conn: Connection, device: Device, sha: str) -> bool:
    """A device may fetch an original only when a record it can see names it (a photo, or
    a co-sign signature naming the site's handwritten signature)."""
    found = conn.execute(
        select(R.c.entity_id)
        .where(
            R.c.blob_sha256 == sha,
            _visible(device, R.c.jurisdiction, R.c.finding_id, R.c.entity),
        )
        .limit(1)
    ).first()
    return found is not None


def blob_registered(conn: Connection, sha: str) -> bool:
    return conn.execute(select(BL.c.sha256).where(BL.c.sha256 == sha)).first() is not None


def counts(conn: Connection, device: Device | None = None) -> Counts:
    """Current records per kind, the same figures as the device's status (corrected
    findings count once, as their newest version); with a device, only what it may see."""
    seen = (
        _visible(device, R.c.jurisdiction, R.c.finding_id, R.c.entity)
        if device is not None
        else R.c.entity.is_not(None)
    )
    by_kind: dict[str, int] = {
        str(e): int(n)
        for e, n in conn.execute(
            select(R.c.entity, func.count()).where(seen).group_by(R.c.entity)
        ).all()
    }
    corrected = conn.execute(
        select(func.count(func.distinct(R.c.supersedes))).where(
            R.c.entity == Entity.FINDING.value, R.c.supersedes.is_not(None), seen
        )
    ).scalar_one()
    return Counts(
        sites=by_kind.get("site", 0),
        inspections=by_kind.get("inspection", 0),
        findings=by_kind.get("finding", 0) - corrected,
        photos=by_kind.get("photo", 0),
    )
