# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck notice ...` and `fieldcheck export ledger` end to end, and the workbook's shape."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from report_samples import PASS, Visit, enroll, soon

from fieldcheck.cli import main
from fieldcheck.core import clock
from fieldcheck.core.terms import NoticeKind
from fieldcheck.services.documents import document_files, notices


def _run(home: Path, *argv: str, stdin_pass: bool = False) -> int:
    if not stdin_pass:
        return main(["--home", str(home), *argv])
    r, w = os.pipe()
    os.write(w, (PASS + "\n").encode())
    os.close(w)
    try:
        return main(["--home", str(home), *argv, "--passphrase-fd", str(r)])
    finally:
        os.close(r)


def test_issue_list_render_void_from_the_command_line(
    visit: Visit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = visit.ctx.home.root
    enroll(visit.ctx, visit.grid)
    assert (
        _run(
            home,
            "notice",
            "issue",
            visit.inspection_id,
            "--kind",
            "rectification",
            "--deadline",
            soon().isoformat(),
        )
        == 0
    )
    assert "issued （金水）整改〔" in capsys.readouterr().out
    assert _run(home, "notice", "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["kind"] == "rectification" and row["site"] == "金水木业有限公司"
    assert set(row) >= {"id", "number", "kind", "inspection", "site", "issued_at", "voided"}
    out = tmp_path / "n.pdf"
    assert _run(home, "notice", "render", row["id"], "--out", str(out), stdin_pass=True) == 0
    assert "signed" in capsys.readouterr().out and out.is_file()
    assert _run(home, "verify", str(out)) == 0
    assert "genuine" in capsys.readouterr().out
    assert _run(home, "notice", "void", row["number"], "--reason", "送达对象错误") == 0
    assert _run(home, "notice", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])[0]["voided"] is True


def test_issue_sign_takes_the_windows_path_and_a_wrong_passphrase_issues_nothing(
    visit: Visit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = visit.ctx.home.root
    enroll(visit.ctx, visit.grid)
    issue = ["notice", "issue", visit.inspection_id, "--kind", "rectification"]
    issue += ["--deadline", soon().isoformat(), "--sign"]
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    with wrong.open() as fh:
        assert _run(home, *issue, "--passphrase-fd", str(fh.fileno())) == 1
    assert _run(home, "notice", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []  # the key is opened before anything is issued
    assert _run(home, *issue, stdin_pass=True) == 0
    out = capsys.readouterr().out
    [notice] = notices.list_notices(visit.ctx)
    kept = document_files.kept_path(visit.ctx, notices.document_data(visit.ctx, notice.id)[0])
    assert f"issued {notice.number}" in out and f"signed PDF kept at {kept}" in out
    assert _run(home, "verify", str(kept)) == 0  # where the window keeps it, signed
    assert "genuine" in capsys.readouterr().out
    assert (
        _run(
            home, "notice", "issue", visit.inspection_id, "--kind", "record", "--passphrase-fd", "0"
        )
        == 1
    )
    assert "only with --sign" in capsys.readouterr().err


def test_missing_fields_exit_with_the_list_on_stderr(
    ctx: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_samples import make_visit

    v = make_visit(ctx)  # type: ignore[arg-type]
    code = _run(v.ctx.home.root, "notice", "issue", v.inspection_id, "--kind", "rectification")
    err = capsys.readouterr().err
    assert code == 1 and "not issued; fill in first" in err and "逾期上报机关" in err


def test_ledger_workbook_has_one_row_per_hazard_and_opens_cleanly(
    visit: Visit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = notices.issue_notice(
        visit.ctx, visit.inspection_id, NoticeKind.RECTIFICATION, visit.grid, deadline=soon()
    )
    out = tmp_path / "台账.xlsx"
    assert _run(visit.ctx.home.root, "export", "ledger", "--out", str(out)) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    headers = [c.value for c in ws[2]]
    assert headers[:4] == ["序号", "被检查单位", "统一社会信用代码", "隐患描述"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(visit.finding_ids)
    col = {h: i for i, h in enumerate(headers)}
    first = rows[0]
    assert first[col["统一社会信用代码"]] == "91410105MA44XK3T22"
    assert first[col["文书编号"]] == n.number
    assert first[col["状态"]] == "已交办"
    assert first[col["整改期限"]].date() == soon()
    assert isinstance(first[col["交办日期"]].date(), date)
    assert any("判定标准" in (r[col["依据/条款"]] or "") for r in rows)
    assert ws.freeze_panes == "C3"
    assert (
        ws.cell(row=3, column=col["整改期限"] + 1).number_format == 'yyyy"年"m"月"d"日"'
    )  # one Chinese date form
    assert ws.column_dimensions["D"].width >= 30
    today = clock.today()
    assert f"{today.year}年{today.month}月{today.day}日" in str(ws.cell(row=1, column=1).value)
    assert {r[col["是否逾期"]] for r in rows} <= {"是", "否"}  # never blank
    basis = " ".join(str(r[col["依据/条款"]] or "") for r in rows)
    assert "jx-" not in basis and "检查表 " not in basis  # titles, never internal ids
