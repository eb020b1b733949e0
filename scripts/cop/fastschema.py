"""A schema compiled to Python code: a fast yes/no before jsonschema's full answer.

Almost every file is valid, and jsonschema spends most of its time walking valid documents.
This compiles the (inlined) schema once into Python functions that only answer "valid?" (one
function for each mapping and list in the schema, the checks of their values written out in
it); when the answer is no, jsonschema runs and explains. Only the keywords our schemas use
are supported; any other keyword is refused when compiling, so the two can never silently
disagree (tests compare them on generated documents).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, Callable

Check = Callable[[Any], bool]
_IGNORED = {"$schema", "title", "description", "$defs", "$id"}
_KNOWN = {"type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "pattern",
          "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "format", "oneOf"}

# What each JSON Schema type accepts, as a Python expression of `{v}`.
_TYPES = {
    "string": "isinstance({v}, str)",
    # 210.0 is a JSON Schema integer, but not one the views can print as a count: refused.
    "integer": "(isinstance({v}, int) and not isinstance({v}, bool))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "array": "isinstance({v}, list)",
    "object": "isinstance({v}, dict)",
    "null": "{v} is None",
}
# keyword: (the type it constrains, the expression of `{v}` that must hold for `{limit}`)
_BOUNDS = {
    "minLength": ("string", "len({v}) >= {limit}"),
    "maxLength": ("string", "len({v}) <= {limit}"),
    "minItems": ("array", "len({v}) >= {limit}"),
    "maxItems": ("array", "len({v}) <= {limit}"),
    "minimum": ("number", "{v} >= {limit}"),
    "maximum": ("number", "{v} <= {limit}"),
}


@cache
def ecma_regex(pattern: str) -> re.Pattern:
    """A schema pattern compiled with ECMA-262's meaning, which JSON Schema prescribes, of `$`.

    In ECMA-262 `$` matches only at the end of the text; Python's also matches before a final
    newline, so "zz-term\\n" would pass "^[a-z-]+$" and break the heading or CODEOWNERS line it
    lands in. Each `$` outside a character class becomes `\\Z`.
    """
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    return re.compile("".join(out))


def _date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _equal(a: Any, b: Any) -> bool:
    # As in JSON Schema, true is not 1 and false is not 0.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _unique(values: list) -> bool:
    seen = []
    for value in values:
        key = (type(value) is bool, value)
        if key in seen:
            return False
        seen.append(key)
    return True


def compile_schema(schema: Any) -> Check:
    """The predicate "is `v` valid against `schema`?", as a Python function."""
    return _Compiler().function(schema)


class _Compiler:
    """Writes one Python function for each mapping or list schema; the checks of scalar values
    are written out inline, each a line that returns False when the value fails it."""

    def __init__(self):
        self.names: dict[str, Any] = {"_date": _date, "_equal": _equal, "_unique": _unique}
        self.sources: list[str] = []

    def constant(self, value: Any) -> str:
        if type(value) in (int, float):  # a limit: written out
            return repr(value)
        name = f"_c{len(self.names)}"
        self.names[name] = value
        return name

    def function(self, schema: Any) -> Check:
        name = self.define(schema)
        exec("\n\n".join(self.sources), self.names)  # noqa: S102 - our own code, from our own schemas
        return self.names[name]

    def define(self, schema: Any) -> str:
        return self.written(lambda: self.checks(schema, "v", 1))

    def written(self, body: Callable[[], list[str]]) -> str:
        """The name of a new function of `v` made of the lines `body` gives, True if none returns."""
        index = len(self.sources)
        self.sources.append("")  # its place, kept while the functions it calls are written
        self.sources[index] = f"def _f{index}(v):\n" + "".join(body()) + "    return True\n"
        return f"_f{index}"

    def checks(self, schema: Any, v: str, depth: int) -> list[str]:
        """Lines, at `depth` levels of indentation, that return False when `v` fails `schema`."""
        pad = "    " * depth
        if schema is True:
            return []
        if schema is False:
            return [f"{pad}return False\n"]
        unknown = set(schema) - _IGNORED - _KNOWN
        if unknown:
            raise ValueError(f"fastschema does not support {sorted(unknown)}")
        if schema.get("format", "date") != "date":
            raise ValueError(f"fastschema does not support the format {schema['format']!r}")
        names = schema.get("type")
        names = [] if names is None else names if isinstance(names, list) else [names]
        lines = []
        if names:
            lines.append(f"{pad}if not ({' or '.join(_TYPES[n].format(v=v) for n in names)}): return False\n")

        def when(type_name: str, condition: str) -> None:
            """A check that constrains values of one type only; after a type check that already
            proved the type (type: string, then a pattern), the type is not asked again."""
            if names == [type_name] or (type_name == "number" and names == ["integer"]):
                lines.append(f"{pad}if not ({condition}): return False\n")
            else:
                lines.append(f"{pad}if {_TYPES[type_name].format(v=v)} and not ({condition}): return False\n")

        if "enum" in schema:
            allowed = schema["enum"]
            if all(type(o) is str for o in allowed):
                # Text equals only text, so membership in a set says the same as _equal, faster.
                lines.append(f"{pad}if not (isinstance({v}, str) and {v} in {self.constant(frozenset(allowed))}): return False\n")
            else:
                lines.append(f"{pad}if not any(_equal({v}, o) for o in {self.constant(tuple(allowed))}): return False\n")
        if "pattern" in schema:
            when("string", f"{self.constant(ecma_regex(schema['pattern']).search)}({v}) is not None")
        for keyword, (type_name, condition) in _BOUNDS.items():
            if keyword in schema:
                when(type_name, condition.format(v=v, limit=self.constant(schema[keyword])))
        if schema.get("format") == "date":
            when("string", f"_date({v})")
        if schema.get("uniqueItems"):
            when("array", f"_unique({v})")
        if "items" in schema:
            when("array", f"all(map({self.define(schema['items'])}, {v}))")
        if "required" in schema:
            when("object", " and ".join(f"{key!r} in {v}" for key in schema["required"]) or "True")
        if "properties" in schema or "additionalProperties" in schema or "propertyNames" in schema:
            when("object", f"{self.mapping(schema)}({v})")
        if "oneOf" in schema:
            alternatives = ", ".join(self.define(o) for o in schema["oneOf"])
            lines.append(f"{pad}if sum(1 for o in ({alternatives},) if o({v})) != 1: return False\n")
        return lines

    def mapping(self, schema: dict) -> str:
        """A function checking each key of a mapping and its value against its property's schema."""
        return self.written(lambda: self.properties(schema))

    def properties(self, schema: dict) -> list[str]:
        body = ["    for key, value in v.items():\n"]
        if "propertyNames" in schema:
            body += self.checks(schema["propertyNames"], "key", 2)
        branch = "if"
        for key, sub in schema.get("properties", {}).items():
            body.append(f"        {branch} key == {key!r}:\n")
            body += self.checks(sub, "value", 3) or ["            pass\n"]
            branch = "elif"
        extra = self.checks(schema.get("additionalProperties", True), "value", 3 if branch == "elif" else 2)
        if branch == "elif" and extra:
            body.append("        else:\n")
        return body + extra
