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
}
