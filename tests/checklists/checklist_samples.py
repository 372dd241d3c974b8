# SPDX-License-Identifier: Apache-2.0
"""Small valid documents for tests to break, and a helper to write them."""

from __future__ import annotations

import textwrap
from pathlib import Path

CRITERIA = """\
kind: criteria
id: test-criteria
title: 测试判定标准
status: in_force
completeness: complete
source: 测试用
issued: 2023-04-14
effective: 2023-05-15
clauses:
  - ref: 第一条
    text: 有下列情形之一的，应当判定为重大事故隐患：
  - ref: 第一条第（一）项
    text: 未设置液氨泄漏报警装置的；
    major_hazard: true
  - ref: 第二条
    text: 本标准自发布之日起施行。
"""

CHECKLIST = """\
kind: checklist
id: test-list
title: 测试检查表
version: "1.0"
items:
  - id: a-1
    prompt: 是否设置液氨泄漏报警装置
    default_level: major
    criteria:
      - {criteria_id: test-criteria, ref: 第一条第（一）项}
    deadline_days: 7
"""


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write dedented text to directory/name and return the path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path
