# SPDX-License-Identifier: Apache-2.0
"""统一社会信用代码 (GB 32100-2015): 18 characters with a check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    value = 31 - total % 31
    return ALPHABET[0 if value == 31 else value]


def uscc_problem(code: str) -> str | None:
    """None when code is a valid 统一社会信用代码, else why it is not."""
    if len(code) != 18:
        return f"must be 18 characters, has {len(code)}"
    for pos, c in enumerate(code, start=1):
        if c not in ALPHABET:
            return (
                f"character {pos} {c!r} is not allowed (I, O, S, V, Z and lower case never occur)"
            )
    expected = check_char(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]!r}, expected {expected!r}"
    return None


def make_uscc(first17: str) -> str:
    """Complete a 17-character prefix with its check character (demo data, tests)."""
    return first17 + check_char(first17)
