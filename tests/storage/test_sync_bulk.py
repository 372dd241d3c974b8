# SPDX-License-Identifier: Apache-2.0
"""A pulled page of new records goes in at once, ends as the one-by-one path would, and
leaves to that path whatever it cannot do safely."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from fieldcheck.core import clock
from fieldcheck.core.models import Finding, Inspection, Notice, Person, Site
from fieldcheck.core.terms import NoticeKind, Role
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.sync import pulled
from fieldcheck.storage import outbox, sync_bulk, sync_repo
from fieldcheck.storage.tables import FindingRow, NoticeRow
from fieldcheck.sync.protocol import content_sha256


def _pulled(entity: str, record: Any) -> sync_bulk.Pulled:
    content = record.model_dump(mode="json")
    return sync_bulk.Pulled(
        entity, content, content_sha256(content), pulled.decode(entity, content)
    )


def _visit() -> tuple[list[sync_bulk.Pulled], list[str]]:
    person = Person(name="王网格", role=Role.GRID, jurisdiction="330106001")
    site = Site(name="东风五金厂", address="东风路1号", jurisdiction="330106001")
    visit = Inspection(site_id=site.id, inspector_ids=[person.id], started_at=clock.now())
    found = [
        Finding(
            inspection_id=visit.id,
            site_id=site.id,
            description=f"灭火器失效 {i}",
            found_at=visit.started_at,
            found_by=person.id,
        )
        for i in range(2)
    ]
    notice = Notice(
        kind=NoticeKind.RECTIFICATION,
        number="检通〔2026〕B-00001号",
        inspection_id=visit.id,
        site_id=site.id,
        issued_by=person.id,
        issued_at=clock.now(),
        finding_ids=[found[0].id],
    )
    page = [_pulled("person", person), _pulled("site", site), _pulled("inspection", visit)]
    page += [_pulled("finding", f) for f in found] + [_pulled("notice", notice)]
    return page, [f.id for f in found]


def test_a_new_page_goes_in_whole_and_freezes_what_its_notice_lists(ctx: AppContext) -> None:
    page, (listed, free) = _visit()
    with ctx.db.transaction() as s:
        done, frozen = sync_bulk.apply_new_or_none(s, page, clock.now())
        sync_bulk.freeze(s, frozen)
    assert done == dict.fromkeys(range(len(page)), "applied")
    assert findings.is_frozen(ctx, listed) and not findings.is_frozen(ctx, free)
    with ctx.db.read() as s:
        shas = sync_repo.server_shas(s, {(p.entity, p.content["id"]) for p in page})
        assert shas == {(p.entity, p.content["id"]): p.sha256 for p in page}
        assert [n.number for n in s.exec(select(NoticeRow))] == ["检通〔2026〕B-00001号"]
    with ctx.db.transaction() as s:  # the same page again: nothing new
        again, _ = sync_bulk.apply_new_or_none(s, page, clock.now())
    assert set(again.values()) == {"same"}


def test_a_page_whose_reference_is_missing_keeps_nothing_of_the_bulk(ctx: AppContext) -> None:
    page, _ = _visit()
    without_visit = [p for p in page if p.entity != "inspection"]  # findings point nowhere
    with ctx.db.transaction() as s:
        done, frozen = sync_bulk.apply_new_or_none(s, without_visit, clock.now())
    assert (done, frozen) == ({}, set())
    with ctx.db.read() as s:
        assert s.exec(select(FindingRow)).all() == []
        assert sync_repo.server_shas(s, {(p.entity, p.content["id"]) for p in page}) == {}


def test_a_record_with_a_local_change_pending_is_left_to_the_one_by_one_path(
    ctx: AppContext,
) -> None:
    page, (_, free) = _visit()
    mine = next(p for p in page if p.content["id"] == free)  # nothing in the page names it
    with ctx.db.transaction() as s:
        outbox.enqueue(s, entity="finding", entity_id=free, payload=mine.content)
    with ctx.db.transaction() as s:
        done, _ = sync_bulk.apply_new_or_none(s, page, clock.now())
    assert page.index(mine) not in done
    assert len(done) == len(page) - 1


def test_a_record_its_wire_model_refuses_is_left_to_the_one_by_one_path(
    ctx: AppContext,
) -> None:
    page, (_, free) = _visit()
    i = next(i for i, p in enumerate(page) if p.content["id"] == free)
    odd = {**page[i].content, "colour": "red"}  # a field protocol 1 does not know
    page[i] = sync_bulk.Pulled("finding", odd, content_sha256(odd), None)
    with ctx.db.transaction() as s:
        done, _ = sync_bulk.apply_new_or_none(s, page, clock.now())
    assert i not in done and len(done) == len(page) - 1
    with ctx.db.read() as s:
        assert s.get(FindingRow, free) is None
