# SPDX-License-Identifier: Apache-2.0
"""English counts agree with their number: "1 document", not "1 documents" (Qt's %n plural
forms, tr(source, "", n)); one photo's caption reads "Hazard", not "Hazards"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from fieldcheck.ui.shell.main import install_translators


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    translators = install_translators(qapp, QLocale("en"))
    yield
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(before)


def tr(context: str, source: str, n: int = -1) -> str:
    return QCoreApplication.translate(context, source, None, n)


@pytest.mark.parametrize(
    ("context", "source", "one", "two"),
    [
        ("SyncStatus", "%n 条隐患", "1 hazard", "2 hazards"),
        ("SyncStatus", "%n 张照片", "1 photo", "2 photos"),
        ("SyncStatus", "%n 份文书", "1 document", "2 documents"),
        (
            "NoticesView",
            "共 %n 份文书（其中作废 %1 份）",
            "1 document (%1 voided)",
            "2 documents (%1 voided)",
        ),
        ("LedgerView", "共 %n 项隐患", "1 hazard", "2 hazards"),
    ],
)
def test_counts_take_the_number_s_form(
    english: None, context: str, source: str, one: str, two: str
) -> None:
    assert (tr(context, source, 1), tr(context, source, 2)) == (one, two)


def test_chinese_counts_read_the_number(qapp: QApplication) -> None:
    assert tr("SyncStatus", "%n 份文书", 1) == "1 份文书"


def test_one_photo_is_a_hazard_photo(english: None) -> None:
    assert tr("PhotoArea", "隐患") == "Hazard" and tr("AcceptDialog", "隐患") == "Hazard"
    assert tr("SiteRecord", "隐患") == "Hazards"  # a tab listing a site's hazards
