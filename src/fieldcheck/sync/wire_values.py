# SPDX-License-Identifier: Apache-2.0
"""The closed vocabularies and bounded strings of protocol 1's records (sync/wire.py).

Written out here, not taken from ``core``: a value a device may send is part of the
wire contract, and a new one is a protocol step (tests/server/test_poison_ingest.py holds
these lists equal to the core enums, so a core change that forgets the wire fails).
Lengths are the core models' own, so the server never takes a record that another
device's store would refuse.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from fieldcheck.core.uscc import uscc_problem

Text = Annotated[str, StringConstraints(max_length=4000)]
Note = Annotated[str, StringConstraints(max_length=2000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Short = Annotated[str, StringConstraints(max_length=200)]
Label = Annotated[str, StringConstraints(max_length=100)]
Code = Annotated[str, StringConstraints(max_length=40)]  # phone numbers, area codes
Word = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
# Another record's id (people, sites, findings...) or a checklist's: devices make UUIDs,
# checklists have short names; either fits in 80 characters.
Ref = Annotated[str, StringConstraints(min_length=1, max_length=80)]


def _uscc(value: str | None) -> str | None:
    if value:  # sent as the device stored it: normalised and checked
        problem = uscc_problem(value)
        if problem:
            raise ValueError(f"统一社会信用代码 {value[:18]!r}: {problem}")
    return value


Uscc = Annotated[str | None, StringConstraints(max_length=18), AfterValidator(_uscc)]

Role = Literal["grid", "enforcement", "expert", "supervisor", "site_rep"]
RiskLevel = Literal["low", "medium", "high", "major"]
InspectionKind = Literal["routine", "special", "reinspection", "revisit"]
Outcome = Literal["pass", "fail", "na", "unchecked"]
Level = Literal["general", "major"]
MajorStatus = Literal["suspected", "confirmed", "downgraded"]
Status = Literal[
    "found",
    "assigned",
    "rectifying",
    "verified",
    "failed_verification",
    "closed",
    "revisit",
    "withdrawn",
]
# A finding event's action: a step of the loop, of the major-hazard workflow, or a change.
Action = Literal[
    "assign",
    "report_rectification",
    "fix_on_spot",
    "verify_pass",
    "verify_fail",
    "close",
    "revisit",
    "revisit_confirm",
    "reopen",
    "withdraw",
    "major_flag",
    "major_confirm",
    "major_downgrade",
    "major_send_back",
    "site_sign",
    "site_refuse",
    "record",
    "edit",
    "correct",
]
PhotoKind = Literal["evidence", "rectification", "revisit"]
NoticeKind = Literal["record", "rectification", "order", "review"]
