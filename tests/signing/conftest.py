# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the signing tests (defined in signing_world.py)."""

from signing_world import _pristine, home, sctx, world

__all__ = ["_pristine", "home", "sctx", "world"]
