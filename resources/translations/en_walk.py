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
    "%n 张照片没有保存，隐患和其余照片已保存：": (
        "%n photo was not kept; the hazard and the other photos are saved:",
        "%n photos were not kept; the hazard and the other photos are saved:",
    ),
    "记录 %n 条：%1": ("%n record: %1", "%n records: %1"),
    "照片文件 %n 个：%1": ("%n photo file: %1", "%n photo files: %1"),
    "共 %n 家": ("%n site", "%n sites"),
    "已导出 %n 行到 %1": ("Exported %n row to %1", "Exported %n rows to %1"),
    "还有 %n 项未检查。仍要完成这次检查吗？未检的项目记为“未检”。": (
        "%n item is not checked yet. Finish this inspection anyway? It is recorded as not checked.",
        "%n items are not checked yet. Finish this inspection anyway? Those items are recorded"
        " as not checked.",
    ),
    "%1：尚有 %n 家未查（%2 至 %3）": (
        "%1: %n site not yet visited (%2 to %3)",
        "%1: %n sites not yet visited (%2 to %3)",
    ),
    "已备份到 %1（%n 个文件，含数据库、照片和密钥）。请把它复制到 U 盘或单位电脑上保存。": (
        "Backed up to %1 (%n file: the database, photos and keys). Copy it to a USB stick or"
        " an office computer.",
        "Backed up to %1 (%n files: the database, photos and keys). Copy it to a USB stick or"
        " an office computer.",
    ),
    # The 统计 page's line of totals, one count at a time
    "单位 %n 家": ("%n site", "%n sites"),
    "检查 %n 次": ("%n inspection", "%n inspections"),
    "隐患 %n 项": ("%n hazard", "%n hazards"),
    "逾期 %n 项": ("%n overdue", "%n overdue"),
    "照片 %n 张": ("%n photo", "%n photos"),
    # The window behind the first-run wizard, once the data is open
    "请先在“欢迎使用 fieldcheck”中完成首次设置。": "Finish the first-run setup in “Welcome to fieldcheck” first.",
    "等待首次设置": "Waiting for the first-run setup",
}
