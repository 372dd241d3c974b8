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
    "所属网格代码应为 6 位（县级）、9 位（乡镇街道）或 12 位（村社区）数字，如 410105001": "The grid code is 6 digits (county), 9 (township or street) or 12 (village or community), e.g. 410105001",
    "记录和照片保存在：\n%1\n\n请定期备份这个文件夹（连同其中的照片和密钥）。": "Records and photos are kept in:\n%1\n\nBack this folder up regularly (with its photos and keys).",
    "文书和确认以您本人的密钥签名。设一个只有您知道的签名密码（至少 8 个字符）。": "Documents and confirmations are signed with your own key. Choose a signing passphrase only you know (at least 8 characters).",
    "您已有签名密钥，可以直接签名；不需要再设。": "You already have a signing key and can sign; nothing to set here.",
    "密码忘记后无法找回，只能作废旧密钥重新设立。请牢记。": "A forgotten passphrase cannot be recovered: the key would have to be revoked and a new one made. Remember it.",
    "签名密码至少 %1 个字符": "The signing passphrase needs at least %1 characters",
    "两次输入的签名密码不一样，请重新输入": "The two passphrases differ; type them again",
    "签名密码": "Signing passphrase",
    "再输入一次": "Type it again",
}
