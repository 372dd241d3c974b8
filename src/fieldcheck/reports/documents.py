# SPDX-License-Identifier: Apache-2.0
"""The four documents as stories of flowables: content only, no page furniture."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports import wording as t
from fieldcheck.reports.model import DocumentData
from fieldcheck.reports.parts import (
    Images,
    Writer,
    closing,
    fields_table,
    hazard_list,
    heading,
    major_numbers,
    photo_appendix,
    section,
)


def _names(data: DocumentData) -> tuple[str, str]:
    names = "、".join(o.name for o in data.inspectors)
    certs = "、".join(o.certificate_no for o in data.inspectors)
    return names, certs


def record(w: Writer, data: DocumentData, images: Images) -> list[Flowable]:
    """现场检查记录: the field grid, the introduction, what was found, signatures."""
    span = f"{t.cn_time(data.started_at)}至{t.cn_time(data.finished_at)}"
    rows = [
        [("被检查单位", data.site_name)],
        [("地址", data.site_address)],
        [("统一社会信用代码", data.site_uscc or "—")],
        [("法定代表人（负责人）", data.legal_rep), ("联系电话", data.site_phone)],
        [("检查场所", data.place or data.site_address)],
        [("检查时间", span)],
    ]
    names, certs = _names(data)
    intro = t.RECORD_INTRO_ENFORCEMENT if data.enforcement else t.RECORD_INTRO_TOWNSHIP
    story: list[Flowable] = [*heading(w, data), fields_table(w, rows), Spacer(1, 4 * mm)]
    story.append(w.p(intro.format(unit=data.issuer_unit, names=names, certs=certs)))
    story += section(w, "检查情况：")
    if data.hazards:
        story.append(w.p(t.RECORD_FOUND))
        story += hazard_list(w, data.hazards, deadline=False)
    else:
        story.append(w.p(t.RECORD_NONE))
    if not data.enforcement:
        story.append(w.p(t.RECORD_SCOPE))
    story.append(closing(w, data, images))
    return story + photo_appendix(w, data, images)


def _same_deadline(data: DocumentData) -> bool:
    return len({h.deadline for h in data.hazards}) == 1


def rectification(w: Writer, data: DocumentData, images: Images) -> list[Flowable]:
    """隐患整改通知书 (township, 限期整改意见书 wording): list, deadlines, escalation."""
    one = _same_deadline(data)
    story: list[Flowable] = [*heading(w, data), w.p(f"{data.site_name}：", "addressee")]
    story.append(w.p(t.OPENING))
    story += hazard_list(w, data.hazards, deadline=not one)
    majors = major_numbers(data.hazards)
    if majors:
        story.append(w.p(t.MAJOR_LINE.format(items=majors)))
    demand = (
        t.NOTICE_DEMAND_ONE.format(deadline=t.cn_date(data.hazards[0].deadline))
        if one
        else t.NOTICE_DEMAND_EACH
    )
    story.append(w.p(demand + t.NOTICE_ESCALATE.format(escalate_to=data.escalate_to)))
    story.append(closing(w, data, images, seal_line=data.issuer_unit))
    story.append(w.p(t.COPIES[data.kind].format(unit=data.issuer_unit), "copies"))
    return story + photo_appendix(w, data, images)


def order(w: Writer, data: DocumentData, images: Images) -> list[Flowable]:
    """责令限期整改指令书 (enforcement): list, per-item deadlines, appeal clause, seal."""
    one = _same_deadline(data)
    story: list[Flowable] = [*heading(w, data), w.p(f"{data.site_name}：", "addressee")]
    story.append(w.p(t.OPENING))
    story += hazard_list(w, data.hazards, deadline=not one)
    majors = major_numbers(data.hazards)
    if majors:
        story.append(w.p(t.MAJOR_LINE.format(items=majors)))
    if one:
        items = f"1至{len(data.hazards)}" if len(data.hazards) > 1 else "1"
        demand = t.ORDER_DEMAND_ONE.format(
            items=items, deadline=t.cn_date(data.hazards[0].deadline)
        )
    else:
        demand = t.ORDER_DEMAND_EACH.format(count=len(data.hazards))
    story.append(w.p(demand))
    story.append(w.p(t.ORDER_DURING))
    story.append(
        w.p(
            t.ORDER_APPEAL.format(
                government=data.appeal_government,
                department=data.appeal_department,
                court=data.appeal_court,
            )
        )
    )
    story.append(closing(w, data, images, seal_line=t.SEAL.format(unit=data.issuer_unit)))
    story.append(w.p(t.COPIES[data.kind].format(unit=data.issuer_unit), "copies"))
    return story + photo_appendix(w, data, images)


def review(w: Writer, data: DocumentData, images: Images) -> list[Flowable]:
    """整改复查意见书: refers to the earlier document; fixed, not fixed, new deadline."""
    story: list[Flowable] = [*heading(w, data), w.p(f"{data.site_name}：", "addressee")]
    date = t.cn_date(data.refers_to_date)
    if data.enforcement:
        intro = t.REVIEW_INTRO_ENFORCEMENT.format(
            date=date, title=data.refers_to_title, number=data.refers_to_number
        )
    else:
        intro = t.REVIEW_INTRO_TOWNSHIP.format(date=date, number=data.refers_to_number)
    story.append(w.p(intro))
    story += section(w, t.REVIEW_FIXED)
    story += hazard_list(w, data.fixed, deadline=False) or [w.p(t.REVIEW_NONE, "item")]
    story += section(w, t.REVIEW_UNFIXED)
    story += hazard_list(w, data.hazards, deadline=False) or [w.p(t.REVIEW_NONE, "item")]
    if data.hazards:
        story.append(w.p(t.REVIEW_NEW_DEADLINE.format(deadline=t.cn_date(data.new_deadline))))
    seal = t.SEAL.format(unit=data.issuer_unit) if data.enforcement else data.issuer_unit
    story.append(closing(w, data, images, seal_line=seal))
    story.append(w.p(t.COPIES[data.kind].format(unit=data.issuer_unit), "copies"))
    return story + photo_appendix(w, data, images)


BUILDERS: dict[NoticeKind, Callable[[Writer, DocumentData, Images], list[Flowable]]] = {
    NoticeKind.RECORD: record,
    NoticeKind.RECTIFICATION: rectification,
    NoticeKind.ORDER: order,
    NoticeKind.REVIEW: review,
}
