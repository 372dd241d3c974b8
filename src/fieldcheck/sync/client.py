# SPDX-License-Identifier: Apache-2.0
"""The device's HTTP client for the sync server (httpx), with retries for weak links.

Every call here is safe to repeat: a push carries its batch id, an upload names its
byte range, a pull names its cursor. So a dropped connection, a cut-short answer or
a timeout is simply tried again, a bounded number of times, before it is reported.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from fieldcheck.core.errors import FieldcheckError
from fieldcheck.sync import tls
from fieldcheck.sync.campaign_protocol import CampaignList
from fieldcheck.sync.protocol import (
    BLOBS_HEADER,
    HOME_HEADER,
    AnchorReceipt,
    AnchorRequest,
    BlobsAnswer,
    BlobState,
    HeldAnswer,
    HeldQuery,
    HomeAnswer,
    HomeCheck,
    Identity,
    PushRequest,
    PushResponse,
)
from fieldcheck.sync.pull_page import Page
from fieldcheck.sync.pull_page import read as read_page
from fieldcheck.sync.task_protocol import LinkAnswer, TaskLinks, TaskList

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")  # what a call returns: a wire model, or a page read record by record
CHUNK = 1024 * 1024  # bytes per upload range: small enough that a cut costs little
BACKOFF = 0.2  # seconds before the first retry; doubles each time, at most 5 s


class SyncError(FieldcheckError):
    """The server refused a request; the message carries its reason."""


class CredentialError(SyncError):
    """The server does not accept this device's credential (unknown, expired, revoked)."""


class HomeRefused(SyncError):
    """This data directory is a copy, a restored backup or a second home of the credential."""


class ServerUnreachable(SyncError):
    """The server could not be reached or kept failing after retries."""


class _Retry(Exception):
    """A failure worth trying again (network, 5xx, a garbled answer)."""


class SyncClient:
    """Talks protocol v1 to one server as one enrolled device."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 30.0,
        attempts: int = 8,
        transport: httpx.BaseTransport | None = None,
        backoff: float | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.attempts = attempts
        self.backoff = BACKOFF if backoff is None else backoff
        self.bytes_sent = 0  # request bodies put on the wire, retries included
        self.home: str | None = None  # the home's check-in token, sent with every push
        self.many_photos = True  # POST /v1/blobs (1.3) until an older server says it has none
        self._lock = threading.Lock()
        self.http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            transport=transport,
            verify=tls.for_url(self.base_url),
            headers={"Authorization": f"Bearer {token}", "User-Agent": "fieldcheck-sync/1"},
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _once(self, method: str, url: str, **kw: Any) -> httpx.Response:
        body = kw.get("content")
        with self._lock:  # uploads run in several threads
            self.bytes_sent += len(body) if isinstance(body, bytes | bytearray) else 0
        try:
            resp = self.http.request(method, url, **kw)
        except httpx.TransportError as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}") from exc
        if resp.status_code >= 500 or resp.status_code == 429:
            raise _Retry(f"server answered {resp.status_code}")
        return resp

    def _call(self, method: str, url: str, parse: Callable[[httpx.Response], T], **kw: Any) -> T:
        last = ""
        for attempt in range(self.attempts):
            try:
                resp = self._once(method, url, **kw)
                _raise_for(resp, url)
                return parse(resp)
            except _Retry as exc:
                last = str(exc)
            except (ValidationError, ValueError) as exc:  # an answer cut short or garbled
                last = f"unreadable answer ({type(exc).__name__})"
            time.sleep(min(self.backoff * 2**attempt, 5.0))
        raise ServerUnreachable(
            f"{self.base_url}{url}: no good answer after {self.attempts} tries ({last}); "
            "nothing is marked synced — run sync again when the network is better"
        )

    def _json(self, model: type[M]) -> Callable[[httpx.Response], M]:
        return lambda resp: model.model_validate_json(resp.content)

    def me(self) -> Identity:
        return self._call("GET", "/v1/me", self._json(Identity))

    def check_home(self, check: HomeCheck) -> HomeAnswer:
        """Check this data directory in (HomeRefused when it is a copy)."""
        return self._call(
            "POST",
            "/v1/home",
            self._json(HomeAnswer),
            content=check.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
        )

    def anchor(self, request: AnchorRequest) -> AnchorReceipt:
        """Anchor the audit chain's head; the server signs a receipt."""
        return self._call(
            "POST",
            "/v1/anchor",
            self._json(AnchorReceipt),
            content=request.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
        )

    def push(self, request: PushRequest) -> PushResponse:
        body = request.model_dump_json().encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.home is not None:
            headers[HOME_HEADER] = self.home
        answer = self._call(
            "POST",
            "/v1/push",
            self._json(PushResponse),
            content=body,
            headers=headers,
            # codes: a refused record's receipt says why as a code (an older server ignores it)
            params={"codes": "true"},
        )
        if answer.batch_id != request.batch_id or len(answer.receipts) != len(request.changes):
            raise SyncError(f"the server answered batch {request.batch_id} with wrong receipts")
        return answer

    def pull(self, since: int, limit: int = 1000) -> Page:
        """A page after since, read record by record (one bad record is set aside)."""
        return self._call(
            "GET",
            "/v1/pull",
            lambda r: read_page(r.content),
            # withheld: also what the server held but did not send (an older server ignores it)
            params={"since": since, "limit": limit, "withheld": "true"},
        )

    def _optional(self, method: str, url: str, model: type[M], **kw: Any) -> M | None:
        """A call a server from before the feature answers with 404: None then."""
        try:
            return self._call(method, url, self._json(model), **kw)
        except SyncError as exc:
            if "(404)" in str(exc) and not isinstance(exc, ServerUnreachable):
                return None
            raise

    def campaigns(self) -> CampaignList | None:
        """The campaigns for this device's area; None from a server without them."""
        return self._optional("GET", "/v1/campaigns", CampaignList)

    def tasks(self) -> TaskList | None:
        """This device's tasks, escalations and approvals; None from a server without them."""
        return self._optional("GET", "/v1/tasks", TaskList)

    def tasks_done(self, links: TaskLinks) -> LinkAnswer | None:
        """Tell the server which pushed inspection did each task; one receipt per link."""
        return self._optional(
            "POST",
            "/v1/tasks/done",
            LinkAnswer,
            content=links.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
        )

    def held(self, query: HeldQuery) -> HeldAnswer:
        return self._call(
            "POST",
            "/v1/held",
            self._json(HeldAnswer),
            content=query.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
        )

    def blob_state(self, sha: str) -> BlobState:
        return self._call("GET", f"/v1/blobs/{sha}/state", self._json(BlobState))

    def upload(
        self,
        sha: str,
        path: Path,
        progress: Callable[[int, int], None] | None = None,
        chunk: int | None = None,
        known: BlobState | None = None,
    ) -> BlobState:
        """Send the original at path from where the server's copy stops; verified at the end."""
        total = path.stat().st_size
        chunk = chunk or CHUNK
        state = known if known is not None else self.blob_state(sha)
        failures = 0
        with path.open("rb") as fh:
            while not state.complete:
                fh.seek(state.received)
                data = fh.read(chunk)
                if not data:
                    raise SyncError(f"{path}: shorter than the {state.received} bytes already sent")
                end = state.received + len(data) - 1
                headers = {
                    "Content-Range": f"bytes {state.received}-{end}/{total}",
                    "Content-Type": "application/octet-stream",
                }
                try:
                    resp = self._once("PUT", f"/v1/blobs/{sha}", content=data, headers=headers)
                    if resp.status_code == 409:  # the server holds another amount: ask it
                        state = self.blob_state(sha)
                        continue
                    _raise_for(resp, f"/v1/blobs/{sha}")
                    state = BlobState.model_validate_json(resp.content)
                    failures = 0
                except (_Retry, ValidationError, ValueError) as exc:
                    failures += 1
                    if failures >= self.attempts:
                        raise ServerUnreachable(
                            f"photo {sha}: upload kept failing ({exc}); it resumes next sync"
                        ) from exc
                    time.sleep(min(self.backoff * 2**failures, 5.0))
                    state = self.blob_state(sha)
                if progress is not None:
                    progress(state.received, total)
        return state

    def upload_many(self, blobs: list[tuple[str, bytes]]) -> BlobsAnswer | None:
        """Send several whole originals in one request (protocol 1.3). None when the
        server is older (404, 405) or the request failed in a way worth retrying: the
        caller then sends them one by one, which retries and resumes as always."""
        if not self.many_photos:
            return None
        headers = {
            BLOBS_HEADER: ",".join(f"{sha}:{len(data)}" for sha, data in blobs),
            "Content-Type": "application/octet-stream",
        }
        body = b"".join(data for _, data in blobs)
        try:
            resp = self._once("POST", "/v1/blobs", content=body, headers=headers)
        except _Retry:
            return None
        if resp.status_code in (404, 405):
            self.many_photos = False
            return None
        _raise_for(resp, "/v1/blobs")
        try:
            answer = BlobsAnswer.model_validate_json(resp.content)
        except (ValidationError, ValueError):  # cut short or garbled: one by one instead
            return None
        if [b.sha256 for b in answer.blobs] != [sha for sha, _ in blobs]:
            raise SyncError("the server answered /v1/blobs with the states of other photos")
        return answer

    def download(self, sha: str, dest: Path) -> None:
        """Fetch an original into dest (temp name, hash checked, fsynced, renamed)."""
        last = ""
        for attempt in range(self.attempts):
            temp = dest.with_name(f".part-{os.getpid()}-{sha}")
            try:
                digest = hashlib.sha256()
                with self.http.stream("GET", f"/v1/blobs/{sha}") as resp:
                    if resp.status_code >= 500:
                        raise _Retry(f"server answered {resp.status_code}")
                    if resp.status_code >= 400:
                        resp.read()
                        _raise_for(resp, f"/v1/blobs/{sha}")
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with temp.open("wb") as fh:
                        for block in resp.iter_bytes():
                            digest.update(block)
                            fh.write(block)
                        fh.flush()
                        os.fsync(fh.fileno())
                if digest.hexdigest() != sha:
                    raise _Retry("the bytes received do not match their SHA-256")
                os.replace(temp, dest)
                return
            except (_Retry, httpx.TransportError) as exc:
                last = str(exc)
                time.sleep(min(self.backoff * 2**attempt, 5.0))
            finally:
                temp.unlink(missing_ok=True)
        raise ServerUnreachable(f"photo {sha}: download kept failing ({last})")


def _raise_for(resp: httpx.Response, url: str) -> None:
    if resp.status_code < 400:
        return
    code = ""
    try:
        body = resp.json()
        detail = str(body.get("detail", resp.text))
        code = str(body.get("code", ""))
    except (ValueError, AttributeError):
        detail = resp.text[:200]
    if resp.status_code == 409 and code == "home_copied":
        raise HomeRefused(detail)
    if resp.status_code == 401:
        raise CredentialError(f"the server refused this device's credential: {detail}")
    raise SyncError(f"{url}: the server refused ({resp.status_code}): {detail}")
