# SPDX-License-Identifier: Apache-2.0
"""English for the strings of the user walk's mending (hazard history, plurals).

Kept apart from the other tables so that parallel work merges cleanly; build.py reads it.
"""

EN = {
    "history|、": ", ",
    "改了：%1": "Changed: %1",
    # The tab listing a site's hazards (elsewhere 隐患 is one: a photo's caption, a row)
    "SiteRecord|隐患": "Hazards",
    # Plural forms (Qt's %n): (one, other)
    "%n 条隐患": ("%n hazard", "%n hazards"),
    "%n 张照片": ("%n photo", "%n photos"),
    "%n 份文书": ("%n document", "%n documents"),
    "共 %n 份文书（其中作废 %1 份）": ("%n document (%1 voided)", "%n documents (%1 voided)"),
    "共 %n 项隐患": ("%n hazard", "%n hazards"),
    "共 %n 项隐患（已载入 %1 项，向下滚动载入更多）": (
        "%n hazard (%1 loaded; scroll down for more)",
        "%n hazards (%1 loaded; scroll down for more)",
    ),
}
