# SPDX-License-Identifier: Apache-2.0
"""The HTTP API, one router per resource; ``ROUTERS`` is what the app includes."""

from __future__ import annotations

from fastapi import APIRouter

from fieldcheck.server.routes import blobs, identity, sync, tasks

ROUTERS: tuple[APIRouter, ...] = (identity.router, sync.router, blobs.router, tasks.router)
