"""JSON Schemas of the file kinds, compiled once, and what a document does wrong, in plain words.

Machinery: it explains each violation with the path of the value at fault; the rule `schema`
reports them at their lines.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any, Iterator, NamedTuple


class Violation(NamedTuple):
    path: tuple  # of the value at fault (of its key when `key`)
    message: str
    hint: str | None = None
    key: bool = False


def schema_names() -> tuple[str, ...]:
    """Every schema the package ships, by name (common.schema.json holds shared definitions)."""
    folder = resources.files("cop").joinpath("schemas")
    return tuple(sorted(p.name[: -len(".schema.json")] for p in folder.iterdir() if p.name.endswith(".schema.json")))


def schema_text(name: str) -> str:
    return resources.files("cop").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")


@cache
def _registry():
    from referencing import Registry, Resource

    # Registered under their file names so the relative "$ref: common.schema.json#..." in each
    # schema resolves here exactly as an editor resolves it beside the file.
    return Registry().with_resources(
        (f"{n}.schema.json", Resource.from_contents(json.loads(schema_text(n)))) for n in schema_names()
    )


@cache
def _document(name: str) -> dict:
    return json.loads(schema_text(name))


def inline(node, document: str):
    """The schema with every $ref replaced by what it points to.

    Resolving references is most of jsonschema's work on small documents; inlining them
    once, when the validator is compiled, makes validating a file about ten times faster.
    The schemas have no recursive references, so this terminates.
    """
    if isinstance(node, list):
        return [inline(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if ref is None:
        return {key: inline(value, document) for key, value in node.items() if key != "$defs"}
    target_doc, _, pointer = ref.partition("#")
    target_doc = target_doc[: -len(".schema.json")] if target_doc else document
    target = _document(target_doc)
    for part in filter(None, pointer.split("/")):
        target = target[part]
    merged = dict(inline(target, target_doc))
    merged.update({key: inline(value, document) for key, value in node.items() if key != "$ref"})
    return merged


@cache
def _validator_class():
    """Draft 2020-12 as fastschema reads it: patterns with ECMA-262's `$`, integers that are ints."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    from .fastschema import ecma_regex

    def pattern(validator, regex, instance, schema):
        if validator.is_type(instance, "string") and not ecma_regex(regex).search(instance):
            yield ValidationError(f"{instance!r} does not match {regex!r}")

    integers = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(Draft202012Validator, validators={"pattern": pattern}, type_checker=integers)


@cache
def validator(kind: str):
    # jsonschema is imported only when a file needs its errors explained: most runs never do.
    cls = _validator_class()
    schema = inline(_document(kind), kind)
    cls.check_schema(schema)
    return cls(schema, registry=_registry(), format_checker=cls.FORMAT_CHECKER)


@cache
def quick(kind: str):
    from .fastschema import compile_schema

    return compile_schema(inline(_document(kind), kind))


def violations(kind: str, data: Any) -> list[Violation]:
    """What `data` does wrong against the schema of `kind`; empty when it is valid."""
    if quick(kind)(data):
        return []
    return [v for error in validator(kind).iter_errors(data) for v in _explain(error)]


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return f"the number {value!r}"
    return {str: "text", int: "a whole number", list: "a list",
            dict: "a mapping", type(None): "nothing (empty)"}.get(type(value), type(value).__name__)


_EXPECTED = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
             "array": "a list", "object": "a mapping of fields", "null": "nothing"}


def _explain(error) -> Iterator[Violation]:
    path = tuple(error.absolute_path)
    validator_name = error.validator
    where = _dotted(path)
    if validator_name == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed fields: {', '.join(allowed)}"
                yield Violation(path + (key,), f"unknown field '{key}'", hint, key=True)
        return
    if validator_name == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        for key in missing:
            yield Violation(path, f"missing required field '{key}' in {where}", key=bool(path))
        return
    if validator_name == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(_EXPECTED.get(t, t) for t in expected)
        hint = None
        if isinstance(error.instance, bool) and "string" in expected:
            hint = 'YAML reads unquoted yes/no/on/off as true/false; put the word in quotes, e.g. "yes"'
        elif isinstance(error.instance, float) and "integer" in expected and error.instance.is_integer():
            hint = f"write {int(error.instance)}"
        yield Violation(path, f"{where} must be {wanted}, not {_type_name(error.instance)}", hint)
        return
    if validator_name == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(error.instance), options, n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        yield Violation(path, f"{where} is '{error.instance}'; allowed: {', '.join(options)}", hint)
        return
    if validator_name == "format":
        yield Violation(path, f"{where} '{error.instance}' is not a valid {error.validator_value}")
        return
    if validator_name == "pattern":
        what = error.schema.get("description") or f"the pattern {error.validator_value}"
        shown = error.instance if len(str(error.instance)) <= 60 else str(error.instance)[:57] + "..."
        yield Violation(path, f"{where} '{shown}' must be {what}")
        return
    if validator_name in ("maxLength", "minLength", "minItems", "maxItems", "minimum", "maximum"):
        limit = error.validator_value
        words = {"maxLength": f"at most {limit} characters", "minLength": "not empty" if limit == 1 else f"at least {limit} characters",
                 "minItems": f"at least {limit} item(s)", "maxItems": f"at most {limit} item(s)",
                 "minimum": f"at least {limit}", "maximum": f"at most {limit}"}[validator_name]
        yield Violation(path, f"{where} must be {words}")
        return
    if validator_name == "uniqueItems":
        yield Violation(path, f"{where} lists an item twice")
        return
    if validator_name == "oneOf" and path and path[-1] == "positions":
        yield Violation(path, f"{where} must name a position set or list positions")
        return
    yield Violation(path, f"{where}: {error.message}")


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"
