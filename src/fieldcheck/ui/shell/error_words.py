# SPDX-License-Identifier: Apache-2.0
"""The plain words for each kind of error (by class name, by type, for printing) and the
names of the fields they name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldcheck.core.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    DomainError,
    DuplicateSiteError,
    FieldcheckError,
    FrozenError,
    InvalidValueError,
    NotFoundError,
    ReadOnlyStorageError,
    StorageError,
    StorageFullError,
    TransitionError,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


# Field names as people know them, for InvalidValueError.
FIELD_NAMES: dict[str, str] = {
    "name": str(QT_TRANSLATE_NOOP("messages", "名称")),
    "uscc": str(QT_TRANSLATE_NOOP("messages", "统一社会信用代码")),
    "address": str(QT_TRANSLATE_NOOP("messages", "地址")),
    "jurisdiction": str(QT_TRANSLATE_NOOP("messages", "所属网格")),
    "description": str(QT_TRANSLATE_NOOP("messages", "隐患描述")),
    "deadline": str(QT_TRANSLATE_NOOP("messages", "整改期限")),
    "reason": str(QT_TRANSLATE_NOOP("messages", "更正原因")),
    "industry": str(QT_TRANSLATE_NOOP("messages", "行业")),
    "role": str(QT_TRANSLATE_NOOP("messages", "角色")),
    "place": str(QT_TRANSLATE_NOOP("messages", "部位")),
    "measures": str(QT_TRANSLATE_NOOP("messages", "整改措施")),
    "status": str(QT_TRANSLATE_NOOP("messages", "状态")),
    "level": str(QT_TRANSLATE_NOOP("messages", "等级")),
    "major_status": str(QT_TRANSLATE_NOOP("messages", "重大隐患确认")),
    "basis": str(QT_TRANSLATE_NOOP("messages", "判定依据")),
    "legal_rep": str(QT_TRANSLATE_NOOP("messages", "法定代表人")),
    "contact_name": str(QT_TRANSLATE_NOOP("messages", "联系人")),
    "contact_phone": str(QT_TRANSLATE_NOOP("messages", "联系电话")),
    "summary": str(QT_TRANSLATE_NOOP("messages", "检查小结")),
    "witness": str(QT_TRANSLATE_NOOP("messages", "见证人")),
    "updated_at": str(QT_TRANSLATE_NOOP("messages", "修改时间")),
    "quarantine_reason": str(QT_TRANSLATE_NOOP("messages", "搁置原因（技术详情）")),
    "quarantine_code": str(QT_TRANSLATE_NOOP("messages", "搁置原因代码")),
    "refused_with": str(QT_TRANSLATE_NOOP("messages", "随之拒收的记录")),
    # A record's other fields, as 同步冲突 lists them (ui/sync/conflict_fields.py).
    "id": str(QT_TRANSLATE_NOOP("messages", "记录编号")),
    "found_at": str(QT_TRANSLATE_NOOP("messages", "发现时间")),
    "found_by": str(QT_TRANSLATE_NOOP("messages", "发现人")),
    "inspection_id": str(QT_TRANSLATE_NOOP("messages", "所属检查")),
    "site_id": str(QT_TRANSLATE_NOOP("messages", "被检查单位")),
    "version": str(QT_TRANSLATE_NOOP("messages", "版本")),
    "supersedes": str(QT_TRANSLATE_NOOP("messages", "更正的是")),
    "responsible": str(QT_TRANSLATE_NOOP("messages", "责任人")),
    "funds": str(QT_TRANSLATE_NOOP("messages", "整改资金")),
    "safety_plan": str(QT_TRANSLATE_NOOP("messages", "安全措施和应急预案")),
    "kind_of_place": str(QT_TRANSLATE_NOOP("messages", "场所类型")),
    "risk_level": str(QT_TRANSLATE_NOOP("messages", "风险等级")),
    "merged_into": str(QT_TRANSLATE_NOOP("messages", "已合并到")),
    "text": str(QT_TRANSLATE_NOOP("messages", "收到的原文")),
    "unread": str(QT_TRANSLATE_NOOP("messages", "无法读取")),
}


def field_label(field: str) -> str:
    """The Chinese (or translated) name of a model field."""
    return (
        QCoreApplication.translate("messages", FIELD_NAMES[field])
        if field in FIELD_NAMES
        else field
    )


def named_words() -> dict[str, object]:  # QT_TRANSLATE_NOOP is typed as object
    """Messages for errors of packages the window does not import, keyed by class name.

    The first class of an exception's MRO found here wins, so a subclass can say more
    than its base (CredentialError before SyncError).
    """
    return {
        "WrongPassphraseError": QT_TRANSLATE_NOOP(
            "messages", "签名密码不对，什么也没有签。请重新输入。"
        ),
        "KeyStateError": QT_TRANSLATE_NOOP(
            "messages", "您没有可用的签名密钥（未创建、已过期或已吊销）。请在“设置”中创建密钥。"
        ),
        "RoleError": QT_TRANSLATE_NOOP(
            "messages", "您的角色不能签这一步。请由有权限的人员（如技术专家）操作。"
        ),
        "ContentChangedError": QT_TRANSLATE_NOOP(
            "messages", "隐患内容在您审核之后被改动过，什么也没有签。请刷新后重新审核。"
        ),
        "SigningError": QT_TRANSLATE_NOOP(
            "messages", "签名没有完成，什么也没有签。请重试；若仍失败，请联系管理员。"
        ),
        "SigningNeededError": QT_TRANSLATE_NOOP(
            "messages", "出具文书需要您的签名，文书没有出具。请输入签名密码后再出具。"
        ),
        "SyncSetupError": QT_TRANSLATE_NOOP(
            "messages", "本机还没有登录同步服务器。请在“设置”中填写服务器地址并登录。"
        ),
        "CredentialError": QT_TRANSLATE_NOOP(
            "messages",
            "同步服务器不再接受本机的登录（可能已过期或被停用）。数据仍在本机；请在“设置”中重新登录。",
        ),
        "ServerUnreachable": QT_TRANSLATE_NOOP(
            "messages", "连不上同步服务器，这次没有同步。数据仍在本机；请检查网络后再点“立即同步”。"
        ),
        "SyncError": QT_TRANSLATE_NOOP(
            "messages", "同步服务器拒绝了这次同步。数据仍在本机；请稍后再试，或联系管理员。"
        ),
        "HomeRefused": QT_TRANSLATE_NOOP(
            "messages",
            "同步服务器发现这份数据是复制或从备份恢复的：本机的登录凭据已在另一份数据上使用。"
            "在重新登记本机之前不能出具文书。数据仍在本机；请联系县里重新登记本机，再用新凭据登录。",
        ),
        "MustReenrol": QT_TRANSLATE_NOOP(
            "messages",
            "这份数据是复制或从备份恢复的，文书编号可能与原设备重复，所以没有出具，没有占用编号。"
            "请联系县里重新登记本机，用新凭据登录后再出具。",
        ),
        "IssuedPdfAltered": QT_TRANSLATE_NOOP(
            "messages",
            "已出具文书的 PDF 文件缺失或被改动，与出具时记录的不符，不会重新生成。"
            "请从备份恢复 documents 文件夹。",
        ),
        "PhotoRejectedError": QT_TRANSLATE_NOOP(
            "messages",
            "这个文件不能作为照片保存。请改用相机拍的原始照片（JPEG、PNG、HEIC、WebP）。",
        ),
        "ChecklistDataError": QT_TRANSLATE_NOOP(
            "messages", "检查表数据有误，没有载入。请联系管理员更新检查表。"
        ),
        "FontMissingError": QT_TRANSLATE_NOOP(
            "messages", "软件自带的字体文件缺失，文书无法生成。请重新安装本软件。"
        ),
        "RasterError": QT_TRANSLATE_NOOP(
            "messages", "文书页面无法显示成图片。文书本身已保存；请用 PDF 阅读器打开查看。"
        ),
        "AuthError": QT_TRANSLATE_NOOP("messages", "登录没有通过。请检查账号和密码后重试。"),
        "ExpertReviewNeededError": QT_TRANSLATE_NOOP(
            "messages",
            "这是疑似重大事故隐患，验收之前须由技术专家确认或改判。"
            "请先在“专家审核”中请专家确认，确认后再验收。",
        ),
        "ExpertAcceptanceNeededError": QT_TRANSLATE_NOOP(
            "messages",
            "这是已确认的重大事故隐患，验收须由技术专家签名。请由专家在“专家审核”中验收。",
        ),
        "CloseApprovalNeededError": QT_TRANSLATE_NOOP(
            "messages",
            "这是挂牌督办的重大事故隐患，销号须经挂牌的那一级在管理平台审批。"
            "审批尚未收到：请待审批后同步，再销号。",
        ),
        "MergeRefused": QT_TRANSLATE_NOOP(
            "messages",
            "这两个单位不能合并：只有统一社会信用代码相同、且都没有合并过的两个单位才能合并。数据未改变。",
        ),
        "SupersededError": QT_TRANSLATE_NOOP(
            "messages", "这条隐患已被更正为新版本，不能再对旧版本操作。请刷新后打开新版本。"
        ),
    }


def typed_words(exc: BaseException) -> str | None:
    """Messages for the errors the window knows by type; None for an unexpected one."""
    if isinstance(exc, DuplicateSiteError):
        return QCoreApplication.translate(
            "messages",
            "这个统一社会信用代码已登记为“%1”。一企一档：请打开已有的单位补充或修改，不要重复新增。",
        ).replace("%1", getattr(exc, "existing_name", ""))
    if isinstance(exc, InvalidValueError):
        return QCoreApplication.translate("messages", "“%1”填写得不对，请改正后再保存。").replace(
            "%1", field_label(getattr(exc, "field", ""))
        )
    table: list[tuple[type[BaseException], object]] = [
        (
            TransitionError,
            QT_TRANSLATE_NOOP(
                "messages", "这一步现在不能做：隐患当前的状态不允许。请刷新后按可用的按钮操作。"
            ),
        ),
        (
            FrozenError,
            QT_TRANSLATE_NOOP(
                "messages",
                "这条隐患已被文书或签名确认，不能直接修改。请用“更正”生成新版本并写明原因。",
            ),
        ),
        (
            NotFoundError,
            QT_TRANSLATE_NOOP("messages", "找不到这条记录，可能已被更正或尚未同步。请刷新后重试。"),
        ),
        (
            DomainError,
            QT_TRANSLATE_NOOP(
                "messages", "这一步不符合业务规则，没有完成，数据未改变。请刷新后按可用的按钮操作。"
            ),
        ),
        (
            StorageFullError,
            QT_TRANSLATE_NOOP("messages", "磁盘空间已满，这次没有保存任何内容。请清理磁盘后重试。"),
        ),
        (
            ReadOnlyStorageError,
            QT_TRANSLATE_NOOP(
                "messages", "数据文件夹不能写入。请检查文件夹权限，或在设置中换一个数据位置。"
            ),
        ),
        (
            DatabaseTooNewError,
            QT_TRANSLATE_NOOP("messages", "数据是由更新版本的本软件保存的。请先升级本软件再打开。"),
        ),
        (
            CorruptDatabaseError,
            QT_TRANSLATE_NOOP(
                "messages", "数据文件已损坏，无法打开。请不要再写入，联系管理员用备份恢复。"
            ),
        ),
        (
            StorageError,
            QT_TRANSLATE_NOOP("messages", "数据无法读取或保存。请重试；若仍失败，请联系管理员。"),
        ),
        (
            FieldcheckError,
            QT_TRANSLATE_NOOP(
                "messages", "操作没有完成，数据未改变。请重试；若仍出现，请把详细信息发给管理员。"
            ),
        ),
        (
            OSError,
            QT_TRANSLATE_NOOP("messages", "文件无法读取或写入。请检查文件是否存在、是否有权限。"),
        ),
    ]
    for cls, text in table:
        if isinstance(exc, cls):
            return _tr(str(text))
    return None


# Every exception type plain_words() has its own words for, by name; tests walk it.
MAPPED_BY_NAME = tuple(str(k) for k in named_words())
MAPPED_BY_TYPE: tuple[type[BaseException], ...] = (
    DuplicateSiteError,
    InvalidValueError,
    TransitionError,
    FrozenError,
    NotFoundError,
    DomainError,
    StorageFullError,
    ReadOnlyStorageError,
    DatabaseTooNewError,
    CorruptDatabaseError,
    StorageError,
    FieldcheckError,
    OSError,
)


def printing_words(detail: str) -> str:
    """Why the printer did not print, from the printing service's message."""
    if "no default printer" in detail:
        return QCoreApplication.translate(
            "messages",
            "没有设定默认打印机，文书没有打印。请点“打印…”选择打印机，"
            "或在系统设置中设定默认打印机。PDF 已保存在本机。",
        )
    if "not running" in detail or "not installed" in detail:
        return QCoreApplication.translate(
            "messages",
            "本机的打印服务没有运行，文书没有打印。请启动打印服务或联系管理员；PDF 已保存在本机。",
        )
    if "no printer named" in detail:
        return QCoreApplication.translate(
            "messages", "找不到所选的打印机，文书没有打印。请点“打印…”重新选择打印机。"
        )
    return QCoreApplication.translate(
        "messages",
        "打印机没有接受这份文书。请检查打印机是否开机、有纸，然后重试；PDF 已保存在本机。",
    )
