# SPDX-License-Identifier: Apache-2.0
"""The TLS context a sync's HTTP clients use, built once per process.

httpx builds a new context for every Client, reading the whole CA bundle (about 45 ms
here), even for a plain http:// server; a sync made two clients, so about a tenth of a
second went before its first request. The context is built here once, as httpx would
build it (SSL_CERT_FILE or SSL_CERT_DIR when set, else certifi's bundle, read when the
first https:// client is made), and shared: an SSLContext is safe to use from several
threads. A plain http:// server is never spoken TLS to (a sync does not follow
redirects), so its clients get a context that verifies against no authority at all: if
one were ever used it would refuse, not trust."""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.lru_cache(maxsize=1)
def _verified() -> ssl.SSLContext:
    return httpx.create_ssl_context()


@functools.lru_cache(maxsize=1)
def _closed() -> ssl.SSLContext:
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates; trusts none


def for_url(url: str) -> ssl.SSLContext:
    """The context for a client of the server at url."""
    return _verified() if url.lower().startswith("https://") else _closed()
