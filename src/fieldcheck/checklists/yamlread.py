# SPDX-License-Identifier: Apache-2.0
"""Reading one YAML file into plain data plus the line/column of every value.

Decoding is strict: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK
as saved by Windows editors when the result is plainly Chinese text. Anything else
is refused with the position of the first undecodable byte, never shown as mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fieldcheck.checklists.problems import Problem

MAX_BYTES = 4 * 1024 * 1024  # the largest bundled file is ~60 KB
MAX_VALUES = 200_000  # aliases can expand a small file into billions of values
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Parsed:
    """The data of one file and where each value (and each mapping key) stands."""

    data: Any = None
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)
    encoding: str = "utf-8"

    def position(self, loc: Path_, *, key: bool = False) -> Pos:
        """The nearest known position for loc (the value, or its key when key=True)."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


class _Stop(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _line_col(data: bytes, offset: int) -> Pos:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _plausible_chinese(text: str) -> bool:
    # GB18030 decodes almost any byte string; accept it only when it reads as text.
    has_cjk = False
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat in ("Cc", "Co", "Cn") and ch not in "\t\r\n") or ch == "\ufffd":
            return False
        has_cjk = has_cjk or "\u4e00" <= ch <= "\u9fff"
    return has_cjk


def decode(where: str, data: bytes) -> tuple[str, str]:
    """The text of data and the encoding used; raises _Stop with a Problem."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            line, col = _line_col(data, exc.start)
            raise _Stop(Problem(where, line, col, f"broken UTF-16 text ({exc.reason})")) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise _Stop(Problem(where, line, col, "binary data (NUL byte), not a YAML text file"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible_chinese(text):
        return text, "gb18030"
    line, col = _line_col(data, bad.start)
    byte = data[bad.start]
    raise _Stop(
        Problem(
            where,
            line,
            col,
            f"not UTF-8 text (byte 0x{byte:02X} cannot be decoded) and not readable as "
            "GBK/GB18030 either; save the file as UTF-8",
        )
    )


def _mark(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns composed nodes into plain data, recording positions as it goes."""

    def __init__(self, where: str, loader: yaml.SafeLoader, parsed: Parsed) -> None:
        self.where = where
        self.loader = loader
        self.parsed = parsed
        self.count = 0

    def fail(self, node: yaml.Node, message: str) -> _Stop:
        line, col = _mark(node)
        return _Stop(Problem(self.where, line, col, message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.fail(node, f"more than {MAX_VALUES} values (alias expansion?)")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"nested more than {MAX_DEPTH} levels deep")
        self.parsed.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "a mapping key must be plain text")
                key = str(key_node.value)
                if key in result:
                    raise self.fail(key_node, f"duplicate key {key!r} in the same mapping")
                self.parsed.keys[(*path, key)] = _mark(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            raise self.fail(node, f"cannot read value {node.value!r}: {reason}") from exc


def parse_text(where: str, text: str, parsed: Parsed) -> Parsed:
    """Parse YAML text into parsed; raises _Stop with a Problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Stop(Problem(where, 1, 1, "the file is empty"))
        parsed.data = _Builder(where, loader, parsed).build(node, ())
        return parsed
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise _Stop(Problem(where, line, col, f"YAML syntax: {reason}")) from exc
    except yaml.YAMLError as exc:
        raise _Stop(Problem(where, 1, 1, f"YAML error: {exc}")) from exc
    finally:
        loader.dispose()


def read(path: Path, where: str | None = None) -> Parsed | Problem:
    """The parsed file at path, or the Problem that stopped it."""
    where = where or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(where, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(where, 0, 0, f"cannot read the file ({exc.strerror or exc})")
    try:
        text, encoding = decode(where, data)
        return parse_text(where, text, Parsed(encoding=encoding))
    except _Stop as stop:
        return stop.problem
