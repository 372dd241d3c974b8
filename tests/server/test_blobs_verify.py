# SPDX-License-Identifier: Apache-2.0
"""`fieldcheck-server blobs verify` finds the originals the database names that the store
does not hold (lost, deleted by hand, a migration run against the wrong bucket), on the
local directory and on S3 (a real SeaweedFS), as well as the ones that no longer match;
on SQLite and on PostgreSQL (the database that names the originals)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from consolefix import BOTH, pg_schema
from fastapi.testclient import TestClient
from seaweed import CREDENTIALS, seaweed_s3
from sqlalchemy import delete

from conftest import PHOTO_REST, batch, change, site_chain
from fieldcheck.core import clock
from fieldcheck.server import auth
from fieldcheck.server.app import create_app
from fieldcheck.server.blobstore.s3 import S3Store
from fieldcheck.server.cli import main
from fieldcheck.server.console.report_tables import ReportRow
from fieldcheck.server.settings import ServerSettings
from fieldcheck.server.tables import BLOB
from fieldcheck.sync.protocol import DeviceRole


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with seaweed_s3(tmp_path_factory.mktemp("weed")) as url:
        yield url


@pytest.fixture(params=BOTH)
def db(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """The `--db` arguments of the server and the CLI: none (SQLite in the data
    directory), or a throwaway PostgreSQL schema."""
    if request.param == "sqlite":
        yield []
        return
    with pg_schema("verify") as url:
        yield ["--db", url]


@pytest.fixture(autouse=True)
def s3_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)


def _server_with_photos(
    data: Path, blobs: str | None, n: int, db: list[str]
) -> tuple[list[str], str]:
    """n photos uploaded and pushed with their records, and one 随手拍 report whose photo
    is in the store too; (the photos' SHA-256s, the report photo's)."""
    app = create_app(settings=ServerSettings(data=data, blobs=blobs, db=db[1] if db else None))
    shas = []
    with TestClient(app) as client:
        assert app.state.server.engine.dialect.name == ("postgresql" if db else "sqlite")
        with app.state.server.engine.begin() as conn:
            _, token = auth.enroll(conn, name="测", role=DeviceRole.GRID, jurisdiction="330106001")
        h = {"Authorization": f"Bearer {token}"}
        site, insp, finding = site_chain()
        records = [change("site", site), change("inspection", insp), change("finding", finding)]
        for i in range(n):
            body = os.urandom(3000 + i)
            sha = hashlib.sha256(body).hexdigest()
            span = {"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"}
            assert client.put(f"/v1/blobs/{sha}", content=body, headers={**h, **span}).is_success
            photo = {
                "id": finding.id[:-4] + f"{i:04x}",
                "finding_id": finding.id,
                "sha256": sha,
                "bytes": len(body),
                "mime": "image/jpeg",
                "kind": "evidence",
                **PHOTO_REST,
            }
            records.append(change("photo", photo))
            shas.append(sha)
        answer = client.post("/v1/push", json=batch(*records), headers=h).json()
        assert {r["status"] for r in answer["receipts"]} == {"accepted"}
        report_photo = os.urandom(2000)
        report_sha = hashlib.sha256(report_photo).hexdigest()
        app.state.server.blobs.put(report_sha, report_photo)
        with app.state.server.engine.begin() as conn:
            conn.execute(
                ReportRow.__table__.insert().values(  # type: ignore[attr-defined]
                    id="r1",
                    receipt="R1",
                    jurisdiction="330106001",
                    address="路",
                    description="随手拍",
                    client="127.0.0.1",
                    photos_json=json.dumps([{"sha256": report_sha, "mime": "image/jpeg"}]),
                    created_at=clock.now(),
                )
            )
            # A registered original whose record went away still names it.
            conn.execute(delete(BLOB).where(BLOB.c.sha256 == shas[0]))
    app.state.server.engine.dispose()
    return shas, report_sha


def _verify(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(["blobs", "verify", *argv, "--json"])
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_verify_reports_missing_originals_on_the_local_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: list[str]
) -> None:
    data = tmp_path / "srv"
    shas, report_sha = _server_with_photos(data, None, 4, db)
    code, tally = _verify(capsys, "--data", str(data), *db)
    assert code == 0 and tally["missing"] == [] and tally["bad"] == []
    assert tally["checked"] == 5 and tally["named"] == 5
    gone = sorted([shas[0], shas[2], report_sha])
    for sha in gone:
        (data / "blobs" / sha[:2] / sha).unlink()
    code, tally = _verify(capsys, "--data", str(data), *db, "--all")
    assert code == 1 and tally["missing"] == gone and tally["bad"] == []
    assert tally["checked"] == 2 and tally["named"] == 5
    code, tally = _verify(capsys, "--data", str(data), *db, "--sample", "4")
    assert code == 1 and tally["named"] == 4 and set(tally["missing"]) <= set(gone)
    main(["blobs", "verify", "--data", str(data), *db])
    text = capsys.readouterr().out
    assert "3 missing of 5 the database names" in text
    assert all(f"missing: {sha}" in text for sha in gone)


def test_verify_reports_missing_and_damaged_objects_on_s3(
    endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], db: list[str]
) -> None:
    data = tmp_path / "srv"
    prefix = "verify-pg" if db else "verify"  # one SeaweedFS serves both runs
    url = f"s3://fieldcheck-test/{prefix}?endpoint={endpoint}&path_style=1&create=1"
    shas, _ = _server_with_photos(data, url, 5, db)
    store = S3Store.from_url(url)
    store.client.delete_object(Bucket=store.bucket, Key=store._key(shas[1]))
    damaged = shas[3]
    store.client.put_object(Bucket=store.bucket, Key=store._key(damaged), Body=b"bit rot")
    code, tally = _verify(capsys, "--data", str(data), *db, "--blobs", url)
    assert code == 1 and tally["missing"] == [shas[1]] and tally["bad"] == [damaged]
    assert tally["checked"] == 5 and tally["named"] == 6
