# SPDX-License-Identifier: Apache-2.0
"""A fault-injecting HTTP proxy on 127.0.0.1 for the chaos test.

One request per client connection. For each, a seeded coin decides: pass it on,
drop the connection before forwarding, cut the request body short, cut the answer
short, delay, or send the request upstream twice (answering with the second reply).
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter

FAULTS = ["pass", "drop", "cut_request", "cut_response", "delay", "repeat"]
WEIGHTS = [45, 12, 10, 13, 10, 10]


def _read_message(sock: socket.socket) -> bytes:
    """One HTTP message (head + Content-Length body) from sock."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class FaultProxy:
    """Listens on 127.0.0.1 and forwards to upstream_port with faults; stop() ends it."""

    def __init__(self, upstream_port: int, seed: int = 7) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.enabled = False
        self.seen: Counter[str] = Counter()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.running = False
        self.thread.join(5)
        self.listener.close()

    def _serve(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _fault(self) -> str:
        with self.lock:
            fault = self.rng.choices(FAULTS, WEIGHTS)[0] if self.enabled else "pass"
            self.seen[fault] += 1
            return fault

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(request)
            return _read_message(up)

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(30)
        try:
            request = _read_message(client)
            if not request:
                return
            fault = self._fault()
            if fault == "drop":
                return
            if fault == "cut_request":
                with socket.create_connection(self.upstream, timeout=30) as up:
                    up.sendall(request[: max(1, len(request) // 2)])
                return
            if fault == "delay":
                time.sleep(0.3)
            if fault == "repeat":
                self._forward(request)
            answer = self._forward(request)
            if fault == "cut_response":
                answer = answer[: max(1, len(answer) - max(1, len(answer) // 3))]
            client.sendall(answer)
        except OSError:
            pass
        finally:
            client.close()
