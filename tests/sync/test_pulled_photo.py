# SPDX-License-Identifier: Apache-2.0
"""A pulled photo is read as the core Photo and goes into its row by photo_repo's mapper,
as a local import does (no parallel pulled-photo shape)."""

from __future__ import annotations

from typing import Any

from test_wire_v1 import recorded

from fieldcheck.core.models import Photo
from fieldcheck.services.sync import pulled
from fieldcheck.storage.photo_repo import photo_values
from fieldcheck.storage.tables import PhotoRow


def _a_recorded_photo() -> dict[str, Any]:
    return next(
        r["content"]
        for page in recorded("pull")
        for r in page["response"]["records"]
        if r["entity"] == "photo"
    )


def test_a_pulled_photo_is_the_core_photo_and_its_row_is_photo_repo_s() -> None:
    content = _a_recorded_photo()
    photo = pulled.decode("photo", content)
    assert isinstance(photo, Photo)
    values = photo_values(photo)
    assert set(values) == set(PhotoRow.model_fields)
    assert values == {k: v for k, v in content.items() if k in values} | {
        k: getattr(photo, k) for k in ("taken_at", "imported_at", "device_clock")
    }
