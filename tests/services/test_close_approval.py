# SPDX-License-Identifier: Apache-2.0
"""分级销号 on the device: a major hazard under 挂牌督办 is struck off only with the signed
approval of the level that listed it, verified here against the pinned server key; a
changed payload, another server's certificate or an approver of another level is refused;
a general hazard keeps its 销号."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from fieldcheck.core import clock
from fieldcheck.core.errors import CloseApprovalNeededError
from fieldcheck.core.ids import new_id
from fieldcheck.core.loop import Action, Status
from fieldcheck.core.major import finding_actions
from fieldcheck.core.sync_account import SyncAccount
from fieldcheck.core.terms import Level
from fieldcheck.server.console import approvals
from fieldcheck.services.context import AppContext
from fieldcheck.services.findings import findings
from fieldcheck.services.inspections import inspections
from fieldcheck.services.major import close_approval
from fieldcheck.services.sites import sites
from fieldcheck.signing import keys, signatures
from fieldcheck.signing.approval import canonical
from fieldcheck.storage import sync_repo, task_repo

COUNTY, TOWN = "330106", "330106001"
SERVER_KEY = keys.generate()


def _verified(ctx: AppContext, inspector: str, level: Level) -> str:
    site = sites.register_site(
        ctx,
        {"name": "东风木业", "address": "东风路1号", "industry": "工贸", "jurisdiction": TOWN},
        actor_id=inspector,
    )
    insp = inspections.start_inspection(
        ctx, site_id=site.id, inspector_ids=[inspector], actor_id=inspector
    )
    f = findings.record_finding(
        ctx,
        inspection_id=insp.id,
        description="粉尘涉爆场所未清扫",
        actor_id=inspector,
        level=level,
        measures="停产清扫",
    )
    findings.transition(
        ctx, f.id, Action.ASSIGN, actor_id=inspector, deadline=clock.today() + timedelta(days=5)
    )
    findings.transition(ctx, f.id, Action.VERIFY_PASS, actor_id=inspector)
    return f.id


def _pin(ctx: AppContext, key: str) -> None:
    with ctx.db.transaction() as s:
        sync_repo.save_account(
            s,
            SyncAccount(
                server_url="http://127.0.0.1:1",
                token="t",
                device_id="d1",
                name="网格员",
                role="grid",
                jurisdiction=TOWN,
                logged_in_at=clock.now(),
                server_key_b64=key,
            ),
        )


def _listed(ctx: AppContext, hazard_id: str, level: str = "county", code: str = COUNTY) -> str:
    eid = f"esc-{level}"
    with ctx.db.transaction() as s:
        task_repo.replace_escalations(
            s,
            [
                {
                    "id": eid,
                    "target_kind": "hazard",
                    "target_id": hazard_id,
                    "hazard_id": hazard_id,
                    "kind": "listed",
                    "level": level,
                    "level_code": code,
                    "leader": "王副区长",
                    "leader_post": "副区长",
                    "created_at": clock.now(),
                }
            ],
        )
    return eid


def approval(
    hazard_id: str,
    escalation_id: str,
    *,
    role: str = "county",
    code: str = COUNTY,
    server_key: Any = SERVER_KEY,
    **change: Any,
) -> dict[str, Any]:
    """An approval as the console signs it (approvals.certificate, an account key)."""
    key, kid, now = keys.generate(), f"k-{role}", clock.now()
    account = SimpleNamespace(name=f"{role}_admin", role=role, jurisdiction=code)
    cert = approvals.certificate(server_key, kid, account, keys.public_b64(key), now)
    payload = {
        "approval_id": new_id(),
        "hazard_id": hazard_id,
        "escalation_id": escalation_id,
        "purpose": "close_approval",
        "level": role,
        "level_code": code,
        "approver": account.name,
        "role": role,
        "key_id": kid,
        "approved_at": now.isoformat(),
        "note": "",
    }
    text = canonical(payload)
    signature = signatures.sign(key, text)
    if change:  # altered after signing
        text = canonical({**payload, **change})
    return {
        "id": payload["approval_id"],
        "hazard_id": hazard_id,
        "escalation_id": escalation_id,
        "payload": text.decode(),
        "signature_b64": signature,
        "certificate": json.dumps(cert, ensure_ascii=False),
    }


def _keep(ctx: AppContext, *approvals: dict[str, Any]) -> None:
    with ctx.db.transaction() as s:
        task_repo.keep_approvals(s, approvals, clock.now())


def _offered(ctx: AppContext, fid: str) -> list[Action]:
    f = findings.get_finding(ctx, fid)
    return finding_actions(f.status, f.major_status, close_approval.waits(ctx, f))


def test_a_listed_major_hazard_waits_for_its_levels_signed_approval(
    ctx: AppContext, inspector: str
) -> None:
    _pin(ctx, keys.public_b64(SERVER_KEY))
    fid = _verified(ctx, inspector, Level.MAJOR)
    assert Action.CLOSE in _offered(ctx, fid)  # not listed: today's 销号
    eid = _listed(ctx, fid)
    assert Action.CLOSE not in _offered(ctx, fid)
    [wait] = close_approval.waits(ctx, findings.get_finding(ctx, fid))
    assert (wait.level, wait.level_code, wait.leader) == ("county", COUNTY, "王副区长")
    with pytest.raises(CloseApprovalNeededError, match="county 330106"):
        findings.transition(ctx, fid, Action.CLOSE, actor_id=inspector)
    assert findings.get_finding(ctx, fid).status is Status.VERIFIED  # nothing changed
    # Refused, each: the payload changed after signing (the note), a certificate from
    # another server, the township's approver for the county's listing, another hazard.
    other_server = keys.generate()
    _keep(
        ctx,
        approval(fid, eid, note="已审批"),
        approval(fid, eid, server_key=other_server),
        approval(fid, eid, role="township", code=TOWN),
        approval("another-hazard", eid),
    )
    assert Action.CLOSE not in _offered(ctx, fid)
    with pytest.raises(CloseApprovalNeededError):
        findings.transition(ctx, fid, Action.CLOSE, actor_id=inspector)
    _keep(ctx, approval(fid, eid))  # the county's own, intact
    assert Action.CLOSE in _offered(ctx, fid)
    closed = findings.transition(ctx, fid, Action.CLOSE, actor_id=inspector)
    assert closed.status is Status.CLOSED


def test_the_approval_must_verify_under_the_pinned_key(ctx: AppContext, inspector: str) -> None:
    fid = _verified(ctx, inspector, Level.MAJOR)
    eid = _listed(ctx, fid, "township", TOWN)
    _keep(ctx, approval(fid, eid, role="township", code=TOWN))
    _pin(ctx, keys.public_b64(keys.generate()))  # this device pinned another server
    assert Action.CLOSE not in _offered(ctx, fid)
    _pin(ctx, keys.public_b64(SERVER_KEY))
    assert Action.CLOSE in _offered(ctx, fid)


def test_a_general_hazard_keeps_its_close(ctx: AppContext, inspector: str) -> None:
    _pin(ctx, keys.public_b64(SERVER_KEY))
    fid = _verified(ctx, inspector, Level.GENERAL)
    _listed(ctx, fid)
    assert Action.CLOSE in _offered(ctx, fid)
    assert findings.transition(ctx, fid, Action.CLOSE, actor_id=inspector).status is Status.CLOSED


def test_finding_show_says_that_and_why_close_waits(
    ctx: AppContext, inspector: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldcheck.cli import main

    _pin(ctx, keys.public_b64(SERVER_KEY))
    fid = _verified(ctx, inspector, Level.MAJOR)
    eid = _listed(ctx, fid)
    home = str(ctx.home.root)
    capsys.readouterr()
    assert main(["--home", home, "finding", "show", fid, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["allowed_actions"] == []
    assert data["close_waits_for"] == [
        {"escalation_id": eid, "level": "county", "level_code": COUNTY, "leader": "王副区长"}
    ]
    assert data["escalations"][0]["kind"] == "listed"
    assert main(["--home", home, "finding", "show", fid]) == 0
    out = capsys.readouterr().out
    assert "县（区）挂牌督办，责任领导：王副区长（副区长）" in out
    assert "销号待县（区）审批" in out and "next: —" in out
    assert main(["--home", home, "finding", "act", fid, "close", "--by", inspector]) != 0
    assert "waits for the signed approval" in capsys.readouterr().err
    _keep(ctx, approval(fid, eid))
    assert main(["--home", home, "finding", "show", fid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["allowed_actions"] == ["close"]
