# SPDX-License-Identifier: Apache-2.0
# ruff: noqa: E501  (a table of whole UI strings; wrapping them hurts review)
"""English for the strings of issue 14 (messages, photos, walk, site register, ledger).

Kept apart from en_terms.EN so that parallel work on the two tables merges cleanly;
build.py reads both.
"""

EN = {
    "正在打开数据…": "Opening the data…",
    "标记疑似重大隐患": "Flagged as a suspected major hazard",
    "专家确认为重大隐患": "Expert confirmed: major hazard",
    "专家改判为一般隐患": "Expert ruled it a general hazard",
    "专家退回补充": "Expert sent it back for more facts",
    "单位负责人签字确认": "Signed by the site's representative",
    "单位负责人拒签": "The site's representative refused to sign",
    "其他记录": "Other entry",
    "签名没有完成，什么也没有签。请重试；若仍失败，请联系管理员。": "The signature was not made; nothing was signed. Try again; if it keeps failing, contact your administrator.",
    "出具文书需要您的签名，文书没有出具。请输入签名密码后再出具。": "Issuing the document needs your signature, so it was not issued. Enter your signing passphrase and issue it again.",
    "同步服务器不再接受本机的登录（可能已过期或被停用）。数据仍在本机；请在“设置”中重新登录。": "The sync server no longer accepts this device's login (expired or disabled). Your data is still on this device; log in again under Settings.",
    "连不上同步服务器，这次没有同步。数据仍在本机；请检查网络后再点“立即同步”。": "The sync server could not be reached; nothing was synced. Your data is still on this device; check the network and press Sync now again.",
    "同步服务器拒绝了这次同步。数据仍在本机；请稍后再试，或联系管理员。": "The sync server refused this sync. Your data is still on this device; try again later or contact your administrator.",
    "这个文件不能作为照片保存。请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）。": "This file cannot be kept as a photo. Use the camera's original photo (JPEG, PNG, HEIC, WebP).",
    "检查表数据有误，没有载入。请联系管理员更新检查表。": "The checklist data is invalid and was not loaded. Ask your administrator to update the checklists.",
    "软件自带的字体文件缺失，文书无法生成。请重新安装本软件。": "A font shipped with the app is missing, so documents cannot be made. Reinstall the app.",
    "文书页面无法显示成图片。文书本身已保存；请用 PDF 阅读器打开查看。": "The document's pages cannot be shown as pictures. The document itself is saved; open it in a PDF reader.",
    "登录没有通过。请检查账号和密码后重试。": "The login was refused. Check the account and password and try again.",
    "这是疑似重大事故隐患，验收之前须由技术专家确认或改判。请先在“专家审核”中请专家确认，确认后再验收。": "This is a suspected major hazard: a technical expert must confirm or downgrade it before its acceptance. Ask an expert to review it under Expert review, then accept it.",
    "这是已确认的重大事故隐患，验收须由技术专家签名。请由专家在“专家审核”中验收。": "This is a confirmed major hazard: its acceptance needs a technical expert's signature. Ask the expert to accept it under Expert review.",
    "这条隐患已被更正为新版本，不能再对旧版本操作。请刷新后打开新版本。": "This hazard was corrected into a new version; the old one can no longer be acted on. Refresh and open the new version.",
    "这一步不符合业务规则，没有完成，数据未改变。请刷新后按可用的按钮操作。": "This step breaks a rule of the process and was not done; nothing changed. Refresh and use the buttons offered.",
    "数据是由更新版本的本软件保存的。请先升级本软件再打开。": "The data was saved by a newer version of this app. Upgrade the app before opening it.",
    "操作没有完成，数据未改变。请重试；若仍出现，请把详细信息发给管理员。": "The operation was not completed and nothing changed. Try again; if it happens again, send the details to your administrator.",
    "%1 张照片没有保存，隐患和其余照片已保存：": "%1 photo(s) were not kept; the hazard and the other photos are saved:",
    "请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）再添加。": "Add the camera's original photo (JPEG, PNG, HEIC, WebP) instead.",
    "文件不存在（可能已被移动或删除）": "the file does not exist (moved or deleted?)",
    "这不是一个文件（可能是文件夹）": "this is not a file (a folder?)",
    "文件是空的（0 字节）": "the file is empty (0 bytes)",
    "文件无法读取或保存（权限不足或磁盘已满）": "the file cannot be read or kept (permissions, or the disk is full)",
    "导入时文件被改动了，请再添加一次": "the file changed while it was added; add it again",
    "这是 PDF 文档，不是照片": "it is a PDF document, not a photo",
    "这是压缩包或 Office 文档，不是照片": "it is an archive or an Office document, not a photo",
    "这是文本文件，不是照片": "it is a text file, not a photo",
    "这是视频文件，不是照片": "it is a video, not a photo",
    "这种图片格式不支持，请用相机拍的原始照片": "this image format is not supported; use the camera's original photo",
    "这不是图片文件": "it is not an image file",
    "图片数据已损坏或不完整（可能没有传输完）": "the image data is damaged or incomplete (not fully copied?)",
    "图片的尺寸异常（过大或为零），为安全起见没有打开": "the image's size is abnormal (huge or zero); not opened, for safety",
    "不是可以保存的照片": "not a photo that can be kept",
}
