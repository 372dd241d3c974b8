# SPDX-License-Identifier: Apache-2.0
"""/v1/health (no credential) and /v1/me."""

from __future__ import annotations

from fastapi import APIRouter

from fieldcheck.server import auth
from fieldcheck.server.deps import NO_TOKEN, Dev, State
from fieldcheck.sync.protocol import PROTOCOL_VERSION, Health, Identity

router = APIRouter(prefix="/v1")


@router.get("/health")
def health(server: State) -> Health:
    """Liveness and database reachability; needs no credential."""
    server.read(lambda conn: conn.exec_driver_sql("SELECT 1").scalar())
    return Health(status="ok", protocol=PROTOCOL_VERSION, database=server.engine.dialect.name)


@router.get("/me", responses=NO_TOKEN)
def me(dev: Dev, server: State) -> Identity:
    """Who this credential belongs to."""
    return Identity(
        device_id=dev.id,
        name=dev.name,
        role=dev.role,
        jurisdiction=dev.jurisdiction,
        server_key_b64=server.key_b64,
        serial=server.read(auth.serial_of, dev.id),
    )
