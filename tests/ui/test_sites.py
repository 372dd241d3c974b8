# SPDX-License-Identifier: Apache-2.0
"""单位: search, add with Chinese input and a checked 统一社会信用代码, edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from ui_helpers import screen_at_1366, type_chinese

from fieldcheck.core.errors import DuplicateSiteError
from fieldcheck.core.phone import phone_problem
from fieldcheck.core.uscc import ALPHABET, check_char, make_uscc, uscc_problem
from fieldcheck.services.sites import sites
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.site_dialog import SiteDialog, uscc_feedback
from fieldcheck.ui.sites.sites_view import SitesView

GOOD = make_uscc("91410105MA44XYW12")


def test_uscc_feedback_while_typing() -> None:
    assert uscc_feedback("")[0] is True
    ok, text = uscc_feedback("91410105")
    assert not ok and "还差 10 位" in text
    ok, text = uscc_feedback("9141O105")
    assert not ok and "第 5 位" in text
    wrong = GOOD[:17] + ("0" if GOOD[17] != "0" else "1")
    ok, text = uscc_feedback(wrong)
    assert not ok and f"“{GOOD[17]}”" in text
    assert uscc_feedback(GOOD) == (True, "✓ 代码有效")


def test_add_a_site_typed_in_chinese(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    view.add()
    dialog = view.dialog
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    type_chinese(dialog.name, "金水区老王烧烤店")
    type_chinese(dialog.address, "郑州市金水区农业路18号")
    qtbot.keyClicks(dialog.uscc, GOOD[:10].lower())  # lower case is raised as typed
    assert dialog.uscc.text() == GOOD[:10]
    assert not save.isEnabled() and "还差 8 位" in dialog.uscc_hint.text()
    qtbot.keyClicks(dialog.uscc, GOOD[10:])
    assert save.isEnabled() and "有效" in dialog.uscc_hint.text()
    save.click()  # 行业 and 场所类型 have no default: they must be chosen
    assert dialog.result() != SiteDialog.DialogCode.Accepted
    assert "行业" in dialog.error.text() and "场所类型" in dialog.error.text()
    dialog.industry.setCurrentIndex(dialog.industry.findData("餐饮"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("九小场所"))
    save.click()
    assert dialog.result() == SiteDialog.DialogCode.Accepted
    found = sites.search_sites(state.ctx, "老王烧烤")
    assert [(s.name, s.uscc, s.jurisdiction) for s in found] == [
        ("金水区老王烧烤店", GOOD, "410105001")
    ]
    assert view.selected() is not None and view.selected().name == "金水区老王烧烤店"


def test_missing_required_fields_are_named(qtbot: QtBot, state: AppState) -> None:
    dialog = SiteDialog(state)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, "无地址小店")
    dialog.save()
    assert "地址" in dialog.error.text()
    assert sites.search_sites(state.ctx, "无地址小店") == []


def test_search_narrows_and_edit_saves(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 32
    type_chinese(view.search, "木业")
    qtbot.waitUntil(lambda: view.table.rowCount() < 32)
    assert view.results and all("木业" in s.name for s in view.results), [
        s.name for s in view.results
    ]
    target = view.selected()
    assert target is not None
    assert "统一社会信用代码" in view.record.details.text()
    view.edit()
    view.dialog.legal_rep.clear()
    type_chinese(view.dialog.legal_rep, "欧阳修")
    view.dialog.save()
    assert sites.get_site(state.ctx, target.id).legal_rep == "欧阳修"


def test_site_history_lists_its_hazards_and_inspections(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    site = view.selected()
    assert site is not None
    assert view.record.hazards.rowCount() > 0
    assert all(e.site_id == site.id for e in view.record.hazards.entries)
    assert view.record.history.count() > 0
    with qtbot.waitSignal(state.start_inspection) as started:
        qtbot.mouseClick(view.inspect_button, Qt.MouseButton.LeftButton)
    assert started.args == [site.id]


def _filled(qtbot: QtBot, state: AppState, name: str, uscc: str) -> SiteDialog:
    dialog = SiteDialog(state)
    qtbot.addWidget(dialog)
    type_chinese(dialog.name, name)
    type_chinese(dialog.address, "郑州市金水区农业路20号")
    dialog.uscc.setText(uscc)
    dialog.industry.setCurrentIndex(dialog.industry.findData("零售"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("九小场所"))
    return dialog


def test_a_second_site_with_the_same_credit_code_is_refused(qtbot: QtBot, state: AppState) -> None:
    existing = next(s for s in sites.search_sites(state.ctx, "") if s.uscc)
    dialog = _filled(qtbot, state, "同一家店换个名字", existing.uscc or "")
    dialog.save()
    assert dialog.result() != SiteDialog.DialogCode.Accepted
    assert existing.name in dialog.error.text() and "一企一档" in dialog.error.text()
    assert sites.search_sites(state.ctx, "同一家店换个名字") == []
    assert dialog.open_existing.isVisibleTo(dialog)
    with qtbot.waitSignal(state.open_site) as opened:
        dialog.open_existing.click()
    assert opened.args == [existing.id]
    with pytest.raises(DuplicateSiteError) as err:
        sites.register_site(
            state.ctx,
            {
                "name": "又一家",
                "address": "某路1号",
                "jurisdiction": "410105001",
                "uscc": existing.uscc,
            },
            actor_id=state.actor_id,
        )
    assert err.value.existing_id == existing.id


def test_phone_numbers_are_checked(qtbot: QtBot, state: AppState) -> None:
    dialog = _filled(qtbot, state, "电话不对的小店", "")
    dialog.contact_phone.setText("1380013800")  # 10 digits
    dialog.save()
    assert dialog.result() != SiteDialog.DialogCode.Accepted
    assert "11 位" in dialog.error.text()
    for good in ("13800138000", "0371-65123456", "(0371)6512345"):
        assert phone_problem(good) is None, good
    for bad in ("1380013800", "65123456", "0371-123", "138001380001"):
        assert phone_problem(bad) is not None, bad
    dialog.contact_phone.setText("0371-65123456")
    dialog.save()
    assert dialog.result() == SiteDialog.DialogCode.Accepted


def test_our_credit_code_check_agrees_with_python_stdnum() -> None:
    """Our check character is python-stdnum's; we keep ours for its messages in words.

    stdnum.cn.uscc also refuses codes whose embedded organisation code is off, with
    bare exception names (InvalidComponent); the register shows which character and
    what it should be instead.
    """
    import random

    from stdnum.cn import uscc as stdnum_uscc

    rng = random.Random(14)
    for _ in range(300):
        body = "".join(rng.choice(ALPHABET) for _ in range(17))
        assert stdnum_uscc.calc_check_digit(body) == check_char(body)
        bad = body + next(c for c in ALPHABET if c != check_char(body))
        assert uscc_problem(bad) is not None
    real = "91110000600037341L"  # a published code
    assert stdnum_uscc.is_valid(real) and uscc_problem(real) is None


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_site_list_shows_its_industries_and_kinds_whole(
    qtbot: QtBot, state: AppState, language: str, request: pytest.FixtureRequest
) -> None:
    """At 1366 in English 行业 and 场所类型 cut 'Small public venue' to 'Small public…' and
    'Construction site' to 'Constructio…'; the address, cut instead, has its tooltip."""
    if language == "en":
        request.getfixturevalue("english")
    view = screen_at_1366(qtbot, state, "sites")
    assert isinstance(view, SitesView)
    table, header = view.table, view.table.horizontalHeader()
    metrics = table.fontMetrics()
    rows = range(table.rowCount())
    assert ("Small public venue" in {table.item(r, 3).text() for r in rows}) == (language == "en")
    for col in (0, 2, 3):
        widest = max(metrics.horizontalAdvance(table.item(r, col).text()) for r in rows)
        # a cell's margins and grid line: Qt takes 7 px
        assert header.sectionSize(col) >= widest + 6, (col, header.sectionSize(col), widest)
    assert header.sectionViewportPosition(3) + header.sectionSize(3) <= table.viewport().width()
    for r in rows:
        assert table.item(r, 1).toolTip() == table.item(r, 1).text()
