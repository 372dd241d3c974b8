# SPDX-License-Identifier: Apache-2.0
"""Each record of a push checked on its own, and what it hangs from.

A record that fails (bounds, size, hash, what the device may write, its kind's strict
wire model) becomes a Refusal with a code (sync/refusals.py) instead of stopping its
batch: ingest.py refuses it, and every record of the batch that hangs from it, and
applies the rest.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable

from fieldcheck.server.auth import Device
from fieldcheck.server.bounds import bounded
from fieldcheck.server.ingest_rows import Key
from fieldcheck.server.references import targets
from fieldcheck.server.scope import (
    Forbidden,
    Parsed,
    RecordProblem,
    Refusal,
    may_write,
    parse,
    where,
)
from fieldcheck.sync import refusals
from fieldcheck.sync.protocol import MAX_RECORD_BYTES, Change, Entity, PushRequest

Checked = tuple[list[Parsed | Refusal], dict[str, str]]  # per change; sha256 -> its text
Vet = Callable[[Change], Refusal | None]  # a further check, in apply order (trust.py)


def check_all(device: Device, request: PushRequest) -> Checked:
    """Every change of a batch checked on its own (bounds, size, hash, what the device may
    write, its kind's strict wire model) before anything is decided: its facts, or why
    it is refused."""
    texts: dict[str, str] = {}
    checked: list[Parsed | Refusal] = []
    for i, change in enumerate(request.changes):
        try:
            checked.append(_check(i, change, device, texts))
        except (RecordProblem, Forbidden) as exc:
            checked.append(Refusal(exc.code, str(exc)))
    return checked, texts


def _check(index: int, change: Change, device: Device, texts: dict[str, str]) -> Parsed:
    text = bounded(index, change)
    if len(text) > MAX_RECORD_BYTES:
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: "
            f"record larger than {MAX_RECORD_BYTES} bytes",
            refusals.TOO_LARGE,
        )
    texts[change.sha256] = text.decode("utf-8")  # serialised once, stored as is
    if hashlib.sha256(text).hexdigest() != change.sha256:
        raise RecordProblem(
            f"{where(index, change.entity, change.entity_id)}: "
            "sha256 does not match the content sent",
            refusals.HASH_MISMATCH,
        )
    if not may_write(device.role, change.entity):
        raise Forbidden(
            f"{where(index, change.entity, change.entity_id)}: "
            f"a {device.role.value} device may not write "
            f"{change.entity.value}"
        )
    return parse(index, change.entity, change.entity_id, change.content, texts[change.sha256])


def needs(change: Change, p: Parsed) -> set[Key]:
    """Every record this one hangs from: its parent, its finding, what it names, the key
    a signature was made with."""
    found = set(targets(change))
    if p.parent is not None:
        found.add((p.parent[0].value, p.parent[1]))
    if p.finding_id is not None:
        found.add((Entity.FINDING.value, p.finding_id))
    key_id = change.content.get("key_id") if change.entity is Entity.SIGNATURE else None
    if isinstance(key_id, str):
        found.add((Entity.PERSON_KEY.value, key_id))
    found.discard((change.entity.value, change.entity_id))
    return found


def in_order(changes: list[Change], wants: list[set[Key]]) -> list[int]:
    """The order to apply a batch in: each record after the records of the batch it hangs
    from (and after the earlier versions of itself), otherwise as sent, so a reference
    may point forward in a batch (``wants``: per change, what it hangs from, ``needs``).
    Records caught in a cycle keep the order sent."""
    positions: dict[Key, list[int]] = {}
    for i, change in enumerate(changes):
        positions.setdefault((change.entity.value, change.entity_id), []).append(i)
    after: list[set[int]] = [set() for _ in changes]  # i -> what must come before it
    for i, (change, hangs) in enumerate(zip(changes, wants, strict=True)):
        own = positions[(change.entity.value, change.entity_id)]
        after[i].update(j for j in own if j < i)
        for key in hangs:
            after[i].update(positions.get(key, ()))
    waiting = [len(a) for a in after]
    unblocks: list[list[int]] = [[] for _ in changes]
    for i, before in enumerate(after):
        for j in before:
            unblocks[j].append(i)
    ready = [i for i, n in enumerate(waiting) if n == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for k in unblocks[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, k)
    done = set(order)
    return order + [i for i in range(len(changes)) if i not in done]
