# SPDX-License-Identifier: Apache-2.0
"""Pure domain: ids, models, the finding state machine, errors, clock. No I/O."""
