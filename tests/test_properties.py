"""Property tests: whatever the bytes or YAML, the loader and checker answer with problems, never an exception."""

from __future__ import annotations

import datetime as dt
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOOD
from cop import yamldoc
from cop.check import run
from cop.problems import Problem

TODAY = dt.date(2026, 6, 1)
TARGET = "practices/EP/program-claims.yaml"
SETTINGS = settings(deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def well_formed(problems) -> bool:
    return all(isinstance(p, Problem) and p.line >= 1 and p.col >= 1 and p.rule and p.message for p in problems)


@settings(max_examples=300, deadline=2000)
@given(st.binary(max_size=2000))
def test_any_bytes_read_as_data_or_as_positioned_problems(raw):
    from cop.read import read_file

    for kind in ("entry", "session"):
        reading, problems = read_file(raw, "f.yaml", kind)
        assert (reading is None) == bool(problems)
        assert well_formed(problems)


@settings(max_examples=300, deadline=2000)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
def test_any_text_parses_or_gives_positioned_problems(text):
    from conftest import read_problems

    assert well_formed(read_problems(text))
    doc = yamldoc.parse(text, "f.yaml").document
    if doc is not None:
        assert doc.where(()) >= (1, 1)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates().map(lambda d: d.isoformat()))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=12), inner, max_size=5)),
                         max_leaves=30)
entry_like = st.fixed_dictionaries({"office": st.sampled_from(["EP", "SG", "XX", 3]),
                                    "topic": st.sampled_from(["program-claims", "nope", None])},
                                   optional={"position": scalars, "summary": scalars, "citations": documents,
                                             "status": st.sampled_from(["draft", "verified", "reviewed", "endorsed", "x"]),
                                             "last_reviewed": scalars, "note": scalars, "extra": documents})


@SETTINGS
@given(doc=st.one_of(documents, entry_like))
def test_any_yaml_document_in_an_entry_file_gives_only_problems(tmp_path_factory, doc):
    root = _project(tmp_path_factory)
    (root / TARGET).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert well_formed(run(root, TODAY))


@st.composite
def mutated(draw):
    lines = (GOOD / TARGET).read_text().splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "indent", "swap"]))
        if how == "delete" and len(lines) > 1:
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "insert":
            lines.insert(i, draw(st.text(max_size=30)))
        elif how == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif how == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
        elif how == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=mutated())
def test_mutations_of_a_valid_entry_give_only_problems(tmp_path_factory, text):
    root = _project(tmp_path_factory)
    (root / TARGET).write_bytes(text.encode("utf-8", "surrogatepass"))
    assert well_formed(run(root, TODAY))


_made = {}


def _project(factory):
    # One copy of the fixture per session: each example rewrites the one file it varies.
    if "root" not in _made:
        _made["root"] = factory.mktemp("property") / "kb"
        shutil.copytree(GOOD, _made["root"])
    return _made["root"]


def _valid_documents():
    from cop.files import data_files
    from cop.kinds import classify

    found = []
    for rel in data_files(GOOD):
        kind = classify(rel)
        if kind not in (None, "session", "unknown"):
            found.append((kind, yamldoc.read((GOOD / rel).read_bytes(), rel, kind).document.data))
    return found


VALID = _valid_documents()


@st.composite
def varied(draw):
    """A valid document of some kind with a few of its values replaced by anything."""
    import copy

    kind, data = draw(st.sampled_from(VALID))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(0, 3))):
        holder, key = data, None
        for _ in range(draw(st.integers(1, 4))):
            keys = list(holder) if isinstance(holder, dict) else list(range(len(holder))) if isinstance(holder, list) else []
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            if isinstance(holder[key], (dict, list)) and draw(st.booleans()):
                holder = holder[key]
                key = None
            else:
                break
        if key is not None:
            holder[key] = draw(st.one_of(scalars, documents))
        elif isinstance(holder, dict):
            holder[draw(st.text(max_size=10))] = draw(scalars)
    return kind, data


@settings(max_examples=400, deadline=None)
@given(varied())
def test_the_fast_schema_check_agrees_with_jsonschema(case):
    from cop.schema import quick, validator

    kind, data = case
    assert quick(kind)(data) == validator(kind).is_valid(data)


# Each keyword, on values of its own type and of others (a bound or a pattern constrains only
# its own type), with and without a type that already proves it.
KEYWORD_CASES = [
    ({"type": ["string", "null"], "minLength": 1, "pattern": "^a"}, [None, "", "a", "ba", 3, ["a"]]),
    ({"minLength": 2, "maxLength": 3}, ["a", "ab", "abcd", 7, None, ["a"]]),
    ({"type": "integer", "minimum": 1, "maximum": 3}, [0, 1, 3, 4, True, 2.0, "2"]),
    ({"minimum": 1}, [0, 1, True, False, "0", None, 0.5, 1.5]),
    ({"type": "number"}, [1, 1.5, True, "1"]),
    ({"enum": ["a", "b"]}, ["a", "c", 1, None]),
    ({"enum": [1, True, None]}, [1, True, False, 1.0, None, 0, "1"]),
    ({"format": "date"}, ["2026-02-28", "2026-02-30", 20260228, None]),
    ({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2, "uniqueItems": True},
     [[], ["a"], ["a", "a"], ["a", 1], ["a", "b", "c"], "ab", {"a": 1}]),
    ({"uniqueItems": True}, [[1, True], [1, 1], [0, False], "aa"]),
    ({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": True},
      "additionalProperties": False}, [{"a": "x"}, {"a": 1}, {"b": 1}, {"a": "x", "b": [1]}, {"a": "x", "c": 1}, []]),
    ({"properties": {"a": {"type": "integer"}}, "additionalProperties": {"type": "string"},
      "propertyNames": {"pattern": "^[a-z]+$"}}, [{"a": 1, "b": "x"}, {"a": "1"}, {"b": 2}, {"B": "x"}, "x", {}]),
    ({"required": []}, [{}, 1]),
    ({"oneOf": [{"type": "string"}, {"minLength": 3}]}, ["ab", "abc", 5, None]),
    (True, [None, 1]),
    (False, [None, 1]),
]


def test_each_keyword_of_the_fast_check_means_what_jsonschema_says():
    from cop.fastschema import compile_schema
    from cop.schema import _validator_class

    cls = _validator_class()  # Draft 2020-12 as the check reads it (integers are ints)
    for schema, values in KEYWORD_CASES:
        fast, full = compile_schema(schema), cls(schema, format_checker=cls.FORMAT_CHECKER)
        assert [fast(v) for v in values] == [full.is_valid(v) for v in values], schema


def test_the_fast_check_refuses_a_keyword_it_does_not_know():
    import pytest

    from cop.fastschema import compile_schema

    with pytest.raises(ValueError, match="patternProperties"):
        compile_schema({"type": "object", "patternProperties": {"^x": {"type": "string"}}})
    with pytest.raises(ValueError, match="email"):
        compile_schema({"type": "string", "format": "email"})


# The characters every unsafe-markup pattern is made of, and some that are not, with the
# scheme names as whole words: generated texts then hit the patterns often.
_MARKUP = st.lists(st.one_of(
    st.sampled_from(["javascript", "vbscript", "livescript", "data", "data:", "text/html,", "image/png;", "java", "script", "on", "click",
                     "&#58;", "&colon;", "&#x3a;", "&tab;", "&#9", "&#x61;", "topic", "https", "mailto", "<", ">",
                     "{", "}", "{:", "{{", "%", "#", "=", "&", ":", "]", "(", ")", "[", " ", "\t", "\n", "\u00a0",
                     "\u202e", "\u200b", "a", "t", "T", "A", ";", "/", '"', "'"]),
    st.characters(codec="utf-8")), max_size=40).map("".join)


@settings(max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUP)
def test_the_unsafe_markup_prefilter_lets_through_every_text_a_pattern_would_refuse(text):
    from cop.rules import unsafe_markup

    if unsafe_markup._any().search(text):
        assert unsafe_markup.triggered(text), text
