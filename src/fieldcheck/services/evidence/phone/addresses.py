# SPDX-License-Identifier: Apache-2.0
"""The laptop's IPv4 addresses a phone on the same network can reach, most likely first."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys

WINDOWS_HOTSPOT = "192.168.137.1"  # Windows 移动热点 always gives the laptop this address


def _default_route_address() -> str | None:
    """The address the default route leaves from (a UDP connect sends nothing)."""
    with (
        contextlib.suppress(OSError),
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s,
    ):
        s.connect(("10.254.254.254", 9))
        return str(s.getsockname()[0])
    return None


def _linux_interfaces() -> dict[str, str]:
    """Interface name -> IPv4 address, via SIOCGIFADDR (Linux only)."""
    out: dict[str, str] = {}
    if not sys.platform.startswith("linux"):
        return out
    import fcntl

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _index, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                req = struct.pack("256s", name.encode()[:15])
                addr = fcntl.ioctl(s.fileno(), 0x8915, req)[20:24]  # SIOCGIFADDR
                out[name] = socket.inet_ntoa(addr)
    return out


def _resolved_addresses() -> list[str]:
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        return [str(info[4][0]) for info in infos]
    return []


def rank(address: str, interface: str = "", default: str | None = None) -> int:
    """Lower is likelier to be reachable from a phone; 99 means never offer it."""
    ip = ipaddress.IPv4Address(address)
    if ip.is_loopback or ip.is_unspecified or ip.is_multicast:
        return 99
    virtual = interface.startswith(("docker", "br-", "veth", "virbr", "lxc", "vmnet", "tun"))
    if address == WINDOWS_HOTSPOT or interface.startswith(("ap", "wlan", "wl")):
        score = 0  # the laptop's own hotspot or Wi-Fi
    elif address == default:
        score = 1
    elif ip.is_link_local:
        score = 8
    elif ip.is_private:
        score = 3
    else:
        score = 5
    return score + (6 if virtual else 0)


def local_addresses() -> list[str]:
    """Candidate addresses for the QR codes, most likely first (may be empty)."""
    default = _default_route_address()
    named = _linux_interfaces()
    found: dict[str, str] = {addr: name for name, addr in named.items()}
    for addr in [*(_resolved_addresses()), *([default] if default else [])]:
        found.setdefault(addr, "")
    ranked = sorted(found, key=lambda a: (rank(a, found[a], default), a))
    return [a for a in ranked if rank(a, found[a], default) < 99]
