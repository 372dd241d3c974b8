# SPDX-License-Identifier: Apache-2.0
"""A campaign day, end to end (issue 19): the county's console in a browser, two grid
workers' devices and a citizen's phone, on a real server.

1. A 专项行动 is created in the console (Chromium) over the register's 粉尘涉爆 sites.
2. Both devices pull it and inspect part of the register under it.
3. The console's coverage is right: in total, by township, and the sites not visited.
4. A task is assigned in the console, pulled by device A, done by the inspection it asks
   for, and seen done in the console.
5. A citizen's 随手拍 report goes from the public page (phone size) to the township's
   inbox, is 转办 to the grid as a task, reaches device A with the citizen's photo
   byte-exact, is done by an inspection that finds a hazard, and the citizen's status
   page says 已办结 with the outcome.
6. A major hazard waits for county approval, which is given in the console, and the
   device closes it: the county lists it (挂牌督办, county level, with its leader); the
   device's 销号 is refused and says what it waits for until the county's signed approval
   arrives with a sync, then it is closed and the console shows it 已销号.

Real processes as in test_whole_day: `fieldcheck-server serve` on 127.0.0.1
(PostgreSQL when FIELDCHECK_TEST_PG_URL is set, else its SQLite) and the installed
`fieldcheck` script on two data directories. Each step is one function taking the
``Day``; a step added later (a major hazard's 分级销号, say) is one more function
called in ``test_campaign_day``, with what it needs on ``Day``.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from dayfix import Device, Server, fresh_postgres_database, script, server_process
from PIL import Image, ImageDraw

from browser_launch import chromium
from fieldcheck.core import clock

COUNTY = "410105"  # 金水区
TOWN_A = "410105001"  # 丰产路街道: device A's grid
TOWN_B = "410105002"  # 东风路街道: device B's grid
CODES = f"code,name\n{COUNTY},金水区\n{TOWN_A},丰产路街道\n{TOWN_B},东风路街道\n"
PASSWORD = "e2e-控制台-口令-2026"
KIND = "粉尘涉爆企业"
CAMPAIGN = "粉尘涉爆专项整治"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SHOTS = os.environ.get("FIELDCHECK_SHOTS")
WAIT_S = 60  # the console folds sync changes into its read model every couple of seconds


@dataclass
class Day:
    """The server, the two devices, the browser pages and what the steps hand on."""

    server: Server
    tmp: Path
    a: Device  # 李建国, grid 丰产路街道
    b: Device  # 赵敏, grid 东风路街道
    county: Any = None  # the county's console page (Playwright)
    town: Any = None  # the township's console page
    citizen: Any = None  # the citizen's phone page
    li: str = ""
    zhao: str = ""
    sites_a: list[str] = field(default_factory=list)
    sites_b: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # site id -> name
    campaign_url: str = ""
    campaign_id: str = ""
    errors: list[str] = field(default_factory=list)  # browser console errors, dialogs


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.timeout(900)
@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_campaign_day(backend: str, tmp_path: Path) -> None:
    if backend == "sqlite" and os.environ.get("FIELDCHECK_TEST_PG_URL"):
        pytest.skip("the day runs on PostgreSQL here; SQLite stands in only where it is absent")
    with (
        backend_url(backend) as db_url,
        server_process(tmp_path / "server", db_url, tmp_path / "server.log") as server,
        chromium() as (_pw, browser),
    ):
        day = set_up(server, tmp_path, browser)
        create_campaign(day)
        devices_inspect_part_of_the_register(day)
        coverage_is_right(day)
        a_task_is_done_on_the_device(day)
        a_citizen_report_is_closed(day, browser)
        a_major_hazard_waits_for_county_approval(day)
        assert not [e for e in day.errors if "Content Security Policy" in e or "dialog" in e]


@contextmanager
def backend_url(backend: str) -> Iterator[str | None]:
    if backend == "sqlite":
        yield None
        return
    with fresh_postgres_database() as url:
        yield url


# ---- helpers


def synced(device: Device) -> dict[str, Any]:
    report = device.json("sync", "--json")
    assert report["ok"] and not report["rejected"] and not report["refused"], report
    assert report["pending_after"] == 0 and report["open_conflicts"] == 0, report
    return report


def page_of(browser: Any, day: Day, **options: Any) -> Any:
    page = browser.new_context(**options).new_page()
    page.on("console", lambda m: day.errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (day.errors.append("dialog: " + d.message), d.dismiss()))
    return page


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(base + "/console/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/console/")


def until(page: Any, url: str, check: Callable[[str], bool], what: str) -> str:
    """Reload url until check(main text) holds (the read model catches up); its text."""
    deadline = time.monotonic() + WAIT_S
    while True:
        page.goto(url)
        text = str(page.inner_text("main"))
        if check(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not seen within {WAIT_S} s at {url}:\n{text}")
        time.sleep(1.0)


def shot(page: Any, name: str, full: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full)


def citizen_photo(path: Path) -> bytes:
    image = Image.frombytes("RGB", (480, 360), os.urandom(480 * 360 * 3))
    ImageDraw.Draw(image).rectangle((60, 60, 420, 300), fill=(30, 110, 190))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def add_site(device: Device, name: str, jurisdiction: str, by: str, kind: str = KIND) -> str:
    site = device.json(
        "site", "add", "--name", name, "--address", f"{name}路1号", "--jurisdiction",
        jurisdiction, "--industry", "工贸", "--kind-of-place", kind, "--by", by, "--json",
    )  # fmt: skip
    return str(site["id"])


def inspect(device: Device, opened: dict[str, Any], by: str, finding: str = "") -> str:
    """Finish an opened inspection, with one hazard when ``finding`` names it."""
    if finding:
        device.json(
            "finding", "add", "--inspection", opened["id"], "--description", finding,
            "--place", "仓库", "--measures", "立即清理", "--by", by, "--json",
        )  # fmt: skip
    device.json("inspection", "finish", opened["id"], "--by", by, "--json")
    return str(opened["id"])


# ---- the steps


def set_up(server: Server, tmp: Path, browser: Any) -> Day:
    """Codes, two console accounts, two enrolled devices with their registers, synced."""
    codes = tmp / "codes.csv"
    codes.write_text(CODES, encoding="utf-8")
    server.cli("codes", "import", str(codes))
    for name, role, jur in (("county", "county", COUNTY), ("town_a", "township", TOWN_A)):
        read, write = os.pipe()
        os.write(write, (PASSWORD + "\n").encode())
        os.close(write)
        try:
            server_add_user(server, name, role, jur, read)
        finally:
            os.close(read)
    day = Day(server, tmp, Device("A", tmp / "device-a"), Device("B", tmp / "device-b"))
    for dev, name, jur in ((day.a, "李建国", TOWN_A), (day.b, "赵敏", TOWN_B)):
        token = tmp / f"{dev.name}.token"
        server.enroll(name, "grid", jur, token)
        said = dev.run("login", "--server", server.url, "--token-file", str(token))
        assert f"as {name} (grid, {jur})" in said
    day.li = day.a.json("person", "add", "--name", "李建国", "--role", "grid",
                        "--jurisdiction", TOWN_A, "--json")["id"]  # fmt: skip
    day.zhao = day.b.json("person", "add", "--name", "赵敏", "--role", "grid",
                          "--jurisdiction", TOWN_B, "--json")["id"]  # fmt: skip
    for name in ("丰产木业", "丰产家具", "丰产抛光"):
        day.sites_a.append(add_site(day.a, name, TOWN_A, day.li))
        day.names[day.sites_a[-1]] = name
    for name in ("东风铝制品", "东风饲料"):
        day.sites_b.append(add_site(day.b, name, TOWN_B, day.zhao))
        day.names[day.sites_b[-1]] = name
    add_site(day.a, "丰产小吃店", TOWN_A, day.li, kind="九小场所")  # not on the register
    for dev in (day.a, day.b):
        report = synced(dev)
        assert report["tasks"] == 0 and report["campaigns"] == 0, report
    day.county = page_of(browser, day, viewport=DESKTOP)
    log_in(day.county, server.url, "county")
    return day


def server_add_user(server: Server, name: str, role: str, jur: str, fd: int) -> None:
    """`fieldcheck-server user add`, the password through --password-fd."""
    done = subprocess.run(
        [script("fieldcheck-server"), "--data", str(server.data), *server.db_args, "user",
         "add", "--name", name, "--role", role, "--jurisdiction", jur, "--password-fd",
         str(fd)],
        pass_fds=(fd,), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def create_campaign(day: Day) -> None:
    """The county sets the campaign in the console over the register's 粉尘涉爆 sites."""
    page, base, today = day.county, day.server.url, clock.today()
    until(page, base + "/console/campaigns", lambda t: KIND in t, "the register's kinds")
    page.fill("input[name=name]", CAMPAIGN)
    page.fill("input[name=starts_on]", (today - timedelta(days=1)).isoformat())
    page.fill("input[name=ends_on]", (today + timedelta(days=30)).isoformat())
    page.check(f"input[name=kind][value='{KIND}']")
    page.check("input[name=checklist][value='fenchen-shebao']")
    page.click("button:has-text('发起')")
    page.wait_for_url("**/console/campaign/*")
    main = page.inner_text("main")
    assert CAMPAIGN in main and "0 / 5" in main, main
    assert "丰产小吃店" not in main  # another kind of place is not on the register
    day.campaign_url = page.url.split("?")[0]
    day.campaign_id = day.campaign_url.rstrip("/").rsplit("/", 1)[1]
    shot(page, "campaign-day-new")


def devices_inspect_part_of_the_register(day: Day) -> None:
    """Each device pulls the campaign with its own part; A inspects 2 of 3, B 1 of 2."""
    for dev, mine in ((day.a, day.sites_a), (day.b, day.sites_b)):
        assert synced(dev)["campaigns"] == 1
        [todo] = dev.json("campaign", "list", "--json")
        assert todo["id"] == day.campaign_id and todo["name"] == CAMPAIGN
        assert sorted(s["id"] for s in todo["sites"]) == sorted(mine) and todo["left"] == len(mine)
        assert [c["checklist_id"] for c in todo["checklists"]] == ["fenchen-shebao"]
    for dev, who, sites in ((day.a, day.li, day.sites_a[:2]), (day.b, day.zhao, day.sites_b[:1])):
        for sid in sites:
            opened = dev.json("campaign", "open", day.campaign_id, "--site", sid,
                              "--inspector", who, "--json")  # fmt: skip
            assert opened["kind"] == "special" and opened["checklists"]
            inspect(dev, opened, who)
        synced(dev)
    assert day.a.json("campaign", "list", "--json")[0]["left"] == 1
    assert day.b.json("campaign", "list", "--json")[0]["left"] == 1


def coverage_is_right(day: Day) -> None:
    """3 of 5 in total; 丰产路 2 of 3, 东风路 1 of 2; the two left are listed."""
    text = until(day.county, day.campaign_url, lambda t: "3 / 5" in t, "coverage 3 / 5")
    assert "60.0%" in text
    rows = day.county.locator("table.grid").first.inner_text()
    assert re.search(r"丰产路街道.*\s3\s+2\s+66\.7%\s+1", rows), rows
    assert re.search(r"东风路街道.*\s2\s+1\s+50\.0%\s+1", rows), rows
    missing = day.county.locator("#missing + table").inner_text()
    left = {day.names[day.sites_a[2]], day.names[day.sites_b[1]]}
    assert all(n in missing for n in left), missing
    assert not any(day.names[s] in missing for s in day.sites_a[:2] + day.sites_b[:1])
    shot(day.county, "campaign-day-coverage", full=True)


def a_task_is_done_on_the_device(day: Day) -> None:
    """The county assigns A's last campaign site; A does it; the console sees it done."""
    page, base = day.county, day.server.url
    page.goto(base + "/console/tasks")
    target = day.sites_a[2]
    page.fill("input[name=q]", day.names[target])  # found by its name, never a typed id
    page.click("button:has-text('查找')")
    page.wait_for_url("**/console/tasks?q=*")
    page.check(f"input[name=subject][value='inspect:{target}']")
    page.fill("input[name=deadline]", (clock.today() + timedelta(days=3)).isoformat())
    page.fill("input[name=note]", "专项行动未查单位，三日内检查")
    page.click("button:has-text('交办')")
    page.wait_for_url("**/console/task/*")
    task_url = page.url
    assert "办理中" in page.inner_text("main")
    said = day.b.run("sync")  # another township's grid never gets it
    assert "tasks 0 (done reported 0), campaigns 1" in said, said
    assert synced(day.a)["tasks"] == 1
    listed = day.a.json("task", "list", "--json")
    assert (listed["to_do"], listed["overdue"]) == (1, 0)
    [task] = listed["tasks"]
    assert task["site_id"] == target and task["state"] == "open"
    assert task["note"] == "专项行动未查单位，三日内检查"
    opened = day.a.json("task", "open", task["id"], "--inspector", day.li, "--json")
    assert opened["site_id"] == target and opened["kind"] == "routine"
    done = inspect(day.a, opened, day.li)
    report = synced(day.a)
    assert report["tasks_reported"] == 1, report
    [task] = day.a.json("task", "list", "--all", "--json")["tasks"]
    assert task["state"] == "done" and task["done_inspection_id"] == done
    main = until(page, task_url, lambda t: "已完成" in t, "the task done")
    assert "的检查" in main  # the inspection that did it: its site and time, linked
    assert page.locator(f"a[href$='#insp-{done}']").count() == 1
    shot(page, "campaign-day-task-done")
    # The task's inspection was in the period: the campaign's coverage counts it.
    until(page, day.campaign_url, lambda t: "4 / 5" in t, "coverage 4 / 5")


def a_citizen_report_is_closed(day: Day, browser: Any) -> None:
    """Public page → inbox → 转办 → device (photo byte-exact) → inspection → 已办结."""
    base = day.server.url
    phone = page_of(browser, day, viewport=PHONE, is_mobile=True, has_touch=True)
    day.citizen = phone
    photo = day.tmp / "citizen.jpg"
    sent = citizen_photo(photo)
    phone.goto(base + "/report")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.set_input_files("input[name=photo]", str(photo))
    phone.select_option("select[name=jurisdiction]", label="金水区 丰产路街道")
    phone.fill("input[name=address]", "丰产路 8 号废品站门口")
    phone.fill("textarea[name=description]", "门口堆放十几个液化气钢瓶，旁边有人抽烟")
    phone.fill("input[name=phone]", "13900002222")
    phone.click("button[type=submit]")
    phone.wait_for_url("**/report/status?code=*")
    code = re.search(r"code=([A-Z0-9]+)", phone.url)
    assert code and "已受理" in phone.inner_text("main")
    status_url = f"{base}/report/status?code={code[1]}"
    day.town = page_of(browser, day, viewport=DESKTOP)
    office = day.town
    log_in(office, base, "town_a")
    office.goto(base + "/console/reports")
    office.click("table.grid a:has-text('丰产路 8 号')")
    office.wait_for_selector("img[alt='照片 1']")
    office.select_option("select[name=grid]", TOWN_A)
    office.fill("input[name=deadline]", (clock.today() + timedelta(days=2)).isoformat())
    office.click("button:has-text('转办 Assign')")
    office.wait_for_url("**/console/report/*")
    assert "已转办" in office.inner_text("main")
    phone.goto(status_url)
    assert "办理中" in phone.inner_text("main")
    # Device A gets the task with the citizen's photo, byte for byte.
    assert synced(day.a)["task_photos_missing"] == 0
    tasks = day.a.json("task", "list", "--json")["tasks"]
    [task] = [t for t in tasks if t["source"] == "report"]
    assert task["place"] == "丰产路 8 号废品站门口" and not task["site_id"]
    shown = day.a.json("task", "show", task["id"], "--json")
    [path] = shown["photo_files"].values()
    assert path is not None and Path(path).read_bytes() == sent
    # The worker registers the place as a site and inspects it for the task.
    site = add_site(day.a, "丰产废品回收站", TOWN_A, day.li, kind="废品回收站")
    opened = day.a.json("task", "open", task["id"], "--site", site, "--inspector", day.li,
                        "--json")  # fmt: skip
    inspect(day.a, opened, day.li, finding="液化气钢瓶露天堆放，未设置禁烟标志")
    assert synced(day.a)["tasks_reported"] == 1
    text = until(
        phone, status_url, lambda t: "已办结" in t and "发现隐患 1 项" in t, "已办结, 1 hazard"
    )
    assert "13900002222" not in text and "李建国" not in text and "丰产废品回收站" not in text
    shot(phone, "campaign-day-report-done", full=True)


def a_major_hazard_waits_for_county_approval(day: Day) -> None:
    """分级销号: a county-listed major hazard closes on device A only with the county's
    signed approval, given in the console (领导责任 → 审批销号)."""
    a, base, page = day.a, day.server.url, day.county
    opened = a.json("inspection", "open", "--site", day.sites_a[0], "--inspector", day.li,
                    "--json")  # fmt: skip
    major = a.json(
        "finding", "add", "--inspection", opened["id"], "--description", "除尘系统未设置泄爆装置",
        "--place", "打磨车间", "--measures", "加装泄爆片", "--level", "major", "--by", day.li,
        "--json",
    )  # fmt: skip
    fid = major["id"]
    due = (clock.today() + timedelta(days=10)).isoformat()
    a.json("finding", "act", fid, "assign", "--deadline", due, "--by", day.li, "--json")
    a.json("inspection", "finish", opened["id"], "--by", day.li, "--json")
    synced(a)
    hazard_url = f"{base}/console/hazard/{fid}"
    until(page, hazard_url, lambda t: "除尘系统未设置泄爆装置" in t, "the major hazard")
    page.select_option("form[action='/console/escalate'] select[name=kind]", "listed")
    page.fill("form[action='/console/escalate'] input[name=leader]", "王副区长")
    page.fill("form[action='/console/escalate'] input[name=leader_post]", "副区长")
    page.click("form[action='/console/escalate'] button[type=submit]")
    page.wait_for_url("**/console/leaders")
    assert "待县（区）审批" in page.inner_text("main")
    # The device learns of the listing; once verified, its 销号 waits for the county.
    synced(a)
    a.json("finding", "act", fid, "verify_pass", "--by", day.li, "--json")
    shown = a.json("finding", "show", fid, "--json")
    assert shown["allowed_actions"] == [], shown
    [wait] = shown["close_waits_for"]
    assert (wait["level"], wait["level_code"], wait["leader"]) == ("county", COUNTY, "王副区长")
    text = a.run("finding", "show", fid)
    assert "销号待县（区）审批" in text and "县（区）挂牌督办，责任领导：王副区长（副区长）" in text
    refused = subprocess.run(
        [script("fieldcheck"), "--home", str(a.home), "finding", "act", fid, "close",
         "--by", day.li],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONUTF8": "1"},
    )  # fmt: skip
    assert refused.returncode != 0 and "waits for the signed approval" in refused.stderr
    # The county approves in the console, signed with its key; the device verifies it.
    synced(a)  # the verification reaches the console
    until(page, base + "/console/leaders", lambda t: "审批销号" in t, "the approval button")
    page.click("button:has-text('审批销号')")
    page.wait_for_url("**/console/leaders")
    assert "已审批" in page.inner_text("main")
    shot(page, "campaign-day-close-approved")
    synced(a)
    assert a.json("finding", "show", fid, "--json")["allowed_actions"] == ["close"]
    closed = a.json("finding", "act", fid, "close", "--by", day.li, "--json")
    assert closed["status"] == "closed"
    synced(a)
    until(page, hazard_url, lambda t: "已销号" in t, "the hazard closed in the console")
