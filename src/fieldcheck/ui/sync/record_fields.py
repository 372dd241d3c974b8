# SPDX-License-Identifier: Apache-2.0
"""The names of a synced record's fields that error_words.FIELD_NAMES does not have (the
fields of people, inspections, hazard events, photos, documents, keys and signatures),
as 同步冲突 lists them; English through Qt's translation ("conflicts" context)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

RECORD_FIELDS: dict[str, str] = {
    # person
    "unit": str(QT_TRANSLATE_NOOP("conflicts", "所在单位")),
    "phone": str(QT_TRANSLATE_NOOP("conflicts", "电话")),
    "certificate_no": str(QT_TRANSLATE_NOOP("conflicts", "执法证号")),
    # inspection
    "inspector_ids": str(QT_TRANSLATE_NOOP("conflicts", "参加检查人员")),
    "kind": str(QT_TRANSLATE_NOOP("conflicts", "类型")),
    "started_at": str(QT_TRANSLATE_NOOP("conflicts", "开始时间")),
    "finished_at": str(QT_TRANSLATE_NOOP("conflicts", "结束时间")),
    "checklists": str(QT_TRANSLATE_NOOP("conflicts", "检查表")),
    "location": str(QT_TRANSLATE_NOOP("conflicts", "检查地点")),
    "unfinished_reason": str(QT_TRANSLATE_NOOP("conflicts", "未完成原因")),
    # hazard event
    "finding_id": str(QT_TRANSLATE_NOOP("conflicts", "所属隐患")),
    "action": str(QT_TRANSLATE_NOOP("conflicts", "操作")),
    "from_status": str(QT_TRANSLATE_NOOP("conflicts", "原状态")),
    "to_status": str(QT_TRANSLATE_NOOP("conflicts", "新状态")),
    "actor_id": str(QT_TRANSLATE_NOOP("conflicts", "操作人")),
    "at": str(QT_TRANSLATE_NOOP("conflicts", "发生时间")),
    "note": str(QT_TRANSLATE_NOOP("conflicts", "备注")),
    # photo
    "sha256": str(QT_TRANSLATE_NOOP("conflicts", "内容校验值")),
    "bytes": str(QT_TRANSLATE_NOOP("conflicts", "大小（字节）")),
    "width": str(QT_TRANSLATE_NOOP("conflicts", "宽度（像素）")),
    "height": str(QT_TRANSLATE_NOOP("conflicts", "高度（像素）")),
    "mime": str(QT_TRANSLATE_NOOP("conflicts", "文件类型")),
    "taken_at": str(QT_TRANSLATE_NOOP("conflicts", "拍摄时间")),
    "taken_offset": str(QT_TRANSLATE_NOOP("conflicts", "拍摄时区")),
    "gps_lat": str(QT_TRANSLATE_NOOP("conflicts", "纬度")),
    "gps_lon": str(QT_TRANSLATE_NOOP("conflicts", "经度")),
    "make": str(QT_TRANSLATE_NOOP("conflicts", "相机品牌")),
    "model": str(QT_TRANSLATE_NOOP("conflicts", "相机型号")),
    "imported_at": str(QT_TRANSLATE_NOOP("conflicts", "导入时间")),
    "device_clock": str(QT_TRANSLATE_NOOP("conflicts", "导入时本机时钟")),
    "original_name": str(QT_TRANSLATE_NOOP("conflicts", "原文件名")),
    "imported_by": str(QT_TRANSLATE_NOOP("conflicts", "导入人")),
    # document
    "number": str(QT_TRANSLATE_NOOP("conflicts", "文号")),
    "issued_by": str(QT_TRANSLATE_NOOP("conflicts", "签发人")),
    "issued_at": str(QT_TRANSLATE_NOOP("conflicts", "签发时间")),
    "finding_ids": str(QT_TRANSLATE_NOOP("conflicts", "涉及隐患")),
    "refers_to": str(QT_TRANSLATE_NOOP("conflicts", "所指的原文书")),
    "voided": str(QT_TRANSLATE_NOOP("conflicts", "是否作废")),
    "void_reason": str(QT_TRANSLATE_NOOP("conflicts", "作废原因")),
    "payload": str(QT_TRANSLATE_NOOP("conflicts", "文书内容")),
    "pdf": str(QT_TRANSLATE_NOOP("conflicts", "文书 PDF")),
    # signing key
    "person_id": str(QT_TRANSLATE_NOOP("conflicts", "所属人员")),
    "public_key_b64": str(QT_TRANSLATE_NOOP("conflicts", "公钥")),
    "created_at": str(QT_TRANSLATE_NOOP("conflicts", "创建时间")),
    "expires_at": str(QT_TRANSLATE_NOOP("conflicts", "到期时间")),
    "revoked_at": str(QT_TRANSLATE_NOOP("conflicts", "吊销时间")),
    # signature
    "purpose": str(QT_TRANSLATE_NOOP("conflicts", "签名用途")),
    "subject_kind": str(QT_TRANSLATE_NOOP("conflicts", "签名对象类型")),
    "subject_id": str(QT_TRANSLATE_NOOP("conflicts", "签名对象")),
    "signer_id": str(QT_TRANSLATE_NOOP("conflicts", "签名人")),
    "key_id": str(QT_TRANSLATE_NOOP("conflicts", "密钥编号")),
    "signed_at": str(QT_TRANSLATE_NOOP("conflicts", "签名时间")),
    "content_sha256": str(QT_TRANSLATE_NOOP("conflicts", "所签内容校验值")),
    "content_version": str(QT_TRANSLATE_NOOP("conflicts", "所签内容版本")),
    "signature_b64": str(QT_TRANSLATE_NOOP("conflicts", "签名值")),
    "comment": str(QT_TRANSLATE_NOOP("conflicts", "意见")),
    "site_ack": str(QT_TRANSLATE_NOOP("conflicts", "单位确认")),
}
