# SPDX-License-Identifier: Apache-2.0
"""Structured JSON logs: one line per event, never a token, a password or personal data
beyond the client's network address (which an operator needs against a flood)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER = "fieldcheck.server"
# Fields that may appear in a log line; anything else given to log() is dropped, so a
# careless call cannot leak a token, a name or a phone number.
ALLOWED = frozenset(
    {
        "event",
        "method",
        "path",
        "status",
        "ms",
        "device",
        "client",  # the address a request came from: what an operator blocks in a flood
        "role",
        "records",
        "entity",  # a record named by kind, id and feed position (pull_withheld)
        "entity_id",
        "seq",
        "accepted",
        "duplicate",
        "conflict",
        "rejected",
        "bytes",
        "sha256",
        "error",
        "cursor",
        "url",
        "host",
        "port",
        "data",
    }
)


class JsonFormatter(logging.Formatter):
    """Render a record as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            data.update(fields)
        else:
            data["message"] = record.getMessage()
        return json.dumps(data, ensure_ascii=False)


def setup(level: int = logging.INFO) -> None:
    """Send the server's logs to stderr as JSON lines."""
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def log(event: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event with only the allowed fields."""
    safe = {k: v for k, v in fields.items() if k in ALLOWED}
    logging.getLogger(LOGGER).log(level, event, extra={"fields": {"event": event, **safe}})
