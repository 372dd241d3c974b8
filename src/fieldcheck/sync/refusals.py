# SPDX-License-Identifier: Apache-2.0
"""Why the server refuses one record of a push, as a stable code (protocol 1.2).

A receipt with status ``rejected`` carries ``code`` when the device asked for codes
(``POST /v1/push?codes=true``; a device that does not ask never sees the field, so an
older device's strict receipt model still reads the answer). A waiting code means the
record goes again by itself at the next sync (what it needs is not on the server yet);
any other code means the record itself was refused: the device sets it aside for a
person (同步冲突), and the rest of its outbox goes on.
"""

from __future__ import annotations

from typing import Final

# The record waits: what it needs has not reached the server yet.
PARENT_MISSING: Final = "parent_missing"  # its site, inspection, finding, person or key
ORIGINAL_MISSING: Final = "original_missing"  # its photo, handwriting or signed PDF bytes
BASE_MISSING: Final = "base_missing"  # the version it was made from
WAITING: Final = frozenset({PARENT_MISSING, ORIGINAL_MISSING, BASE_MISSING})

# The record is refused: it fails its own checks.
TOO_LARGE: Final = "too_large"
HASH_MISMATCH: Final = "hash_mismatch"
TOO_DEEP: Final = "too_deep"
BAD_TEXT: Final = "bad_text"  # a NUL, a lone surrogate, a number JSON has not got
WRONG_FIELDS: Final = "wrong_fields"  # its kind's strict wire model refused it
SERVER_ONLY: Final = "server_only"  # a kind only the server writes
ROLE_FORBIDDEN: Final = "role_forbidden"
OUTSIDE_JURISDICTION: Final = "outside_jurisdiction"
MAJOR_ONLY: Final = "major_only"  # an expert's record about a general hazard
KEY_REFUSED: Final = "key_refused"
SIGNATURE_REFUSED: Final = "signature_refused"  # forged, unattested key, wrong role, ...
REFERENCE_MISSING: Final = "reference_missing"
DUPLICATE: Final = "duplicate"  # a document number another notice holds
DEPENDS_ON_REFUSED: Final = "depends_on_refused"  # a record it hangs from was refused


def sets_aside(code: str | None) -> bool:
    """Whether a rejected receipt's record is set aside for a person (not retried by itself).
    No code (a server before 1.2): it stays pending, as it always did."""
    return code is not None and code not in WAITING
