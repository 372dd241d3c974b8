# SPDX-License-Identifier: Apache-2.0
"""专家审核 captions each photo with when and where it was taken, not with its hash."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import person_id

from fieldcheck.core.terms import Role
from fieldcheck.photos.metadata import Gps
from fieldcheck.services.evidence import photos
from fieldcheck.services.major import major
from fieldcheck.services.major.major import ReviewPhoto
from fieldcheck.ui.evidence.photo_caption import photo_caption
from fieldcheck.ui.major.expert_view import ExpertView
from fieldcheck.ui.shell.state import AppState


def test_the_expert_page_names_time_and_place(
    qtbot: QtBot, state: AppState, tmp_path: Path
) -> None:
    from fieldcheck.paths import resources_dir
    from fieldcheck.photos.sample import demo_photo  # a camera JPEG with EXIF time and GPS

    ctx = state.ctx
    state.settings = replace(state.settings, person_id=person_id(ctx, Role.EXPERT))
    fid = major.review_queue(ctx)[0].finding.id
    font = next((resources_dir() / "fonts").glob("*.tt[fc]"))
    shot = demo_photo(
        tmp_path / "IMG_0001.jpg", caption="配电箱", taken=datetime(2026, 12, 1, 9, 32, 5),
        gps=(34.747120, 113.625310), font=font, seed=7,
    )  # fmt: skip
    photos.attach_photos(ctx, fid, [shot], actor_id=state.actor_id)
    view = ExpertView(state)
    qtbot.addWidget(view)
    row = next(i for i, r in enumerate(view.reviews) if r.finding.id == fid)
    view.queue.setCurrentRow(row)
    texts = [view.photos.item(i).text() for i in range(view.photos.count())]
    review = view.reviews[row]
    assert texts and all(p.sha256[:8] not in t for p, t in zip(review.photos, texts, strict=True))
    # A camera that recorded no UTC offset: its own clock, said to be so (as on the paper).
    assert texts[-1] == "2026年12月1日 09:32（相机时间）\n北纬 34.7471° 东经 113.6253°"
    assert all(re.fullmatch(r"\d{4}年\d+月\d+日 \d\d:\d\d.*\n[北南]纬 .*", t) for t in texts)
    tip = view.photos.item(len(texts) - 1).toolTip()
    assert tip.endswith(f"SHA-256 {review.photos[-1].sha256}")  # the hash is one hover away


def test_a_photo_without_time_or_place_says_so(qapp: QApplication) -> None:
    bare = ReviewPhoto(
        "0" * 64, "evidence", Path("x"), imported_at=datetime(2026, 12, 1, 2, tzinfo=UTC)
    )
    assert photo_caption(bare) == "未记录拍摄时间（导入于 2026年12月1日 10:00）\n未记录拍摄位置"
    south = ReviewPhoto("0" * 64, "evidence", Path("x"), gps=Gps(-33.8688, 151.2093))
    assert photo_caption(south).endswith("南纬 33.8688° 东经 151.2093°")
