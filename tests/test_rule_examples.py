"""Every rule's docstring examples, run: the passing one gives no problem, the failing one a
problem from its rule. The rules page shows the same text, so what it teaches is what holds.

The format of an example is described in the docstring of cop.rules: its first line names
the file it is written in; a read-stage rule's example is that whole file, any other rule's a
change to the fixture knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import yaml

from cop.kinds import classify
from cop.rules import all_rules
from cop.views.pages.reference import rules_reference

HEADER = re.compile(r"# (?P<path>[^\s,]+)"
                    r"(?:, (?:(?P<deleted>deleted)|a copy of (?P<copy>[^\s,]+)|a symbolic link to (?P<link>\S+)))?")
REPEAT = re.compile(r"<([0-9][0-9,]*) × ([^<>]+)>")
BYTE = re.compile(rb"\\x([0-9a-fA-F]{2})")
MORE = "..."  # the fixture's other items of a list, or a record's other fields


@dataclass
class Example:
    shown: str  # as the rules page shows it
    path: str
    text: str  # the lines after the one naming the file, shorthand written out
    deleted: bool = False
    copy_of: str | None = None
    link_to: str | None = None


def examples(rule) -> dict[str, Example]:
    """The rule's passing and failing examples, cut out of the docstring as the rules page cuts them."""
    doc = (rule.__doc__ or "").strip()
    _, _, blocks = doc.partition("Passing:")
    passing, _, failing = blocks.partition("Failing:")
    return {"passing": _example(passing), "failing": _example(failing)}


def _example(block: str) -> Example:
    lines = block.strip("\n").splitlines()
    assert all(line.startswith("    ") or not line for line in lines), "an example is indented by four spaces"
    shown = "\n".join(line[4:] for line in lines).strip()
    first, _, rest = shown.partition("\n")
    header = HEADER.fullmatch(first)
    assert header, f"an example starts with a comment naming its file, not {first!r}"
    text = REPEAT.sub(lambda m: m.group(2) * int(m.group(1).replace(",", "")), rest)
    return Example(shown, header["path"], text + "\n" if text else "", bool(header["deleted"]), header["copy"],
                   header["link"])


def _raw(text: str) -> bytes:
    return BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8"))


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


# Writing an example into the fixture.


def merge(base, change):
    """The fixture's value `base` with the example's `change`, as the docstring of cop.rules describes."""
    if isinstance(change, dict):
        merged = dict(base) if isinstance(base, dict) else {}
        for key, value in change.items():
            if key != MORE:
                merged[key] = merge(merged.get(key), value)
        return merged
    if isinstance(change, list):
        base = base if isinstance(base, list) else []
        named = {_name(item) for item in change if isinstance(item, dict)}
        merged = []
        for item in change:
            if item == MORE:
                merged += [b for b in base if b not in change and not (isinstance(b, dict) and _name(b) in named)]
            elif isinstance(item, dict) and MORE in item:
                [record] = [b for b in base if isinstance(b, dict) and _name(b) == _name(item)]
                merged.append(merge(record, item))
            else:
                merged.append(item)
        return merged
    return change


def _name(record: dict):
    """What names a record of a list: its id, or for a case analysis its office."""
    return record.get("id", record.get("office"))


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


def _front_matter(text: str) -> tuple[dict, str] | None:
    lines = text.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        return None
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])) or {}, "\n".join(lines[end + 1:])


def write(project, example: Example) -> None:
    target = project.path(example.path)
    if example.deleted or example.link_to:
        assert _only_comments(example.text), "a deleted file or a link has no content to show"
        if target.exists():
            target.unlink()
        if example.link_to:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(example.link_to)
        return
    assert b"\\x" not in example.text.encode(), "a byte that is not UTF-8 cannot be merged into the fixture"
    source = project.path(example.copy_of or example.path)
    before = source.read_text(encoding="utf-8") if source.exists() else ""
    kind = classify(example.path)
    if kind == "session":
        base_front, base_body = _front_matter(before) or ({}, "")
        front, body = _front_matter(example.text) or ({}, example.text)
        text = "---\n" + _dump(merge(base_front, front)) + "---\n" + (body if body.strip() else base_body)
    elif kind is not None:
        text = _dump(merge(yaml.safe_load(before) or {}, yaml.safe_load(example.text) or {}))
    else:
        text = example.text
    project.write(example.path, text)


def problems_of(project, rule, example: Example) -> list:
    """What `cop check` (or, for a read-stage rule, the rule itself reading the example) finds."""
    if getattr(rule, "STAGE", None) == "read":
        assert not (example.deleted or example.copy_of or example.link_to), "a read-stage example is a whole file"
        kind = classify(example.path)
        assert kind is not None, f"cop does not read {example.path}"
        return list(rule.check_file(_raw(example.text), example.path, kind))
    write(project, example)
    return project.problems()


RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_a_rules_passing_example_gives_no_problem(project, rule):
    found = problems_of(project, rule, examples(rule)["passing"])
    if getattr(rule, "STAGE", None) == "read":
        # A read-stage example is a fragment: other rules may ask for the fields it leaves out.
        found = [p for p in found if p.rule == rule.ID]
    assert found == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_a_rules_failing_example_gives_problems_from_that_rule_only(project, rule):
    found = problems_of(project, rule, examples(rule)["failing"])
    assert {p.rule for p in found} == {rule.ID}, found


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_the_rules_page_shows_the_examples_that_are_run(rule):
    page = rules_reference()
    for example in examples(rule).values():
        assert f"```yaml\n{example.shown}\n```" in page


def test_a_record_written_with_dots_keeps_its_other_fields_and_the_list_its_other_items():
    base = [{"id": "a", "x": 1, "y": 2}, {"id": "b"}, {"id": "c"}]
    assert merge(base, [{"id": "a", "x": 3, MORE: None}, MORE]) == [{"id": "a", "x": 3, "y": 2}, {"id": "b"}, {"id": "c"}]
    assert merge(base, [{"id": "b"}]) == [{"id": "b"}]
    assert merge({"k": 1, "l": {"m": 1, "n": 2}}, {"l": {"m": 3}}) == {"k": 1, "l": {"m": 3, "n": 2}}
