# SPDX-License-Identifier: Apache-2.0
"""Chinese phone numbers as written on a site's record: mobiles and landlines.

A mobile has 11 digits starting 13-19 (+86 allowed in front); a landline has an area
code (010, 02x, 0xxx) and a 7- or 8-digit number, with or without a hyphen or space,
and may end in an extension (转 123, -123). 400/800 service numbers are accepted.
"""

from __future__ import annotations

import re

_MOBILE = re.compile(r"(?:\+?86[- ]?)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?")
_SERVICE = re.compile(r"[48]00[- ]?\d{3}[- ]?\d{4}")


def phone_problem(text: str) -> str | None:
    """None when text is a plausible phone number (or empty), else why it is not."""
    number = text.strip().replace("（", "(").replace("）", ")")
    if not number:
        return None
    if any(p.fullmatch(number) for p in (_MOBILE, _LANDLINE, _SERVICE)):
        return None
    digits = re.sub(r"\D", "", number)
    if digits.startswith("1") and len(digits) != 11:
        return f"a mobile number has 11 digits, this has {len(digits)}"
    if digits.startswith("0"):
        return "a landline needs its area code and a 7- or 8-digit number, e.g. 0371-65123456"
    return "neither an 11-digit mobile nor a landline with its area code"
