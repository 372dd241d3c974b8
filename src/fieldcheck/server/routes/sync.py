# SPDX-License-Identifier: Apache-2.0
"""Records: /v1/push, /v1/pull, /v1/held, /v1/counts; the campaigns: /v1/campaigns."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy.engine import Connection

from fieldcheck.core import clock
from fieldcheck.server import feed, homes
from fieldcheck.server.blobstore import StoreUnavailable
from fieldcheck.server.console import campaigns
from fieldcheck.server.deps import NO_TOKEN, Dev, State
from fieldcheck.server.json_body import documented, json_body
from fieldcheck.server.logs import log
from fieldcheck.server.routes.blobs import scoped_states
from fieldcheck.server.trust import apply_trusted
from fieldcheck.sync.campaign_protocol import CampaignList
from fieldcheck.sync.protocol import (
    HOME_HEADER,
    MAX_PULL,
    Counts,
    HeldAnswer,
    HeldQuery,
    PullResponse,
    PushRequest,
    PushResponse,
)
from fieldcheck.sync.versions import SUPPORTED_PROTOCOLS, ProtocolMismatch

router = APIRouter(prefix="/v1")


@router.post(
    "/push",
    responses={**NO_TOKEN, 200: {"model": PushResponse}, 409: {}, 422: {}},
    openapi_extra=documented(PushRequest),
)
def push(
    body: Annotated[PushRequest, Depends(json_body(PushRequest))],
    dev: Dev,
    server: State,
    home: Annotated[str | None, Header(alias=HOME_HEADER)] = None,
    codes: bool = False,
) -> Response:
    """Apply a batch in one transaction; one receipt per record. A record that fails its
    checks is refused on its own; with ``codes``, its receipt says why as a code too (a
    device that does not ask never sees the field: an older device's receipt model
    refuses fields it does not know)."""
    if body.protocol not in SUPPORTED_PROTOCOLS:
        raise ProtocolMismatch(body.protocol, "device")
    waiting: set[str] = set()

    def in_store(sha: str) -> int | None:
        try:
            return server.blobs.size(sha)
        except StoreUnavailable:  # records go in; photos naming this original wait
            waiting.add(sha)
            return None

    def from_bound_home(conn: Connection) -> PushResponse:
        homes.require(conn, dev, home)  # a copied home's push never lands
        return apply_trusted(conn, dev, body, in_store, server.key)

    answer = server.write(from_bound_home)
    if waiting:
        answer = answer.model_copy(update={"photos_waiting": sorted(waiting)})
        log("photos_waiting", device=dev.id, photos=len(waiting))
    tally = {
        s: sum(r.status == s for r in answer.receipts)
        for s in ("accepted", "duplicate", "conflict", "rejected")
    }
    log("push", device=dev.id, records=len(answer.receipts), **tally)
    hidden = None if codes else {"receipts": {"__all__": {"code"}}}
    return Response(answer.model_dump_json(exclude=hidden), media_type="application/json")


@router.get("/pull", responses={**NO_TOKEN, 200: {"model": PullResponse}})
def pull(
    dev: Dev,
    server: State,
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = MAX_PULL,
    withheld: bool = False,
) -> Response:
    """Changes after ``since`` that this device may see; with ``withheld``, also the
    records of the page held but not sent (a device that does not ask never sees the
    field: an older device's page model refuses fields it does not know)."""
    answer = server.read(feed.pull, dev, since, limit)
    body = answer.model_dump_json(exclude=None if withheld else {"withheld"})
    return Response(body, media_type="application/json")


@router.post("/held", responses=NO_TOKEN)
def held(body: HeldQuery, dev: Dev, server: State) -> HeldAnswer:
    """What the server holds of these records and photos."""
    records = server.read(feed.held, dev, body.records)
    return HeldAnswer(records=records, blobs=scoped_states(server, dev, body.blobs))


@router.get("/counts", responses=NO_TOKEN)
def counts(dev: Dev, server: State) -> Counts:
    """Current records per kind on the server."""
    return server.read(feed.counts, dev)


@router.get("/campaigns", responses=NO_TOKEN)
def campaign_list(dev: Dev, server: State) -> CampaignList:
    """The campaigns (专项行动) running for this device's area, with their sites there."""
    rows = server.read(campaigns.for_device, dev.jurisdiction, clock.today())
    return CampaignList.model_validate({"campaigns": rows})
