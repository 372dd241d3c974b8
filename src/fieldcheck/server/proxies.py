# SPDX-License-Identifier: Apache-2.0
"""The client's address behind a reverse proxy: X-Forwarded-For, from trusted proxies only.

Behind nginx every request comes from the proxy's address, so the 随手拍 rate limits
would count every citizen as one and the logs would name nobody. The server takes
X-Forwarded-For only from the proxies it is told to trust (``trusted_proxies`` in the
settings: addresses or networks) and reads it from the right: the first address that is
not a trusted proxy is the client. Anything to the left of it was written by the
client itself and is ignored, so a citizen cannot choose their own address; a request
that does not come from a trusted proxy keeps its peer address whatever it claims.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from fieldcheck.core.errors import FieldcheckError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(text: str) -> tuple[Network, ...]:
    """'10.0.0.1, 192.168.0.0/16, ::1' -> networks; an error naming the entry that is not one."""
    out = []
    for entry in (e.strip() for e in text.replace(";", ",").split(",")):
        if not entry:
            continue
        try:
            out.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise FieldcheckError(
                f"trusted proxies: {entry!r} is not an IP address or network "
                "(e.g. 10.0.0.5 or 10.0.0.0/8)"
            ) from None
    return tuple(out)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.5:443
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(addr: Address, trusted: Iterable[Network]) -> bool:
    return any(addr.version == n.version and addr in n for n in trusted)


def client_host(peer: str, forwarded_for: list[str], trusted: tuple[Network, ...]) -> str:
    """The client's address: the peer, or when the peer is a trusted proxy the rightmost
    X-Forwarded-For entry that is not one (each header's entries, in order received)."""
    addr = _address(peer)
    if not trusted or addr is None or not _trusted(addr, trusted):
        return peer
    hops = [h for value in forwarded_for for h in value.split(",") if h.strip()]
    client = str(addr)
    for hop in reversed(hops):
        hop_addr = _address(hop)
        if hop_addr is None:
            break  # garbage written by someone: the last good hop is as far as we can trust
        client = str(hop_addr)
        if not _trusted(hop_addr, trusted):
            break
    return client


class ClientAddress:
    """Put the client's address (as client_host finds it) in the scope for everything after."""

    def __init__(self, app: ASGIApp, trusted: tuple[Network, ...] = ()) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and self.trusted and scope.get("client"):
            peer = scope["client"][0]
            xff = [
                v.decode("latin-1")
                for k, v in scope.get("headers") or []
                if k.lower() == b"x-forwarded-for"
            ]
            host = client_host(str(peer), xff, self.trusted)
            if host != peer:
                scope = {**scope, "client": (host, 0)}
        await self.app(scope, receive, send)


def scope_client(scope: Any) -> str | None:
    """The client address in an ASGI scope (after ClientAddress), or None."""
    client = scope.get("client")
    return str(client[0]) if client else None
