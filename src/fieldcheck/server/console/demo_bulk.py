# SPDX-License-Identifier: Apache-2.0
"""The demo's benchmark sizes: the console's read model filled directly, in chunks of
executemany inserts, from the hazards ``demo.World`` makes up (the caller rebuilds the
summaries afterwards: these rows bypass the projection).
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.engine import Connection, Engine

from fieldcheck.core.ids import new_id
from fieldcheck.server.console import project_rows
from fieldcheck.server.console.tables import HZ, INSP, NT, SITE


class HazardSource(Protocol):
    """What ``demo.World`` offers: the sites, and one made-up hazard's life at a time."""

    sites: list[dict[str, Any]]

    def hazard(self) -> dict[str, Any]: ...


def fill(engine: Engine, world: HazardSource, n: int) -> dict[str, int]:
    """The read model directly, in chunks of executemany inserts (benchmark sizes)."""
    with engine.begin() as conn:
        conn.execute(
            SITE.insert(),
            [
                {
                    "id": s["id"],
                    "name": s["name"],
                    "industry": s["industry"],
                    "jurisdiction": s["jurisdiction"],
                    "address": "郑州市演示路1号",
                }
                for s in world.sites
            ],
        )
    counts = {"sites": len(world.sites), "inspections": 0, "hazards": 0, "notices": 0}
    chunk = 20_000
    done = 0
    while done < n:
        hz: list[dict[str, Any]] = []
        insp: list[dict[str, Any]] = []
        nts: list[dict[str, Any]] = []
        for _ in range(min(chunk, n - done)):
            h = world.hazard()
            hz.append(_row(h, insp, nts, counts))
        with engine.begin() as conn:
            _insert(conn, hz, insp, nts)
        done += len(hz)
        counts["hazards"] = done
    return counts


def _row(
    h: dict[str, Any], insp: list[dict[str, Any]], nts: list[dict[str, Any]], counts: dict[str, int]
) -> dict[str, Any]:
    s = h["site"]
    dates = {
        project_rows.EVENT_DATES[a]: d
        for a, _f, _t, d in h["steps"]
        if a in project_rows.EVENT_DATES
    }
    status = h["status"]
    verified = dates.get("verified_on")
    iid = new_id()
    insp.append(
        {
            "id": iid,
            "site_id": s["id"],
            "jurisdiction": s["jurisdiction"],
            "industry": s["industry"],
            "day": project_rows.local_day(h["found"]),
            "started_at": h["found"],
        }
    )
    counts["inspections"] += 1
    number = ""
    if len(nts) % 3 == 0 and h["id"][-1] in "0123":
        counts["notices"] += 1
        number = f"郑安监责改〔{h['found'].year}〕{counts['notices']}号"
        nts.append(
            {
                "id": new_id(),
                "number": number,
                "kind": "rectification",
                "site_id": s["id"],
                "jurisdiction": s["jurisdiction"],
                "issued_on": project_rows.local_day(h["found"]),
                "issued_at": h["found"],
                "issued_by": "",
                "finding_ids": f'["{h["id"]}"]',
            }
        )
    return {
        "id": h["id"],
        "site_id": s["id"],
        "inspection_id": iid,
        "jurisdiction": s["jurisdiction"],
        "site_name": s["name"],
        "uscc": "",
        "industry": s["industry"],
        "description": h["description"],
        "place": h["place"],
        "basis": "",
        "level": "major" if h["major"] else "general",
        "major_status": ("confirmed" if h["confirmed"] else "suspected") if h["major"] else None,
        "status": status,
        "open": status not in project_rows.RECTIFIED,
        "deadline": h["deadline"],
        "due_key": h["deadline"],
        "found_at": h["found"],
        "found_on": project_rows.local_day(h["found"]),
        "assigned_on": dates.get("assigned_on"),
        "rectified_on": dates.get("rectified_on"),
        "verified_on": verified,
        "closed_on": dates.get("closed_on"),
        "revisited_on": dates.get("revisited_on"),
        "reopened": any(a == "reopen" for a, *_ in h["steps"]),
        "on_time": None if verified is None else verified <= h["deadline"],
        "supervised": bool(h["confirmed"]),
        "responsible": "",
        "measures": "",
        "funds": "",
        "safety_plan": "",
        "notices": number,
        "superseded": False,
    }


def _insert(conn: Connection, hz: list[Any], insp: list[Any], nts: list[Any]) -> None:
    conn.execute(HZ.insert(), hz)
    conn.execute(INSP.insert(), insp)
    if nts:
        conn.execute(NT.insert(), nts)
