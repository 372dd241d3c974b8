# SPDX-License-Identifier: Apache-2.0
"""Document numbers that look official and stay unique offline.

A number is （前缀）整改〔2026〕07-0002号: the county's prefix, the kind's code, the
year, this device's serial and its own running count. The serial is issued by the
sync server at login (the device's place in the county's enrolment order), so it is
short, never shared by two enrolled devices, and not derived from a file that a copy
or a backup carries along. A device that never logged in keeps a code made from its
own id until it does.

Stable API for the first-run wizard::

    example_number(ctx)                 # the next number this device would issue
    format_number(prefix="金水", kind=NoticeKind.RECTIFICATION, year=2026, device="07", seq=2)
"""

from __future__ import annotations

from fieldcheck.core import clock
from fieldcheck.core.terms import NoticeKind
from fieldcheck.reports.wording import NUMBER_CODES
from fieldcheck.services.context import AppContext
from fieldcheck.services.sync import home_check
from fieldcheck.storage import notice_repo
from fieldcheck.storage.db import Session


def serial_code(serial: int) -> str:
    """The device part of a number for a server-issued serial (at least two digits)."""
    return f"{serial:02d}"


def format_number(*, prefix: str, kind: NoticeKind, year: int, device: str, seq: int) -> str:
    """（prefix）CODE〔year〕device-0001号; no prefix, no brackets."""
    head = f"（{prefix}）" if prefix else ""
    return f"{head}{NUMBER_CODES[kind]}〔{year}〕{device}-{seq:04d}号"


def example_number(ctx: AppContext, kind: NoticeKind = NoticeKind.RECTIFICATION) -> str:
    """The next number of kind this device would issue now (nothing is taken or stored)."""
    year = clock.today().year
    with ctx.db.transaction() as s:  # the device code is made once, on first need
        device = notice_repo.device_code(s)
        seq = notice_repo.peek_sequence(s, kind.value, year)
        prefix = notice_repo.get_setting(s, "prefix")
    return format_number(prefix=prefix, kind=kind, year=year, device=device, seq=seq)


def take_serial(s: Session, serial: int) -> str:
    """Adopt the server-issued serial as this device's numbering code (at login)."""
    code = serial_code(serial)
    notice_repo.set_device_code(s, code)
    return code


def number_for(s: Session, kind: NoticeKind, prefix: str) -> str:
    """（前缀）检记〔2026〕DEVICE-0001号 — unique across devices that issue offline."""
    home_check.refuse_if_copied(s)  # a copied or restored home would reuse numbers
    year = clock.today().year
    device = notice_repo.device_code(s)
    while True:  # a number someone typed in by hand is skipped, never reused
        seq = notice_repo.next_sequence(s, kind.value, year)
        number = format_number(prefix=prefix, kind=kind, year=year, device=device, seq=seq)
        if not notice_repo.number_taken(s, number):
            return number


def first_number(ctx: AppContext, prefix: str, kind: NoticeKind = NoticeKind.RECTIFICATION) -> str:
    """What this device's first number of the year looks like with prefix (uses none up)."""
    with ctx.db.read() as s:
        device = notice_repo.device_code(s)
    year = clock.today().year
    return format_number(prefix=prefix.strip(), kind=kind, year=year, device=device, seq=1)
