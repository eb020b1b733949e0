"""A schema compiled to plain Python predicates: a fast yes/no before jsonschema's full answer.

Almost every file is valid, and jsonschema spends most of its time walking valid documents.
This compiles the (inlined) schema once into nested closures that only answer "valid?"; when
the answer is no, jsonschema runs and explains. Only the keywords our schemas use are
supported; any other keyword is refused when compiling, so the two can never silently
disagree (tests compare them on generated documents).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from functools import cache
from typing import Any, Callable

Check = Callable[[Any], bool]
_IGNORED = {"$schema", "title", "description", "$defs", "$id"}


def _is_type(name: str) -> Check:
    return {
        "string": lambda v: isinstance(v, str),
        # 210.0 is a JSON Schema integer, but not one the views can print as a count: refused.
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
        "null": lambda v: v is None,
    }[name]


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


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# keyword: (which values it constrains, what is measured, how it compares with the limit)
_BOUNDS = {
    "minLength": (lambda v: isinstance(v, str), len, operator.ge),
    "maxLength": (lambda v: isinstance(v, str), len, operator.le),
    "minItems": (lambda v: isinstance(v, list), len, operator.ge),
    "maxItems": (lambda v: isinstance(v, list), len, operator.le),
    "minimum": (_is_number, lambda v: v, operator.ge),
    "maximum": (_is_number, lambda v: v, operator.le),
}


def _bound(applies: Check, measure, compare, limit) -> Check:
    return lambda v: not applies(v) or compare(measure(v), limit)


def _date(value: Any) -> bool:
    if not isinstance(value, str):
        return True  # formats constrain strings only
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def compile_schema(schema: Any) -> Check:
    if schema is True:
        return lambda v: True
    if schema is False:
        return lambda v: False
    checks: list[Check] = []
    unknown = set(schema) - _IGNORED - {
        "type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "pattern",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "format", "oneOf"}
    if unknown:
        raise ValueError(f"fastschema does not support {sorted(unknown)}")
    if schema.get("format", "date") != "date":
        raise ValueError(f"fastschema does not support the format {schema['format']!r}")
    # A value that passed a single "type: string" is known to be text: the checks after it then
    # need not ask again (the type check comes first, and `every` stops at the first failure).
    text = schema.get("type") == "string"
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_is_type(n) for n in names]
        checks.append(tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests))
    if "enum" in schema:
        allowed = schema["enum"]
        if all(type(o) is str for o in allowed):
            # Text equals only text, so membership in a set says the same as _equal, faster.
            names_allowed = frozenset(allowed)
            checks.append(lambda v: isinstance(v, str) and v in names_allowed)
        else:
            checks.append(lambda v: any(_equal(v, o) for o in allowed))
    if "pattern" in schema:
        search = ecma_regex(schema["pattern"]).search
        if text:
            checks.append(lambda v: search(v) is not None)
        else:
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    for keyword, (applies, measure, compare) in _BOUNDS.items():
        if keyword in schema:
            checks.append(_bound(applies, measure, compare, schema[keyword]))
    if schema.get("format") == "date":
        checks.append(_date)
    if schema.get("uniqueItems"):
        checks.append(lambda v: not isinstance(v, list) or _unique(v))
    if "items" in schema:
        checks.append(_items(compile_schema(schema["items"])))
    if "required" in schema:
        checks.append(_required(tuple(schema["required"])))
    if "properties" in schema or "additionalProperties" in schema or "propertyNames" in schema:
        props = {k: compile_schema(s) for k, s in schema.get("properties", {}).items()}
        extra = compile_schema(schema.get("additionalProperties", True))
        names = compile_schema(schema["propertyNames"]) if "propertyNames" in schema else None
        get = props.get

        def mapping(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for key, value in v.items():
                if names is not None and not names(key):
                    return False
                if not get(key, extra)(value):
                    return False
            return True

        checks.append(mapping)
    if "oneOf" in schema:
        alternatives = [compile_schema(o) for o in schema["oneOf"]]
        checks.append(lambda v: sum(1 for o in alternatives if o(v)) == 1)
    # Every closure above binds what it reads through its own local name or a helper's
    # parameters, so a later keyword cannot rebind an earlier check's limit.
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:  # the common case (a type and one constraint): one call fewer per value
        first, second = checks
        return lambda v: first(v) and second(v)

    def every(v: Any) -> bool:
        for check in checks:
            if not check(v):
                return False
        return True

    return every


def _items(item: Check) -> Check:
    def items(v: Any) -> bool:
        if isinstance(v, list):
            for x in v:
                if not item(x):
                    return False
        return True

    return items


def _required(required: tuple[str, ...]) -> Check:
    def present(v: Any) -> bool:
        if isinstance(v, dict):
            for k in required:
                if k not in v:
                    return False
        return True

    return present


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
