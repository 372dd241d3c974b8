# SPDX-License-Identifier: Apache-2.0
"""One exception root for everything fieldcheck raises on purpose."""

from __future__ import annotations


class FieldcheckError(Exception):
    """Root of every error fieldcheck raises deliberately; its message is for people."""


class DomainError(FieldcheckError):
    """A rule of the domain was broken (bad value, impossible step)."""


class InvalidValueError(DomainError):
    """A field holds a value the domain does not accept."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {reason} (got {value!r})")


class TransitionError(DomainError):
    """A finding was asked to move along the loop in a way the loop forbids."""

    def __init__(
        self, finding_id: str, current: str, action: str, allowed: list[str], why: str = ""
    ) -> None:
        self.finding_id = finding_id
        self.current = current
        self.action = action
        self.allowed = allowed
        self.why = why
        allowed_text = ", ".join(allowed) if allowed else "nothing (final state)"
        super().__init__(
            f"finding {finding_id}: cannot {action} while status is {current!r}"
            + (f" ({why})" if why else "")
            + f"; allowed from here: {allowed_text}"
        )


class ExpertReviewNeededError(DomainError):
    """A suspected major hazard reached 验收 before an expert confirmed or downgraded it."""


class ExpertAcceptanceNeededError(DomainError):
    """A confirmed major hazard's 验收 needs an expert's signature first."""


class CloseApprovalNeededError(DomainError):
    """A major hazard under 挂牌督办 is struck off (销号) only with the listing level's
    signed approval, which has not arrived."""


class SupersededError(DomainError):
    """A step was asked of a finding that a correction has replaced."""


class DuplicateSiteError(DomainError):
    """A site with this 统一社会信用代码 is already registered (一企一档)."""

    def __init__(self, uscc: str, existing_id: str, existing_name: str) -> None:
        self.uscc = uscc
        self.existing_id = existing_id
        self.existing_name = existing_name
        super().__init__(f"{existing_name} ({existing_id}) is already registered with code {uscc}")


class NotFoundError(FieldcheckError):
    """A record that was asked for does not exist."""

    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident}")


class FrozenError(DomainError):
    """Observed facts covered by a notice or a signature cannot be edited in place."""


class StorageError(FieldcheckError):
    """The local store cannot be opened or written; the message says where and why."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer fieldcheck than this one."""


class CorruptDatabaseError(StorageError):
    """The database file is damaged or is not a fieldcheck database."""


class StorageFullError(StorageError):
    """The disk (or the database's size limit) is full; nothing was written."""


class ReadOnlyStorageError(StorageError):
    """The data directory or database file cannot be written."""
