# SPDX-License-Identifier: Apache-2.0
"""The whole day, end to end: two grid workers and a county expert on a real server.

排查 with photos → a major hazard flagged, confirmed by the expert on their own device
and co-signed by the site → notice issued, verified and printed → sync → the second
worker pulls and re-inspects (复查) → 验收 (the expert's signed one for the major
hazard) → 销号 → everyone syncs → both devices and the server agree and every
signature still verifies.

Only real processes: `fieldcheck-server serve` on PostgreSQL (or its embedded SQLite)
and the installed `fieldcheck` script on three data directories: sites, inspections,
findings and the loop's steps go through `site`, `inspection` and `finding` commands.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from dayfix import (
    IN_CI,
    Device,
    Server,
    cups_pdf_queue,
    fresh_postgres_database,
    script,
    server_process,
    wait_for_printed,
)
from PIL import Image, ImageDraw

from fieldcheck.core import clock
from fieldcheck.demo.major import DEMO_PASSPHRASE, scribble_png
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.findings import findings
from fieldcheck.storage import sync_blobs

GRID = "410105001"  # 丰产路街道: both grid workers
COUNTY = "410105"  # 金水区: the expert serves the whole county
CLAUSE = "gongmao-2023:第十一条第（一）项"  # 粉尘爆炸危险场所内设有员工休息室…
EXPERT_PASS = "e2e 专家口令 2026"
ZHAO_PASS = "e2e 赵敏的口令 2026"


@dataclass
class Day:
    """The three devices and the ids the day's steps hand on to each other."""

    a: Device  # 李建国, grid worker, holds the demo grid
    b: Device  # 赵敏, the second grid worker
    e: Device  # 孙立平, the county's expert
    li: str = ""
    zhao: str = ""
    expert: str = ""
    site: str = ""
    inspection: str = ""
    general: str = ""
    major: str = ""
    notice_number: str = ""
    notice_pdf: Path | None = None
    pushed_by_a: int = 0  # changes device A pushed in its first sync


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.timeout(900)  # ~60 CLI runs and two syncs a step: over 300 s on a loaded 2-core box
@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_whole_day(backend: str, tmp_path: Path, demo_template: Path) -> None:
    if backend == "sqlite" and os.environ.get("FIELDCHECK_TEST_PG_URL"):
        pytest.skip("the day runs on PostgreSQL here; SQLite stands in only where it is absent")
    with (
        backend_url(backend) as db_url,
        server_process(tmp_path / "server", db_url, tmp_path / "server.log") as server,
    ):
        day = enroll_everyone(server, tmp_path, demo_template)
        inspect_and_flag(day, tmp_path)
        expert_confirms(day)
        cosign_issue_verify_print(day, tmp_path)
        reinspect_accept_close(day, tmp_path)
        everyone_agrees(day, server)


@contextmanager
def backend_url(backend: str) -> Iterator[str | None]:
    if backend == "sqlite":
        yield None  # the server's default: SQLite inside its data directory
        return
    with fresh_postgres_database() as url:
        yield url


@contextmanager
def store(device: Device) -> Iterator[AppContext]:
    """The device's store through the services, closed before the next command runs."""
    ctx = open_context(device.home)
    try:
        yield ctx
    finally:
        ctx.close()


def photo(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A small site photo with unique pixels (so every file has its own SHA-256)."""
    folder.mkdir(parents=True, exist_ok=True)
    image = Image.frombytes("RGB", (320, 240), os.urandom(320 * 240 * 3))
    ImageDraw.Draw(image).rectangle((40, 40, 280, 200), fill=colour)
    path = folder / name
    image.save(path, quality=85)
    return path


def one(rows: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one row with {match}, got {found}"
    return found[0]


def synced(device: Device) -> dict[str, Any]:
    """`sync --json`; every sync of the day must go through whole."""
    report = device.json("sync", "--json")
    assert report["ok"] and not report["rejected"] and not report["refused"], report
    assert report["pending_after"] == 0 and report["open_conflicts"] == 0, report
    return report


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return "".join(done.stdout.split())


def enroll_everyone(server: Server, tmp: Path, demo: Path) -> Day:
    """Three credentials from the server, one login per device, each key made at home."""
    shutil.copytree(demo, tmp / "device-a")
    day = Day(Device("A", tmp / "device-a"), Device("B", tmp / "device-b"), Device("E", tmp / "e"))
    for dev, name, role, jur in (
        (day.a, "李建国", "grid", GRID),
        (day.b, "赵敏", "grid", GRID),
        (day.e, "孙立平", "expert", COUNTY),
    ):
        token = tmp / f"{dev.name}.token"
        server.enroll(name, role, jur, token)
        said = dev.run("login", "--server", server.url, "--token-file", str(token))
        assert f"as {name} ({role}, {jur})" in said
    # The demo's expert, supervisor and officer sign on A, a grid laptop: the county approves
    # their keys by fingerprint, or the server would refuse to attest them for that role.
    for person in day.a.json_lines("person", "list", "--json"):
        if person["key"] and person["role"] != "grid":
            server.cli("approve-key", person["key"], "--role", person["role"])
    # A private key never leaves the device it was made on: B and E enroll their own.
    day.zhao = day.b.json(
        "person", "add", "--name", "赵敏", "--role", "grid", "--unit", "金水区丰产路街道办事处",
        "--certificate", "豫网格2026-0131", "--jurisdiction", GRID, "--enroll-key", "--json",
        passphrases=[ZHAO_PASS],
    )["id"]  # fmt: skip
    day.expert = day.e.json(
        "person", "add", "--name", "孙立平", "--role", "expert", "--unit", "河南省安全生产专家库",
        "--certificate", "专家证HN-0412", "--jurisdiction", COUNTY, "--enroll-key", "--json",
        passphrases=[EXPERT_PASS],
    )["id"]  # fmt: skip
    grid = day.a.json_lines("person", "list", "--role", "grid", "--json")
    day.li = one(grid, name="李建国")[
        "id"
    ]  # the demo's worker, key sealed with the demo passphrase
    return day


def inspect_and_flag(day: Day, tmp: Path) -> None:
    """A walks a demo woodworking shop: two hazards with photos, one flagged as major."""
    a, li = day.a, day.li
    shops = a.json("site", "list", "--search", "木业", "--jurisdiction", GRID, "--json")
    site = shops[0]
    assert a.json("site", "show", site["id"], "--json") == site
    insp = a.json(
        "inspection", "open", "--site", site["id"], "--inspector", li,
        "--location", "砂光车间、打磨车间", "--json",
    )  # fmt: skip
    general = a.json(
        "finding", "add", "--inspection", insp["id"], "--description", "灭火器压力不足，未定期检查",
        "--place", "砂光车间东门", "--measures", "更换灭火器并建立月检记录", "--by", li, "--json",
    )  # fmt: skip
    major = a.json(
        "finding", "add", "--inspection", insp["id"],
        "--description", "粉尘爆炸危险场所内设有员工休息室", "--place", "打磨车间二楼",
        "--measures", "立即停止使用休息室，撤出人员，另行设置", "--by", li, "--json",
    )  # fmt: skip
    assert general["status"] == major["status"] == "found"
    day.site, day.inspection = site["id"], insp["id"]
    day.general, day.major = general["id"], major["id"]
    for fid, colours in (
        (day.general, [(200, 30, 30)]),
        (day.major, [(30, 30, 200), (30, 160, 30)]),
    ):
        files = [str(photo(tmp / "camera-a", f"{fid}-{i}.jpg", c)) for i, c in enumerate(colours)]
        stored = a.json_lines("photo", "add", fid, *files, "--by", li, "--json")
        assert [r["ok"] for r in stored] == [True] * len(files), stored
    shown = a.run("major", "flag", day.major, "--clause", CLAUSE, "--by", li)
    assert "第十一条第（一）项" in shown and "员工休息室" in shown  # the clause, verbatim
    finished = a.json(
        "inspection", "finish", insp["id"], "--summary", "检查发现隐患2项", "--by", li, "--json"
    )
    assert finished["finished_at"] is not None
    visits = a.json("inspection", "list", "--site", site["id"], "--json")
    assert insp["id"] in [v["id"] for v in visits]
    with store(a) as ctx, ctx.db.read() as s:  # the day's 3 photos, the demo's signatures
        originals = len(sync_blobs.blobs_to_send(s))
    pending = a.json("status", "--json")["unsynced"]["changes"]
    pushed = synced(a)
    # The demo's whole history and the day's work reach a fresh server: every change is
    # accepted, or recognised as a repeat of one the same push already carried.
    done = pushed["accepted"] + pushed["duplicate"]
    assert pushed["photos_sent"] == originals > 3 and done == pending > 1000
    day.pushed_by_a = pushed["accepted"]


def expert_confirms(day: Day) -> None:
    """On their own device the expert pulls the suspected major hazard, reviews, signs."""
    assert synced(day.e)["applied"] > 0
    review = one(day.e.json_lines("major", "queue", "--json"), id=day.major)
    assert review["clause_ref"] == "第十一条第（一）项" and len(review["photos"]) == 2
    assert all(Path(p["path"]).is_file() for p in review["photos"])  # pulled by hash
    said = day.e.run(
        "major", "confirm", day.major, "--expert", day.expert,
        "--reviewed", review["content_sha256"],
        "--comment", "经核查，符合第十一条第（一）项规定情形", passphrases=[EXPERT_PASS],
    )  # fmt: skip
    assert "major/confirmed" in said
    synced(day.e)
    assert synced(day.a)["applied"] > 0  # the decision, its signature, the expert and key


def cosign_issue_verify_print(day: Day, tmp: Path) -> None:
    """The site signs for the major hazard; A issues the notice, checks it, prints it."""
    a = day.a
    sign = tmp / "zhao-qiang.png"
    sign.write_bytes(scribble_png(random.Random(7)))
    said = a.run(
        "major", "site-sign", day.major, "--inspector", day.li, "--name", "赵强",
        "--image", str(sign), passphrases=[DEMO_PASSPHRASE],
    )  # fmt: skip
    assert "signed by 赵强" in said
    supervised = one(a.json_lines("major", "supervised", "--json"), id=day.major)
    assert (supervised["confirmed_by"], supervised["site_ack"]) == ("孙立平", "signed")

    deadline = (clock.today() + timedelta(days=15)).isoformat()
    issued = a.run(
        "notice", "issue", day.inspection, "--kind", "rectification", "--deadline", deadline
    )
    notice_id, day.notice_number = issued.split("  id ")[1].split()[0], issued.split()[1]
    pdf = print_to_cups_pdf(a, notice_id, day.notice_number)
    if pdf is None:  # no printer here: render the same signed PDF without printing
        pdf = tmp / "notice.pdf"
        a.run("notice", "render", notice_id, "--out", str(pdf), passphrases=[DEMO_PASSPHRASE])
    day.notice_pdf = pdf
    verdict = a.run("verify", str(pdf))
    assert "verdict: genuine" in verdict and day.notice_number in verdict
    text = pdf_text(pdf)
    assert "隐患整改通知书" in text and "粉尘爆炸危险场所内设有员工休息室" in text
    with store(a) as ctx:  # 交办: both hazards now wait for the site with a deadline
        for fid in (day.general, day.major):
            assert findings.get_finding(ctx, fid).status.value == "assigned"


def print_to_cups_pdf(a: Device, notice_id: str, number: str) -> Path | None:
    """`notice print` to cups-pdf; the PDF it kept, or None where no cups-pdf queue exists."""
    queue = cups_pdf_queue()
    if queue is None:
        if IN_CI:
            pytest.fail("CI must provide a cups-pdf printer (see .ci/run)")
        print("not printed: no cups-pdf printer here (lpstat -v shows none); CI prints")
        return None
    start = time.time()
    said = a.run("notice", "print", notice_id, "--printer", queue, passphrases=[DEMO_PASSPHRASE])
    assert f"sent {number} to {queue}" in said
    printed = wait_for_printed(notice_id, start)
    assert printed is not None, "cups-pdf wrote no PDF for the job"
    # cups-pdf re-distils through PostScript and drops the CJK text layer: the ASCII
    # serial of the number survives as text, the Chinese only as pixels.
    assert number.split("〕")[1].rstrip("号") in pdf_text(printed)
    return Path(said.rsplit("PDF kept at ", 1)[1].strip())


def reinspect_accept_close(day: Day, tmp: Path) -> None:
    """B pulls, re-inspects (复查) with after-photos; 验收 (the expert's for the major); 销号."""
    a, b, e, zhao = day.a, day.b, day.e, day.zhao
    synced(a)  # the site's signature, the notice, the 交办 events
    # The demo grid, the day's records and signatures: at least all that A first pushed.
    assert synced(b)["applied"] >= day.pushed_by_a > 0
    assert day.notice_pdf is not None  # the copy the site keeps checks out on B as well
    assert "verdict: genuine" in b.run("verify", str(day.notice_pdf))
    assert b.json("finding", "show", day.major, "--json")["finding"]["major_status"] == "confirmed"
    visit = b.json(
        "inspection", "open", "--site", day.site, "--inspector", zhao, "--kind", "reinspection",
        "--json",
    )  # fmt: skip
    for fid in (day.general, day.major):  # the site reports the work done
        b.run("finding", "act", fid, "report_rectification", "--by", zhao)
    for fid, colour in ((day.general, (240, 240, 240)), (day.major, (250, 250, 200))):
        after = photo(tmp / "camera-b", f"after-{fid}.jpg", colour)
        b.run("photo", "add", fid, str(after), "--kind", "rectification", "--by", zhao)
    passed = b.json(
        "finding", "act", day.general, "verify_pass", "--note", "复查合格", "--by", zhao, "--json"
    )
    assert passed["status"] == "verified"
    refused = subprocess.run(
        [script("fieldcheck"), "--home", str(b.home), "finding", "act", day.major,
         "verify_pass", "--by", zhao],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert refused.returncode == 1 and "needs an expert's signature" in refused.stderr
    b.run("inspection", "finish", visit["id"], "--summary", "整改复查", "--by", zhao)
    synced(b)

    synced(e)  # the after-photos reach the expert
    check = e.json("major", "show", day.major, "--purpose", "verify", "--json")
    assert [p["kind"] for p in check["photos"]].count("rectification") == 1
    e.run(
        "major", "accept", day.major, "--expert", day.expert,
        "--reviewed", check["content_sha256"], "--comment", "休息室已撤除，整改到位，同意验收",
        passphrases=[EXPERT_PASS],
    )  # fmt: skip
    synced(e)

    synced(b)  # the expert's 验收 arrives; B writes the review opinion and strikes both off
    b.run("notice", "setup", "--prefix", "金水", "--escalate-to", "郑州市金水区应急管理局")
    issued = b.run(
        "notice", "issue", visit["id"], "--kind", "review", "--refers-to", day.notice_number
    )
    review_id = issued.split("  id ")[1].split()[0]
    pdf = tmp / "review.pdf"
    b.run("notice", "render", review_id, "--out", str(pdf), passphrases=[ZHAO_PASS])
    assert "verdict: genuine" in b.run("verify", str(pdf))
    text = pdf_text(pdf)
    assert "整改复查意见书" in text and "（金水）复查〔" in text and day.notice_number in text
    for fid in (day.general, day.major):
        closed = b.json(
            "finding", "act", fid, "close", "--note", "复查合格，销号", "--by", zhao, "--json"
        )
        assert closed["status"] == "closed"
    synced(b)


def everyone_agrees(day: Day, server: Server) -> None:
    """After a last sync, the devices and the server tell the same story, record by record."""
    a, b, e = day.a, day.b, day.e
    assert synced(a)["applied"] > 0  # B's 复查, the expert's 验收, the 销号
    held = json.loads(server.cli("status", "--json"))
    status_a, status_b = a.json("status", "--json"), b.json("status", "--json")
    for key in ("sites", "inspections", "findings", "photos"):
        assert status_a[key] == status_b[key] == held[key], (key, status_a, status_b, held)
    assert status_a["by_status"] == status_b["by_status"]
    assert status_a["unsynced"]["changes"] == status_b["unsynced"]["changes"] == 0
    assert held["devices"] == 3
    for dev in (a, b):  # what the server holds of each device's records, asked record by record
        view = dev.json("sync-status", "--json")
        assert set(view["records_by_state"]) == {"on server"}, view["records_by_state"]
        assert {p["state"] for p in view["photos"]} == {"on server (hash checked)"}
        # Every original, photos and the site's handwritten signatures, once on each side.
        assert len(view["photos"]) == held["photo_originals"]

    def ledger(dev: Device) -> dict[str, tuple[str, str | None]]:
        return {
            r["id"]: (r["status"], r["major_status"]) for r in dev.json_lines("ledger", "--json")
        }

    both = ledger(a)
    assert both == ledger(b) and len(both) == status_a["findings"]
    assert both[day.general] == ("closed", None)
    assert both[day.major] == ("closed", "confirmed")
    for dev, least in ((a, 4), (b, 4), (e, 4)):  # confirm, co-sign, 验收 and the demo's own
        report = dev.json("verify", "--all", "--json")
        assert report["ok"], (dev.name, report["failures"][:5])
        assert report["valid_signatures"] >= least and report["audit_problem"] is None
