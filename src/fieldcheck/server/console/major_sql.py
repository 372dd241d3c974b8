# SPDX-License-Identifier: Apache-2.0
"""core.terms.is_suspected_major as SQL: a major hazard is 重大隐患 only once the expert
confirmed it; until then (major_status 'suspected') it is 疑似重大隐患 and no figure
counts it as major. Both conditions are never NULL, so NOT and CASE read them plainly."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func
from sqlalchemy.sql.elements import ColumnElement

from fieldcheck.core.terms import Level, MajorStatus


def suspected(level: Any, major_status: Any) -> ColumnElement[bool]:
    """A major hazard no expert has confirmed or downgraded yet (疑似重大隐患)."""
    return and_(
        level == Level.MAJOR.value,
        func.coalesce(major_status, "") == MajorStatus.SUSPECTED.value,
    )


def established(level: Any, major_status: Any) -> ColumnElement[bool]:
    """A major hazard that is not awaiting the expert (重大隐患)."""
    return and_(
        level == Level.MAJOR.value,
        func.coalesce(major_status, "") != MajorStatus.SUSPECTED.value,
    )
