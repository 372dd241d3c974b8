# SPDX-License-Identifier: Apache-2.0
"""fieldcheck: offline-first field safety inspections."""

__version__ = "0.1.0"
