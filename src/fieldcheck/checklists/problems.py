# SPDX-License-Identifier: Apache-2.0
"""A problem found in checklist data, with the place it was found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fieldcheck.core.errors import FieldcheckError


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at ``where:line:column``; ``where`` is a file or ``Sheet!Cell``."""

    where: str
    line: int = 0
    column: int = 0
    message: str = ""

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.where}: {self.message}"
        return f"{self.where}:{self.line}:{self.column}: {self.message}"


class ChecklistDataError(FieldcheckError):
    """Checklist or criteria data is invalid; nothing of it was loaded."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        first = "; ".join(str(p) for p in self.problems[:3])
        more = len(self.problems) - 3
        suffix = f" (and {more} more; run `fieldcheck checklists validate`)" if more > 0 else ""
        super().__init__(f"invalid checklist data: {first}{suffix}")
