# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for the strings of issue 16 (copied homes, frozen documents)."""

EN = {
    "同步服务器发现这份数据是复制或从备份恢复的：本机的登录凭据已在另一份数据上使用。在重新登记本机之前不能出具文书。数据仍在本机；请联系县里重新登记本机，再用新凭据登录。": "The sync server found that this data is a copy or was restored from a backup: this device's credential is in use with another copy. No document can be issued until this device is enrolled again. Your data is still on this device; ask the county to enrol this device again and log in with the new credential.",
    "这份数据是复制或从备份恢复的，文书编号可能与原设备重复，所以没有出具，没有占用编号。请联系县里重新登记本机，用新凭据登录后再出具。": "This data is a copy or was restored from a backup, so its document numbers could repeat the original device's: nothing was issued and no number was taken. Ask the county to enrol this device again, log in with the new credential, then issue.",
    "已出具文书的 PDF 文件缺失或被改动，与出具时记录的不符，不会重新生成。请从备份恢复 documents 文件夹。": "The PDF of an issued document is missing or was changed and no longer matches what was recorded at issue; it is not generated again. Restore the documents folder from a backup.",
    "这些链接指向所选文件夹之外或指向文件夹，未导入：": "These links lead outside the chosen folder or to a folder and were not imported: ",
    "只读：这个数据文件夹不能写入，可以查看，不能保存更改": "Read-only: this data folder cannot be written; you can look but not save changes",
    "fieldcheck 隐患排查治理（只读）": "fieldcheck hazard inspections (read-only)",
}
