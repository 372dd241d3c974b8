# SPDX-License-Identifier: Apache-2.0
"""单位 → 合并重复单位: offered only for a code registered twice; afterwards one site."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldcheck.core import clock
from fieldcheck.core.ids import new_id
from fieldcheck.services.documents import notices
from fieldcheck.services.findings import ledger
from fieldcheck.services.sites import sites
from fieldcheck.services.sync import pulled
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import sync_conflicts
from fieldcheck.sync.protocol import content_sha256
from fieldcheck.ui.documents.notices_view import NoticesView
from fieldcheck.ui.shell.state import AppState
from fieldcheck.ui.sites.sites_view import SitesView


def _rows(view: SitesView) -> list[str]:
    return [s.id for s in view.results]


def test_merge_a_site_registered_twice(qtbot: QtBot, state: AppState) -> None:
    ctx = state.ctx
    with_notices = {n.site_id for n in notices.list_notices(ctx)}
    original = next(s for s in sites.search_sites(ctx) if s.uscc and s.id in with_notices)
    notices_before = len(notices.list_notices(ctx, site_id=original.id))
    findings_before = len(ledger.ledger(ctx, ledger.ledger_filter(site_id=original.id)))
    twin = {**original.model_dump(mode="json"), "id": new_id(), "name": original.name + "（重复）"}
    with ctx.db.transaction() as s:  # the same unit, as another laptop registered it (pulled)
        sync_conflicts.apply_pulled(
            s, "site", twin, content_sha256(twin), clock.now(), content_sha256, pulled.decode
        )
    view = SitesView(state)
    qtbot.addWidget(view)
    view.show()
    view.search.setText(original.uscc or "")
    qtbot.waitUntil(lambda: set(_rows(view)) == {original.id, twin["id"]})
    view.select_site(twin["id"])
    assert view.merge_button.isVisible()
    view.merge_button.click()
    dialog = view.merge_dialog
    assert dialog.other.currentData() == original.id
    assert original.uscc and original.uscc in dialog.note.text()
    dialog.merge_button.click()
    assert dialog.result_merge is not None
    qtbot.waitUntil(lambda: _rows(view) == [twin["id"]])
    # The kept site's pane shows the merged one's hazards; nothing signed broke.
    assert view.record.hazards.rowCount() == findings_before
    assert not view.merge_button.isVisible()
    assert verify_all(ctx).ok
    # 文书 lists the merged site's documents under the kept one.
    docs = NoticesView(state)
    qtbot.addWidget(docs)
    docs.show_site(twin["id"])
    assert docs.site.currentData() == twin["id"]
    assert docs.table.rowCount() == notices_before > 0


def test_no_merge_offered_for_a_site_registered_once(qtbot: QtBot, state: AppState) -> None:
    view = SitesView(state)
    qtbot.addWidget(view)
    view.show()
    assert view.selected() is not None
    assert not view.merge_button.isVisible()
