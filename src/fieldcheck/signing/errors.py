# SPDX-License-Identifier: Apache-2.0
"""Errors of signing: each one means the step was refused and nothing was changed."""

from __future__ import annotations

from fieldcheck.core.errors import DomainError


class SigningError(DomainError):
    """A signature could not be made or a key could not be used."""


class WrongPassphraseError(SigningError):
    """The passphrase does not open the private key."""


class KeyStateError(SigningError):
    """No usable key: none enrolled, expired, or revoked."""


class RoleError(SigningError):
    """The person's role may not sign this step."""


class ContentChangedError(SigningError):
    """What would be signed differs from what the signer reviewed."""
