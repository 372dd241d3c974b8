# SPDX-License-Identifier: Apache-2.0
"""Talking to the phone receiver as the page does: PUT with X-Offset/X-Total/X-Name."""

from __future__ import annotations

import http.client
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "photos"))

IN_CI = os.environ.get("CI") == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a system part is missing on a laptop; fail in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


def split(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or 80, parts.path


def call(
    url: str,
    path: str,
    method: str = "GET",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    """One request on a fresh connection: the status and the body."""
    host, port, base = split(url)
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request(method, base + path if not path.startswith("/") else path, body, headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def put(url: str, key: str, data: bytes, name: str, offset: int = 0) -> tuple[int, Any]:
    """Send data[offset:] as upload key; the status and the JSON answer."""
    headers = {"X-Offset": str(offset), "X-Total": str(len(data)), "X-Name": quote(name)}
    status, body = call(url, f"u/{key}", "PUT", data[offset:], headers)
    return status, json.loads(body) if body.startswith(b"{") else body
