# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for importing sites from a spreadsheet (issue 14, 单位 → 从表格导入…).

Kept apart from en_terms.EN so that parallel work on the tables merges cleanly.
"""

EN = {
    "从表格导入单位": "Import sites from a spreadsheet",
    "位置": "Where",
    "列": "Column",
    "SiteImportDialog|内容": "Value",
    "问题": "Problem",
    "行": "Row",
    "%1：有 %2 处问题，一家也没有导入。请在表格中改正下列单元格后重新导入。": "%1: %2 problem(s); no site was imported. Correct these cells in the spreadsheet and import it again.",
    "%1：%2 家单位可以导入。请核对后点“导入”；导入要么全部成功，要么一家也不导入。": "%1: %2 site(s) can be imported. Check them, then press “Import”: either every site is imported or none.",
    "不导入的列：%1": "Columns not imported: %1",
    "导入 %1 家": "Import %1",
    "从表格导入…": "Import from spreadsheet…",
    "从 Excel（.xlsx）或 CSV 名册导入单位，导入前先预览": "Import sites from an Excel (.xlsx) or CSV register, with a preview first",
    "选择单位名册": "Choose a site register",
    "表格（*.xlsx *.csv）": "Spreadsheets (*.xlsx *.csv)",
    "第 %1 行（%2）": "row %1 (%2)",
    "工作表“%1”": "sheet “%1”",
    "“%1”没有填写：每家单位都必须填写": "“%1” is empty: every site needs it",
    "代码被存成了数字，只保留了 15 位：请把这一列设为“文本”格式，再重新填写代码": "The code was stored as a number, which keeps only 15 digits: format the column as text and type the code again",
    "电话不正确：手机号为 11 位；座机要带区号，如 0371-65123456": "Wrong phone number: a mobile has 11 digits; a landline needs its area code, e.g. 0371-65123456",
    "风险等级应为 低风险、一般风险、较大风险 或 重大风险": "The risk level must be 低风险, 一般风险, 较大风险 or 重大风险 (low, medium, high, major)",
    "这个代码已登记为“%1”（一企一档）：请打开已有的单位，不要重复导入": "This code is already registered as “%1” (one file per site): open the existing site instead of importing it again",
    "与本表 %1 的代码重复（一企一档）": "The same code as %1 in this file (one file per site)",
    "公式没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再导入": "The formula has no saved result: open and save the file in Excel or WPS, then import it",
    "内容不符合要求（可能过长），请改正": "The value is not accepted (perhaps too long); correct it",
    "表头中没有“%1”这一列": "The header has no “%1” column",
    "找不到表头：表中应有“单位名称”（或“企业名称”）一列": "No header found: the table needs a 单位名称 (or 企业名称) column",
    "表头下面没有单位": "There are no sites below the header",
    "只能导入 .xlsx 或 .csv 文件；.xls 请在 Excel 或 WPS 中另存为 .xlsx": "Only .xlsx and .csv files can be imported; save an .xls file as .xlsx in Excel or WPS",
    "文件不是 UTF-8 或 GBK 编码：请在 Excel 或 WPS 中另存为 CSV（UTF-8）": "The file is neither UTF-8 nor GBK: save it as CSV (UTF-8) in Excel or WPS",
    "文件打不开：不存在、已损坏，或不是 Excel 文件": "The file cannot be opened: it is missing, damaged or not an Excel file",
    "文件过大（超过 20 MB）": "The file is too large (over 20 MB)",
    "行数过多（超过 20000 行）：请分成几个文件导入": "Too many rows (over 20,000): split it into several files",
    "内容不符合要求": "The value is not accepted",
}
