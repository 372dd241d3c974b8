# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for the strings of issue 13's papers part (五落实, preview, copies).

Kept apart from en_terms.EN so that parallel work on the tables merges cleanly.
"""

EN = {
    "五落实（重大隐患治理方案：责任、措施、资金、时限、预案）": "Five assurances (major-hazard plan: who, measures, money, deadline, safety plan)",
    "如 赵强（厂长）": "e.g. Zhao Qiang (factory manager)",
    "如 2万元": "e.g. 20,000 yuan",
    "责任人": "Responsible person",
    "整改资金": "Funds",
    "整改时限": "Deadline",
    "安全措施和应急预案": "Safety measures and emergency plan",
    "整改措施与整改时限见上方两栏。": "Measures and deadline are the two fields above.",
    "未填": "not filled in",
    "五落实": "Five assurances",
    "样稿预览": "Draft preview",
    "样稿：未编号、未签名，不作正式文书使用。确认无误后，点“出具并签名”。": "Draft: no number, not signed, not a valid document. When it reads right, press “Issue and sign”.",
    "返回修改": "Back to edit",
    "勾选的隐患列入这份文书": "The ticked hazards go on this document",
    "列入的隐患": "Hazards on it",
    "预览样稿": "Preview draft",
    "不编号、不签名，先看看文书的样子": "No number, no signature: see what the document will look like",
    "（疑似重大，待专家判定）": " (suspected major, awaiting the expert)",
    "复查意见书列出原通知书的全部隐患（已整改、未整改）": "A review lists every hazard of the earlier notice (fixed and not fixed)",
    "正在生成样稿…": "Making the draft…",
    "样稿已生成（未编号、未签名）。": "Draft made (no number, not signed).",
    "请至少勾选一项隐患": "Tick at least one hazard",
}
