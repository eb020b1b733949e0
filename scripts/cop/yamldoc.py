"""Reads one YAML document into plain data while keeping where every value came from.

The node tree from PyYAML's composer (the C one when present) carries the line
and column of every key and value; we build plain Python data from it ourselves
so that nothing is ever constructed from a tag, duplicate keys are caught (PyYAML
silently keeps the last), and aliases cannot expand into a YAML bomb.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

try:  # the C composer is ~8x faster; the pure-Python one gives the same nodes
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """The safe loader, with the tag of most plain scalars decided without running any pattern.

    PyYAML tries implicit patterns only for the first characters it has patterns for (digits,
    signs, y/n/t/f/o for booleans, ~ for null, ...); any other first character means text.
    Saying so before the general lookup gives the same tags in a fraction of the time.
    """

    _maybe_typed = frozenset(k for k in _Base.yaml_implicit_resolvers if k is not None)

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in self._maybe_typed \
                and None not in self.yaml_implicit_resolvers:
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)

# Bigger than any sensible data file, small enough that a pasted binary is refused quickly.
MAX_BYTES = 1_000_000
MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _SEQ, _MAP, _MERGE = (_TAG + t for t in ("str", "seq", "map", "merge"))
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_BOM = b"\xef\xbb\xbf"
_constructor = yaml.SafeLoader("")  # only its scalar converters are used

# Rule ids raised while reading; each has its rule module under cop/rules/.
FILE_SIZE = "file-size"
ENCODING = "encoding"
SYNTAX = "yaml-syntax"
DUPLICATE_KEY = "duplicate-key"
TAG = "yaml-tag"
ALIAS = "yaml-alias"
STRUCTURE = "schema"

JsonPath = tuple


@dataclass
class Document:
    """Plain data from one file, with the position of every value and key."""

    path: str  # relative to the project root, with forward slashes
    data: Any
    marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Every text value with its position, gathered while reading so rules need not walk the data again.
    strings: list[tuple[JsonPath, int, int, str]] = field(default_factory=list)

    def where(self, path: JsonPath = ()) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest recorded ancestor."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def where_key(self, path: JsonPath) -> tuple[int, int]:
        path = tuple(path)
        return self.key_marks.get(path) or self.where(path)

    def problem(self, path: JsonPath, rule: str, message: str, *, key: bool = False, **kw) -> Problem:
        line, col = self.where_key(path) if key else self.where(path)
        return Problem(self.path, line, col, rule, message, **kw)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only, no byte-order mark, bounded size."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(rel, 1, 1, FILE_SIZE, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                              hint="split the file or remove pasted binary data")]
    if raw.startswith(_BOM):
        return None, [Problem(rel, 1, 1, ENCODING, "file starts with a UTF-8 byte-order mark",
                              hint="save the file as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(rel, line, col, ENCODING, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                              hint="save the file as UTF-8")]


def parse(text: str, rel: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Text to a Document. `line_offset` shifts marks for YAML embedded in another file."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context
        if context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" (started at line {exc.context_mark.line + 1 + line_offset})"
        message = " ".join(str(part) for part in (context, exc.problem) if part)
        return None, [Problem(rel, line + line_offset, col, SYNTAX, message or "invalid YAML")]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", None)
        line, col = _line_col(text, position) if position is not None else (1, 1)
        reason = getattr(exc, "reason", None) or "invalid YAML"
        return None, [Problem(rel, line + line_offset, col, SYNTAX, str(reason))]
    except RecursionError:
        return None, [Problem(rel, 1 + line_offset, 1, SYNTAX, f"nesting deeper than {MAX_DEPTH} levels")]
    doc = Document(rel, None)
    if root is None:
        return None, [Problem(rel, 1 + line_offset, 1, STRUCTURE, "file is empty; expected a mapping of fields")]
    builder = _Builder(doc, line_offset)
    try:
        doc.data = builder.build(root, (), 0)
    except _Refused as exc:
        builder.problems.append(exc.problem)
    if builder.problems:
        return None, builder.problems
    return doc, []


def read(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    text, problems = decode(path.read_bytes(), rel)
    if text is None:
        return None, problems
    return parse(text, rel)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Builder:
    def __init__(self, doc: Document, line_offset: int):
        self.doc = doc
        self.offset = line_offset
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def _refuse(self, node, rule: str, message: str, hint: str | None = None):
        line, col = self._pos(node)
        raise _Refused(Problem(self.doc.path, line, col, rule, message, hint=hint))

    def build(self, node, path: JsonPath, depth: int) -> Any:
        # The hot loop of every command: constants and lookups are kept local on purpose.
        if id(node) in self.seen or getattr(node, "anchor", None):
            # The composer hands back the anchored node again for an alias.
            self._refuse(node, ALIAS, "anchors and aliases (&name / *name) are not allowed in data files",
                         hint="write the value out in full")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._refuse(node, STRUCTURE, f"nesting deeper than {MAX_DEPTH} levels")
        mark = node.start_mark
        pos = self.doc.marks[path] = (mark.line + 1 + self.offset, mark.column + 1)
        cls = node.__class__
        if cls is _ScalarNode:
            if node.tag == _STR:
                value = node.value
                self.doc.strings.append((path, pos[0], pos[1], value))
                return value
            return self._scalar(node)
        if cls is _SequenceNode and node.tag == _SEQ:
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if cls is not _MappingNode or node.tag != _MAP:
            self._refuse(node, TAG, f"tag {_short(node.tag)} is not allowed", hint="remove the tag")
        result: dict[str, Any] = {}
        key_marks = self.doc.key_marks
        for key_node, value_node in node.value:
            if key_node.__class__ is not _ScalarNode or key_node.tag not in _SCALAR_TAGS:
                if key_node.tag == _MERGE:
                    self._refuse(key_node, TAG, "merge keys (<<) are not allowed", hint="write the fields out in full")
                self._refuse(key_node, STRUCTURE, "a key must be plain text")
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                line, col = self._pos(key_node)
                self.problems.append(Problem(self.doc.path, line, col, DUPLICATE_KEY,
                                             f"key '{key}' is already defined at line {key_marks[key_path][0]}",
                                             hint="keep one of the two"))
                continue
            kmark = key_node.start_mark
            key_marks[key_path] = (kmark.line + 1 + self.offset, kmark.column + 1)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._refuse(node, TAG, f"tag {_short(tag)} is not allowed", hint="remove the tag")
        if tag == _TAG + "timestamp":
            # Dates stay text so the schema's "date" format can reject 2025-02-30 with a position.
            return node.value
        if tag == _TAG + "null":
            return None
        try:
            if tag == _TAG + "bool":
                return _constructor.construct_yaml_bool(node)
            if tag == _TAG + "int":
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except (ValueError, yaml.YAMLError):
            self._refuse(node, STRUCTURE, f"'{node.value}' is not a valid {_short(tag)[2:]}")


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
