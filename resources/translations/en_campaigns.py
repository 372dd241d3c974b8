# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for the strings of issue 19 (campaigns, tasks) on the device."""

EN = {
    "专项行动待查单位": "Campaign sites to visit",
    "专项行动待查单位（%1）": "Campaign sites to visit (%1)",
    "开始专项检查": "Start the campaign inspection",
    "专项行动“%1”：已勾选行动指定的检查表，可增减。": "Campaign “%1”: its checklists are ticked; add or remove as needed.",
    "办理所选任务": "Do the chosen task",
    "【%1】%2": "[%1] %2",
    "督办隐患（%1）": "Hazards under supervision (%1)",
    "隐患 %1（本机没有这条隐患，同步后可见）": "Hazard %1 (not on this device yet; sync to see it)",
    "交办任务（%1 项待办，%2 项逾期）": "Tasks (%1 to do, %2 overdue)",
    "期限 %1": "due %1",
    "随手拍": "Citizen report",
    "拉网式复查": "Sweep re-inspection",
    "待办理": "To do",
    "已检查，待同步": "Inspected, to sync",
    "乡镇": "Township",
    "县级": "County",
    "市级": "City",
    "挂牌督办": "listed supervision",
    "督办": "supervision",
    "%1%2：%3": "%1 %2: %3",
    "地点：%1（办理时选择所在单位）": "Place: %1 (choose its site when you do it)",
    "照片未到": "Photo not here yet",
    "随手拍任务：请选择“%1”所在的单位（新单位请先在单位库登记）": "Citizen report task: choose the site at “%1” (register a new site first)",
    # 分级销号 and 督办 on the finding dialog (ui/findings/oversight_label.py)
    "乡镇（街道）": "township",
    "县（区）": "county",
    "市": "city",
    "（%1）": " (%1)",
    "%1%2，责任领导：%3%4": "%1 %2, responsible leader: %3%4",
    "销号待%1审批：挂牌督办的重大隐患，须经挂牌的那一级在管理平台签批，同步后方可销号": "Close waits for the %1's approval: a listed major hazard is closed only once the level that listed it has signed in the console, and the approval has come in by sync",
    "挂牌督办的那一级已签批销号": "The listing level has signed the close",
    "这是挂牌督办的重大事故隐患，销号须经挂牌的那一级在管理平台审批。审批尚未收到：请待审批后同步，再销号。": "This major hazard is under listed supervision: it is closed only with the approval of the level that listed it, given in the console. That approval has not arrived: sync once it is given, then close.",
    "隐患：%1": "Hazard: %1",
}
