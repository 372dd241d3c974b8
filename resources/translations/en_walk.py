# SPDX-License-Identifier: Apache-2.0
"""English for the strings of the user walk's mending (hazard history, plurals).

Kept apart from the other tables so that parallel work merges cleanly; build.py reads it.
"""

EN = {
    "history|、": ", ",
    "改了：%1": "Changed: %1",
}
