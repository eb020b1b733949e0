"""Reads one data file into plain data while keeping where every value came from.

The node tree from PyYAML's composer (the C one when present) carries the line and column of
every key and value; plain Python data is built from it here, so that nothing is ever
constructed from a tag, duplicate keys are caught (PyYAML silently keeps the last), and
aliases cannot expand into a YAML bomb. A session file is Markdown after YAML front matter.

This is machinery, and names no rule: `read` records what is wrong with a file (too big, not
UTF-8, not YAML, a duplicate key, a tag, an alias, a shape no schema can take) as findings,
each with its place; the read-stage rules in cop/rules/ report each kind of finding under
their own id.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, NamedTuple

import yaml

from .document import Document, JsonPath, Positions

try:  # the C composer is ~8x faster; the pure-Python one gives the same nodes
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _SEQ, _MAP, _MERGE = (_TAG + t for t in ("str", "seq", "map", "merge"))
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
# Every first character PyYAML has an implicit pattern for; a plain scalar starting otherwise is text.
# (A resolver registered for any first character, under None, would make this shortcut wrong.)
if None in _Base.yaml_implicit_resolvers:  # pragma: no cover - PyYAML registers none
    raise ImportError("PyYAML has an implicit resolver for any first character; yamldoc's shortcut would be wrong")
_MAYBE_TYPED = frozenset(_Base.yaml_implicit_resolvers)
_resolve_scalar = _Base.resolve
_resolver = _Base("")  # only its patterns are used


# A small cache in front: the same few values come again and again (the field names, the
# statuses, true and false), and a hit costs no Python call at all; the composer asks for
# every node's tag. 256 holds every field name of every kind with room for values.
@lru_cache(maxsize=256)
def _tag(kind, value, implicit) -> str:
    """The tag of an untagged node, with most plain scalars decided without running any pattern.

    PyYAML tries implicit patterns only for the first characters it has patterns for (digits,
    signs, y/n/t/f/o for booleans, ~ for null, ...); any other first character means text.
    Saying so before the general lookup gives the same tags in a fraction of the time.
    """
    if kind is _ScalarNode:
        # A quoted or block scalar is text; so is a plain one that no pattern could match.
        if not implicit[0] or (value and value[0] not in _MAYBE_TYPED):
            return _STR
        return _resolve_scalar(_resolver, kind, value, implicit)
    # No path resolvers are registered, so an untagged collection is a plain map or list.
    return _MAP if kind is _MappingNode else _SEQ


class _Loader(_Base):
    """The safe loader, with tags decided by `_tag` and path resolvers not followed.

    The composer calls these three for every node. Each is a function written in C (the cache,
    and two built-ins that ignore what they are given), since a Python call for each of the
    400,000 nodes of 10,000 files costs a tenth of the composing time.
    """

    resolve = staticmethod(_tag)
    # Path resolvers are not used: nothing to follow on the way down or up.
    descend_resolver = staticmethod(operator.is_)  # (node, index) -> ignored
    ascend_resolver = staticmethod(tuple)  # () -> ignored


# Bigger than any sensible data file, small enough that a pasted binary is refused quickly.
MAX_BYTES = 1_000_000
MAX_DEPTH = 32

_BOM = b"\xef\xbb\xbf"
_constructor = yaml.SafeLoader("")  # only its scalar converters are used
_FENCE = "---"


class Finding(NamedTuple):
    line: int
    col: int
    message: str
    hint: str | None = None


@dataclass
class Reading:
    """One file read: its document (None when it could not be read) and what was found wrong, by kind."""

    path: str
    document: Document | None = None
    too_big: list[Finding] = field(default_factory=list)
    encoding: list[Finding] = field(default_factory=list)
    syntax: list[Finding] = field(default_factory=list)
    aliases: list[Finding] = field(default_factory=list)
    tags: list[Finding] = field(default_factory=list)
    duplicate_keys: list[Finding] = field(default_factory=list)
    shape: list[Finding] = field(default_factory=list)  # empty, too deep, not a mapping, front matter unclosed
    body: str | None = None  # a session's Markdown, line ends normalised
    body_line: int = 1  # the line of the body's first line in the file


class _Stop(Exception):
    """Reading cannot go on; the finding is recorded already."""


@lru_cache(maxsize=4)
def read(raw: bytes, path: str, kind: str) -> Reading:
    """Reads a file of `kind` (its bytes); each read-stage rule asks for its findings in turn, so
    the same bytes are read once (the result is kept for the next rule and must not be changed)."""
    reading = Reading(path)
    try:
        text = _decode(raw, reading)
        offset = 0
        if kind == "session":
            text, offset = _front_matter(text, reading)
        reading.document = _parse(text, path, offset, reading)
    except _Stop:
        reading.document = None
    return reading


def parse(text: str, path: str, line_offset: int = 0) -> Reading:
    """Text (not a file) read as YAML: for the front matter of a session, and for tests."""
    reading = Reading(path)
    try:
        reading.document = _parse(text, path, line_offset, reading)
    except _Stop:
        reading.document = None
    return reading


def _decode(raw: bytes, reading: Reading) -> str:
    """Bytes to text: bounded size, UTF-8 only, no byte-order mark."""
    if len(raw) > MAX_BYTES:
        reading.too_big.append(Finding(1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                                       "split the file or remove pasted binary data"))
        raise _Stop
    if raw.startswith(_BOM):
        reading.encoding.append(Finding(1, 1, "file starts with a UTF-8 byte-order mark",
                                        "save the file as UTF-8 without BOM"))
        raise _Stop
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        reading.encoding.append(Finding(line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                                        "save the file as UTF-8"))
        raise _Stop from None


def _front_matter(text: str, reading: Reading) -> tuple[str, int]:
    """A session's front matter and its line offset; the body goes into the reading."""
    # Markdown ends a line at CR as at LF; so must the block grammar and every line number.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        reading.shape.append(Finding(1, 1, "a session starts with front matter between '---' lines",
                                     "add title, minutes and kind between two '---' lines at the top"))
        raise _Stop
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == _FENCE:
            body = "\n".join(lines[number:])
            stripped = body.lstrip("\n")
            reading.body, reading.body_line = stripped, number + 1 + (len(body) - len(stripped))
            return "\n".join(lines[1:number - 1]), 1
    reading.shape.append(Finding(1, 1, "the front matter opened with '---' on line 1 is never closed",
                                 "end the title, minutes and kind with a line '---'"))
    raise _Stop


def _parse(text: str, path: str, line_offset: int, reading: Reading, positions: Positions | None = None) -> Document:
    """The document in `text`; with `positions`, the place of every value and key recorded there too."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context
        if context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" (started at line {exc.context_mark.line + 1 + line_offset})"
        message = " ".join(str(part) for part in (context, exc.problem) if part)
        reading.syntax.append(Finding(line + line_offset, col, message or "invalid YAML"))
        raise _Stop from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", None)
        line, col = _line_col(text, position) if position is not None else (1, 1)
        reading.syntax.append(Finding(line + line_offset, col, str(getattr(exc, "reason", None) or "invalid YAML")))
        raise _Stop from None
    except RecursionError:
        reading.syntax.append(Finding(1 + line_offset, 1, f"nesting deeper than {MAX_DEPTH} levels"))
        raise _Stop from None
    if root is None:
        reading.shape.append(Finding(1 + line_offset, 1, "file is empty; expected a mapping of fields"))
        raise _Stop
    if "&" in text and _MAYBE_ANCHOR.search(text):
        _refuse_anchors(text, line_offset, reading)
    doc = Document(path, None, locate=partial(_positions, text, path, line_offset))
    builder = _Builder(doc.strings, line_offset, reading, positions)
    try:
        doc.data = builder.build(root)
    except _Refused:
        raise _Stop from None
    if reading.duplicate_keys:
        raise _Stop
    if not isinstance(doc.data, dict):
        reading.shape.append(Finding(*builder._pos(root), "the file must be a mapping of fields, not a list or a single value"))
        raise _Stop
    return doc


def _positions(text: str, path: str, line_offset: int) -> Positions:
    """Where every value and key of a document is, read again from its text when first asked for."""
    positions: Positions = ({}, {})
    try:
        _parse(text, path, line_offset, Reading(path), positions)
    except _Stop:  # a text that could not be read has no document to ask: what was found stands
        pass
    return positions


# An anchor is a node's property, so its "&" starts a token: at the start of the text, after a
# space or a line end, or after an indicator. Prose such as "R&D" or "&amp;" has none of these
# before its "&" and is not parsed a second time; what might be an anchor is.
_MAYBE_ANCHOR = re.compile(r"""(?<![^\s\[\]{},:?!|>"'-])&[^\s\[\]{},]""")


def _refuse_anchors(text: str, line_offset: int, reading: Reading) -> None:
    """An anchor (&name) with no alias using it yet: the composer keeps no trace of it, the
    parser's events do. Read again only when the text has an "&" at all."""
    for event in yaml.parse(text, Loader=_Loader):
        if getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            reading.aliases.append(Finding(mark.line + 1 + line_offset, mark.column + 1, _ANCHORS, "write the value out in full"))
            raise _Stop


_ANCHORS = "anchors and aliases (&name / *name) are not allowed in data files"


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Refused(Exception):
    pass


class _Builder:
    def __init__(self, strings: list, line_offset: int, reading: Reading, positions: Positions | None):
        self.strings = strings
        self.offset = line_offset
        self.reading = reading
        self.positions = positions

    def _pos(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def _refuse(self, node, found: list[Finding], message: str, hint: str | None = None):
        found.append(Finding(*self._pos(node), message, hint))
        raise _Refused

    def build(self, root) -> Any:
        # The hot loop of every command: what each node needs is bound to a local name once.
        offset, (marks, key_marks) = self.offset + 1, self.positions or (None, None)
        strings, scalar, refuse, reading = self.strings.append, self._scalar, self._refuse, self.reading

        def value(node, path: JsonPath, depth: int) -> Any:
            # No alias gets here: an alias needs an anchor, and a text with an anchor was refused
            # before building (_refuse_anchors), so every node is built once.
            if depth > MAX_DEPTH:
                refuse(node, reading.shape, f"nesting deeper than {MAX_DEPTH} levels")
            mark = node.start_mark
            pos = (mark.line + offset, mark.column + 1)
            if marks is not None:
                marks[path] = pos
            cls, tag = node.__class__, node.tag
            if cls is _ScalarNode:
                if tag == _STR:
                    text = node.value
                    strings((path, pos[0], pos[1], text))
                    return text
                return scalar(node)
            depth += 1
            if cls is _SequenceNode and tag == _SEQ:
                return [value(item, path + (i,), depth) for i, item in enumerate(node.value)]
            if cls is not _MappingNode or tag != _MAP:
                refuse(node, reading.tags, f"tag {_short(tag)} is not allowed", hint="remove the tag")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not _ScalarNode or key_node.tag not in _SCALAR_TAGS:
                    if key_node.tag == _MERGE:
                        refuse(key_node, reading.tags, "merge keys (<<) are not allowed", hint="write the fields out in full")
                    refuse(key_node, reading.shape, "a key must be plain text")
                key = key_node.value
                key_path = path + (key,)
                if key in result:
                    first = next(k for k, _ in node.value if k.value == key)
                    reading.duplicate_keys.append(Finding(
                        *self._pos(key_node), f"key '{key}' is already defined at line {self._pos(first)[0]}",
                        "keep one of the two"))
                    continue
                if key_marks is not None:
                    kmark = key_node.start_mark
                    key_marks[key_path] = (kmark.line + offset, kmark.column + 1)
                result[key] = value(value_node, key_path, depth)
            return result

        return value(root, (), 0)

    def _scalar(self, node) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._refuse(node, self.reading.tags, f"tag {_short(tag)} is not allowed", hint="remove the tag")
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
            self._refuse(node, self.reading.shape, f"'{node.value}' is not a valid {_short(tag)[2:]}")


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
