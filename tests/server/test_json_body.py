# SPDX-License-Identifier: Apache-2.0
"""/v1/push reads its body with pydantic's JSON parser (server/json_body.py): a body it
refuses is FastAPI's 422 naming where, and the OpenAPI still describes the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.sync.protocol import DeviceRole


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    app = create_app(tmp_path / "srv")
    with app.state.server.engine.begin() as conn:
        _, token = auth.enroll(conn, name="设备", role=DeviceRole.GRID, jurisdiction="330106001")
    c = TestClient(app)
    c.headers["Authorization"] = f"Bearer {token}"
    return c


def test_a_body_that_is_not_json_is_a_422_saying_so(client: TestClient) -> None:
    with client:
        r = client.post(
            "/v1/push", content=b'{"batch_id": ', headers={"Content-Type": "application/json"}
        )
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["type"] == "json_invalid" and error["loc"][0] == "body"


def test_a_wrong_field_is_a_422_naming_it_under_body(client: TestClient) -> None:
    change = {"entity": "finding", "entity_id": "x", "content": {}, "sha256": "0" * 64}
    with client:
        r = client.post("/v1/push", json={"batch_id": "not-an-id", "changes": [change]})
        empty = client.post(
            "/v1/push", json={"batch_id": "01a23c65-b3f3-70d9-9e6b-a55e03ac154c", "changes": []}
        )
    assert r.status_code == 422
    locs = {tuple(e["loc"]) for e in r.json()["detail"]}
    assert ("body", "batch_id") in locs and ("body", "changes", 0, "entity_id") in locs
    assert empty.status_code == 422
    assert [tuple(e["loc"]) for e in empty.json()["detail"]] == [("body", "changes")]


def test_the_openapi_still_describes_the_push_body(tmp_path: Path) -> None:
    spec = create_app(tmp_path / "srv").openapi()
    body = spec["paths"]["/v1/push"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    schemas = spec["components"]["schemas"]
    assert body["required"] and ref == "#/components/schemas/PushRequest"
    changes = schemas["PushRequest"]["properties"]["changes"]
    assert changes["items"]["$ref"] == "#/components/schemas/Change"
    assert {"entity", "entity_id", "content", "sha256"} <= set(schemas["Change"]["required"])
