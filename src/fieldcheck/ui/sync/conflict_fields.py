# SPDX-License-Identifier: Apache-2.0
"""A record's fields in 同步冲突 as the window shows them elsewhere: each field by its
name (error_words.FIELD_NAMES, record_fields.RECORD_FIELDS), times on the device's clock,
people, sites and inspections by name where this device has them, statuses and levels in
words."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.error_words import FIELD_NAMES, field_label
from fieldcheck.ui.shell.labels import (
    date_text,
    datetime_text,
    kind_label,
    level_label,
    major_label,
    role_label,
    status_label,
)
from fieldcheck.ui.sync.record_fields import RECORD_FIELDS

TIMES = {"found_at", "started_at", "finished_at", "at", "updated_at", "taken_at", "imported_at"}
TIMES |= {"issued_at", "signed_at", "created_at", "expires_at", "revoked_at", "device_clock"}
DAYS = {"deadline"}
PEOPLE = {"found_by", "actor_id", "inspector_ids", "signer_id", "issued_by", "imported_by"}
PEOPLE |= {"person_id"}
SITES = {"site_id", "merged_into"}
HAZARDS = {"finding_id", "finding_ids"}  # by its description, as the ledger names it
WORDS: dict[str, Callable[[str], str]] = {
    "status": status_label,
    "from_status": status_label,
    "to_status": status_label,
    "level": level_label,
    "major_status": major_label,
    "role": role_label,
    "kind": kind_label,
}


def label(key: str) -> str:
    """The field's name; one this window does not know (what the server may have refused)
    says so with its raw name: 未知栏目（colour）."""
    if key in FIELD_NAMES:
        return field_label(key)
    if key in RECORD_FIELDS:
        return QCoreApplication.translate("conflicts", RECORD_FIELDS[key])
    return QCoreApplication.translate("conflicts", "未知栏目（%1）").replace("%1", key)


def _person(ctx: AppContext, ident: str) -> str:
    try:
        return sites.get_person(ctx, ident).name
    except FieldcheckError:
        return ident


def _site(ctx: AppContext, ident: str) -> str:
    try:
        return sites.get_site(ctx, ident).name
    except FieldcheckError:
        return ident


def _hazard(ctx: AppContext, ident: str) -> str:
    try:
        return findings.get_finding(ctx, ident).description
    except FieldcheckError:
        return ident


def _inspection(ctx: AppContext, ident: str) -> str:
    try:
        found = inspections.get_inspection(ctx, ident)
    except FieldcheckError:
        return ident
    return f"{date_text(found.started_at)} · {_site(ctx, found.site_id)}"


def _raw(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        yes = QCoreApplication.translate("conflicts", "是")
        return yes if value else QCoreApplication.translate("conflicts", "否")
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _one(ctx: AppContext, key: str, value: str) -> str:
    try:
        if key in TIMES:
            return datetime_text(value)
        if key in DAYS:
            return date_text(date.fromisoformat(value))
        if key in WORDS:
            return WORDS[key](value) or value
    except ValueError:  # not what this window knows (a newer server, a damaged record)
        return value
    if key in PEOPLE:
        return _person(ctx, value)
    if key in SITES:
        return _site(ctx, value)
    if key in HAZARDS:
        return _hazard(ctx, value)
    if key == "inspection_id":
        return _inspection(ctx, value)
    return value


def value_text(ctx: AppContext, key: str, value: Any) -> str:
    """The value as the window shows it elsewhere; anything it cannot read, as it came."""
    if isinstance(value, str) and value:
        return _one(ctx, key, value)
    if key == "basis" and isinstance(value, dict):  # 判定条款、法律依据, as the form has them
        said = [str(value[k]) for k in ("clause_ref", "legal_basis") if value.get(k)]
        return "、".join(said) or "—"
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        name = _person if key in PEOPLE else _hazard if key in HAZARDS else None
        if name is not None:  # 李建国、王芳; in English 'Li, Wang'
            return QCoreApplication.translate("conflicts", "、").join(name(ctx, v) for v in value)
    return _raw(value)
