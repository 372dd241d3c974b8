# SPDX-License-Identifier: Apache-2.0
"""`verify --all` for issued documents: each frozen PDF still hashes to what was recorded.

A notice's signed PDF is frozen at its first signed rendering (services/documents/documents.py):
the file under documents/ must still have the recorded SHA-256, and the notice's stored
content must still have the digest the PDF was rendered from. Notices without a frozen
PDF (issued elsewhere and pulled, or never printed signed here) are counted, not failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldcheck.reports.model import DocumentData
from fieldcheck.services.context import AppContext
from fieldcheck.services.documents.documents import frozen_problem
from fieldcheck.storage import issued_pdfs


@dataclass(frozen=True)
class DocumentProblem:
    notice_id: str
    number: str
    reason: str


def check_documents(ctx: AppContext) -> tuple[int, int, list[DocumentProblem]]:
    """(PDFs checked, notices without a frozen PDF, problems) for every issued notice."""
    with ctx.db.read() as s:
        frozen = issued_pdfs.all_frozen(s)
        notices = issued_pdfs.notice_payloads(s)
    problems: list[DocumentProblem] = []
    for pdf in frozen:
        number, payload = notices.get(pdf.notice_id, ("", "{}"))
        problem = frozen_problem(ctx, pdf)
        if problem is None and _digest(payload) != pdf.content_sha256:
            problem = (
                "the notice's stored content changed after its PDF was issued "
                "(edited in the database?)"
            )
        if problem is not None:
            problems.append(DocumentProblem(pdf.notice_id, number, problem))
    unfrozen = len(set(notices) - {p.notice_id for p in frozen})
    return len(frozen), unfrozen, problems


def _digest(payload: str) -> str:
    try:
        return DocumentData.model_validate_json(payload).digest()
    except ValueError:
        return ""
