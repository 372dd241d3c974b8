# SPDX-License-Identifier: Apache-2.0
"""What is waiting to go to the server, counted in the things people know.

The outbox holds record versions, events and signatures (a thousand and more on a busy
day); a grid worker thinks in hazards, photos and documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldcheck.services.context import AppContext
from fieldcheck.storage import outbox, sync_blobs


@dataclass(frozen=True)
class Waiting:
    """Hazards, photos and documents not yet confirmed by the server; other records."""

    hazards: int
    photos: int
    documents: int
    other: int  # sites, inspections, people...: counted, shown only in the proof view

    @property
    def empty(self) -> bool:
        return not (self.hazards or self.photos or self.documents or self.other)


def waiting(ctx: AppContext) -> Waiting:
    with ctx.db.read() as s:
        by = outbox.pending_by_entity(s)
        photo_files = len(sync_blobs.blobs_to_send(s))
    hazards = by.pop("finding", 0)
    by.pop("finding_event", None)  # steps of those hazards (or of synced ones): not counted
    photos = max(photo_files, by.pop("photo", 0))
    documents = by.pop("notice", 0)
    return Waiting(hazards, photos, documents, sum(by.values()))
