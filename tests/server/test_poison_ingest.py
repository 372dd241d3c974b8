# SPDX-License-Identifier: Apache-2.0
"""A poison record of every kind is refused at ingest, by name, and nothing else is lost.

Each kind that travels is read with its strict protocol-1 wire model (sync/wire.py):
an unknown field, a wrong type, an over-long text or a bad time in any kind is refused
by its receipt (code ``wrong_fields``, the reason naming the record, its kind and the
field), the server stores nothing of it, and the good records of its batch land.
References that point nowhere and a taken document number are refused too; no string, a
lone surrogate in any field of any kind included, gives a 5xx. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import hashlib
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture

from conftest import NOW, PHOTO_REST, PUSH, Signer, batch, change, coded, site_chain
from fieldcheck.core import loop, major, models, terms
from fieldcheck.core.ids import new_id
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.sync import wire_values
from fieldcheck.sync.protocol import DeviceRole

PICTURE = b"\xff\xd8 a photo original \xff\xd9"


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    app = create_app(tmp_path / "srv", url)
    with TestClient(app) as c:
        with app.state.server.engine.begin() as conn:
            _, token = auth.enroll(
                conn, name="网格员", role=DeviceRole.GRID, jurisdiction="330106001"
            )
        c.headers["Authorization"] = f"Bearer {token}"
        sha = hashlib.sha256(PICTURE).hexdigest()
        span = {"Content-Range": f"bytes 0-{len(PICTURE) - 1}/{len(PICTURE)}"}
        assert c.put(f"/v1/blobs/{sha}", content=PICTURE, headers=span).is_success
        yield c
    app.state.server.engine.dispose()


def a_day() -> list[dict[str, Any]]:
    """One good record of every kind a device pushes (a signature with its site_ack)."""
    signer = Signer(role="grid")
    site, insp, finding = site_chain(major=True)
    finding.major_status = models.MajorStatus.SUSPECTED
    finding.responsible, finding.funds, finding.safety_plan = "王老板", "2万元", "停用并设警戒"
    item = {"id": new_id(), "inspection_id": insp.id, "checklist_id": "jiuxiao"}
    item |= {"item_id": "1.2", "outcome": "fail", "note": "灭火器过期"}
    event = {"id": new_id(), "finding_id": finding.id, "action": "assign"}
    event |= {"from_status": "found", "to_status": "assigned", "actor_id": signer.person.id}
    event |= {"at": NOW.isoformat(), "deadline": "2026-03-15"}
    photo = {"id": new_id(), "finding_id": finding.id, "kind": "evidence", "mime": "image/jpeg"}
    photo |= {"sha256": hashlib.sha256(PICTURE).hexdigest(), "bytes": len(PICTURE)}
    photo |= {**PHOTO_REST, "taken_at": NOW.isoformat(), "gps_lat": 30.2, "gps_lon": 120.1}
    notice = {
        "id": new_id(),
        "kind": "rectification",
        "number": f"（西湖）整改〔2026〕{new_id()}号",
    }
    notice |= {"inspection_id": insp.id, "site_id": site.id, "issued_by": signer.person.id}
    notice |= {"issued_at": NOW.isoformat(), "finding_ids": [finding.id]}
    signature_id = new_id()
    ack = {"id": new_id(), "finding_id": finding.id, "outcome": "refused"}
    ack |= {"site_rep_name": "王老板", "reason": "拒绝签字", "recorded_by": signer.person.id}
    ack |= {"recorded_at": NOW.isoformat(), "signature_id": signature_id}
    signature = signer.sign(finding.id, id=signature_id, site_ack=ack)
    return [
        *signer.records(),
        change("site", site),
        change("inspection", insp),
        change("item_result", item),
        change("finding", finding),
        change("finding_event", event),
        change("photo", photo),
        change("notice", notice),
        change("signature", signature),
    ]


def _rehash(record: dict[str, Any]) -> dict[str, Any]:
    return change(record["entity"], record["content"])


def _stored(client: TestClient) -> int:
    with client.app.state.server.engine.connect() as conn:  # type: ignore[attr-defined]
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM record WHERE entity <> 'key_attestation'"
            ).scalar_one()
        )


LONG = "长" * 5000
# Per kind: (where in the content, the value put there, the field the answer names).
POISONS: list[tuple[str, tuple[str, ...], Any, str]] = [
    ("person", ("colour",), "red", "colour"),
    ("person", ("role",), "admin", "role"),
    ("person", ("name",), LONG, "name"),
    ("person", ("phone",), 13800000000, "phone"),
    ("person_key", ("owner",), "x", "owner"),
    ("person_key", ("created_at",), "2026-02-30T00:00:00Z", "created_at"),
    ("person_key", ("public_key_b64",), LONG, "public_key_b64"),
    ("site", ("colour",), "red", "colour"),
    ("site", ("address",), LONG, "address"),
    ("site", ("risk_level",), 3, "risk_level"),
    ("site", ("uscc",), "91330106MA2XXXXX1X", "uscc"),
    ("inspection", ("colour",), "red", "colour"),
    ("inspection", ("started_at",), "yesterday", "started_at"),
    ("inspection", ("finished_at",), "2020-01-01T00:00:00Z", "finished_at is before"),
    ("inspection", ("inspector_ids",), "one", "inspector_ids"),
    ("inspection", ("kind",), "party", "kind"),
    ("item_result", ("colour",), "red", "colour"),
    ("item_result", ("outcome",), "maybe", "outcome"),
    ("item_result", ("note",), LONG, "note"),
    ("finding", ("colour",), "red", "colour"),
    ("finding", ("version",), "2", "version"),
    ("finding", ("deadline",), "2026-13-01", "deadline"),
    ("finding", ("description",), LONG, "description"),
    ("finding", ("responsible",), LONG, "responsible"),
    ("finding", ("funds",), 5000, "funds"),
    ("finding", ("status",), "done", "status"),
    ("finding", ("basis", "colour"), "red", "basis.colour"),
    ("finding_event", ("colour",), "red", "colour"),
    ("finding_event", ("action",), "explode", "action"),
    ("finding_event", ("at",), 1700000000, "at"),
    ("finding_event", ("note",), LONG, "note"),
    ("photo", ("colour",), "red", "colour"),
    ("photo", ("extra",), {"x": {"y": 1}}, "extra"),
    ("photo", ("width",), "640", "width"),
    ("photo", ("taken_at",), "2026-03-01T25:00:00Z", "taken_at"),
    ("photo", ("make",), LONG, "make"),
    ("photo", ("gps_lat",), 400.0, "gps_lat"),
    ("notice", ("colour",), "red", "colour"),
    ("notice", ("voided",), "no", "voided"),
    ("notice", ("issued_at",), "2026/03/01 08:00", "issued_at"),
    ("notice", ("number",), LONG, "number"),
    ("signature", ("colour",), "red", "colour"),
    ("signature", ("signed_at",), "soon", "signed_at"),
    ("signature", ("comment",), LONG, "comment"),
    ("signature", ("content_version",), True, "content_version"),
    ("signature", ("site_ack", "colour"), "red", "site_ack.colour"),
    ("signature", ("site_ack", "recorded_at"), "2026-02-30T08:00:00Z", "site_ack.recorded_at"),
    ("signature", ("site_ack", "site_rep_name"), LONG, "site_ack.site_rep_name"),
    ("signature", ("site_ack", "outcome"), "maybe", "site_ack.outcome"),
    ("signature", ("site_ack", "signature_id"), new_id(), "site_ack.signature_id"),
]


def _poisoned(day: list[dict[str, Any]], kind: str, path: tuple[str, ...], value: Any) -> Any:
    """A second record of this kind (a fresh id), with one field made bad."""
    good = next(r for r in day if r["entity"] == kind)
    content = copy.deepcopy(good["content"])
    content["id"] = new_id()
    if kind == "signature":
        content["site_ack"]["signature_id"] = content["id"]
    target = content
    for name in path[:-1]:
        target = target[name]
    target[path[-1]] = value
    return change(kind, content)


def test_a_poison_record_of_each_kind_is_refused_by_name_and_the_rest_lands(
    client: TestClient,
) -> None:
    assert {r["entity"] for r in a_day()} == {p[0] for p in POISONS}  # every kind, poisoned
    stored = 0
    for kind, path, value, field in POISONS:
        day = a_day()  # a fresh day each time: its good records land beside the poison
        poison = _poisoned(day, kind, path, value)
        where = len(day) // 2  # in the middle of a good batch
        resp = client.post(PUSH, json=batch(*day[:where], poison, *day[where:]))
        expected = [("accepted", None)] * len(day)
        expected.insert(where, ("rejected", "wrong_fields"))
        assert coded(resp) == expected, (kind, field, resp.text)
        reason = resp.json()["receipts"][where]["reason"]
        assert f"changes[{where}] ({kind} {poison['entity_id']})" in reason, reason
        assert field in reason, (field, reason)
        stored += len(day)
        assert _stored(client) == stored, (kind, field)  # nothing of the poison went in


def test_an_id_that_differs_from_its_record_s_is_refused(client: TestClient) -> None:
    day = a_day()
    site = next(r for r in day if r["entity"] == "site")
    forged = {**site, "entity_id": new_id()}
    resp = client.post(PUSH, json=batch(forged))
    assert coded(resp) == [("rejected", "wrong_fields")]
    assert "differs from entity_id" in resp.json()["receipts"][0]["reason"]
    assert _stored(client) == 0


def _refused_by_name(
    client: TestClient, changes: list[dict[str, Any]], words: str, code: str
) -> None:
    """The last record refused for these words with this code; the others land."""
    resp = client.post(PUSH, json=batch(*changes))
    assert coded(resp) == [("accepted", None)] * (len(changes) - 1) + [("rejected", code)]
    assert words in resp.json()["receipts"][-1]["reason"], resp.text


def test_references_must_exist_on_the_server_or_in_the_same_batch(client: TestClient) -> None:
    day = a_day()
    by = {r["entity"]: r for r in day}
    # The day's finding names an inspection that arrives in the same batch, before it.
    nowhere = {**by["notice"]["content"], "id": new_id(), "number": "（西湖）整改〔2026〕X-9号"}
    nowhere["finding_ids"] = [new_id()]
    missing = "is on neither the server"
    _refused_by_name(client, [*day, change("notice", nowhere)], missing, "reference_missing")
    assert _stored(client) == len(day)
    stray = {**by["finding"]["content"], "id": new_id(), "inspection_id": new_id()}
    _refused_by_name(client, [change("finding", stray)], missing, "reference_missing")
    assert _stored(client) == len(day)


def test_a_document_number_is_held_once_per_issuing_unit(client: TestClient) -> None:
    day = a_day()
    assert client.post("/v1/push", json=batch(*day)).status_code == 200
    notice = next(r for r in day if r["entity"] == "notice")["content"]
    again = {**notice, "id": new_id()}  # a copied laptop issues the same number again
    held = "is already held by notice"
    _refused_by_name(client, [change("notice", again)], held, "duplicate")
    twice = [change("notice", {**again, "number": "（西湖）整改〔2026〕Z-1号"})]
    twice.append(
        change("notice", {**notice, "id": new_id(), "number": "（西湖）整改〔2026〕Z-1号"})
    )
    _refused_by_name(client, twice, held, "duplicate")  # both in one batch: the second
    other_unit = {**again, "id": new_id()}
    other_unit["number"] = notice["number"].replace("（西湖）", "（上城）")
    resp = client.post("/v1/push", json=batch(change("notice", other_unit)))
    assert resp.json()["receipts"][0]["status"] == "accepted"


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, str):
        yield path


def test_no_string_in_any_field_of_any_kind_gives_a_5xx(client: TestClient) -> None:
    day = a_day()
    tried = 0
    for record in day:
        for path in _strings(record["content"]):
            content = copy.deepcopy(record["content"])
            target = content
            for name in path[:-1]:
                target = target[name]
            for bad in (target[path[-1]] + "\ud800", "\udfff", "\x00", "\ufffe" * 3):
                target[path[-1]] = bad
                body = batch({**record, "content": content})
                raw = json.dumps(body, ensure_ascii=True)  # a JSON escape, as an attacker sends
                resp = client.post(PUSH, content=raw, headers={"Content-Type": "application/json"})
                assert resp.status_code < 500, (record["entity"], path, bad, resp.text)
                tried += 1
        # And in a field name, and as a number JSON has not got.
        for raw_field in ('"\\ud800":1', '"colour":NaN', '"colour":Infinity'):
            text = json.dumps(batch(record), ensure_ascii=True).replace(
                '"content": {', '"content": {' + raw_field + ",", 1
            )
            resp = client.post(PUSH, content=text, headers={"Content-Type": "application/json"})
            refused = resp.status_code == 200 and coded(resp) == [("rejected", "bad_text")]
            assert refused or 400 <= resp.status_code < 500, (
                record["entity"],
                raw_field,
                resp.text,
            )
            tried += 1
    assert tried > 200
    assert client.get("/v1/pull").status_code == 200


def test_the_wire_s_vocabularies_are_the_core_s() -> None:
    """A value added to a core enum must be added to the wire as a protocol step."""

    def values(literal: Any) -> set[str]:
        return set(typing.get_args(literal))

    assert values(wire_values.Status) == {s.value for s in loop.Status}
    actions = [*loop.Action, *major.MajorStep, *terms.Change]
    assert values(wire_values.Action) == {a.value for a in actions}
    assert values(wire_values.Role) == {r.value for r in terms.Role}
    assert values(wire_values.RiskLevel) == {r.value for r in terms.RiskLevel}
    assert values(wire_values.InspectionKind) == {k.value for k in terms.InspectionKind}
    assert values(wire_values.Outcome) == {o.value for o in terms.ItemOutcome}
    assert values(wire_values.Level) == {v.value for v in terms.Level}
    assert values(wire_values.MajorStatus) == {m.value for m in terms.MajorStatus}
    assert values(wire_values.PhotoKind) == {k.value for k in terms.PhotoKind}
    assert values(wire_values.NoticeKind) == {k.value for k in terms.NoticeKind}
