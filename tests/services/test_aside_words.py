# SPDX-License-Identifier: Apache-2.0
"""The words for a pulled record set aside: by its code, or, for a record kept before
codes were stored, by what its English reason says; a record with no id by its place."""

from __future__ import annotations

import pytest

from fieldcheck.services.sync import aside_words
from fieldcheck.storage import quarantine

# Reasons as a device stored them before a2f03b0+4100f23 added codes (quarantine._why and
# sync/pull_page's details), with the words each must read as.
BEFORE_CODES = [
    ("record 2 of the page: not an object", "收到的内容不是一条完整的记录"),
    ("record 1 of the page: nested 300 levels deep (at most 64)", "记录嵌套超过 64 层"),
    ("nested deeper than 64 levels", "记录嵌套超过 64 层"),
    ("record 3 of the page: text with a lone surrogate (not valid Unicode)", "乱码"),
    ("record 4 of the page: unknown kind 'lottery'", "本机不认识这种记录"),
    (
        "record 5 of the page: does not fit the record model (entity_id: Field required)",
        "缺少必要内容",
    ),
    ("its content's id 'X' overrides the record's id 'Y'", "编号和记录本身的编号不一致"),
    ("withheld by server (feed position 7): does not read", "服务器上保存的这条记录已损坏"),
    (
        "IntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed: notices.number",
        "记录和本机已有的记录重复",
    ),
    (
        "IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates "
        'unique constraint "notices_number_key"',
        "记录和本机已有的记录重复",
    ),
    (
        "IntegrityError: (sqlite3.IntegrityError) FOREIGN KEY constraint failed",
        "记录所属的单位、检查或人员本机还没有",
    ),
    ("ValidationError: 1 validation error for Finding", "记录的内容不符合要求"),
    ("MissingOriginal: the photo 3f2a… is not on this device", "服务器没有发来原件"),
    ("OperationalError: disk I/O error", "记录本机无法保存"),
]


@pytest.mark.parametrize(("reason", "words"), BEFORE_CODES)
def test_a_record_kept_before_codes_reads_by_its_reason(reason: str, words: str) -> None:
    said = aside_words.sentence({quarantine.REASON: reason}, "notice", "01NOTICE")
    assert said.startswith("文书记录 01NOTICE：") and words in said, said


def test_a_stored_code_wins_over_the_reason() -> None:
    local = {quarantine.CODE: "too_deep", quarantine.REASON: "ValueError: whatever"}
    assert "嵌套" in aside_words.sentence(local, "site", "01SITE")


def test_a_record_with_no_id_is_named_by_its_place_in_chinese() -> None:
    local = {quarantine.CODE: "not_object", quarantine.REASON: "record 3 of the page: ..."}
    assert aside_words.sentence(local, "unknown", "record 3 of the page") == (
        "未知类型的记录 编号不明（收到的一页中第 3 条）："
        "收到的内容不是一条完整的记录，已搁置。其余记录已照常同步。"
    )
    # an id that only looks alike is the record's own
    assert "record 3 of the pages" in aside_words.shown_id("record 3 of the pages")
