"""The checker's rules, one module a rule, in the style of yamllint's rules/.

Each module has:
  ID        the rule id printed with every problem
  SEVERITY  "error" (default) or "warning"; cop.yaml may change it or turn it "off"
  LOCKED    True for a rule that guards what the site promises (safe pages, honest status,
            answers kept from participants, every file read): always an error, whatever cop.yaml says
  a docstring: a one-line summary, an explanation, and a passing and a failing example
  and one of two entry points, each giving Problems with file, line and column:
  check(kb, ctx)               on the loaded knowledge base (ctx: today, cop.yaml, the files, the index)
  check_file(raw, path, kind)  for a rule whose STAGE is "read": on one file's bytes, as the loader
                               reads it; a file that breaks such a rule is not loaded at all

The loader calls the read-stage rules in the order of cop.read.READ_RULES, and the checker the
others; both ask this registry, and so do `cop check --list-rules` and the rules page.

The examples are shown on the rules page and run by tests/test_rule_examples.py, so each says
where it is written: its first line is a comment naming the file (`# practices/EP/program-claims.yaml`),
to which it may add `, deleted`, `, a copy of <file>` or `, a symbolic link to <target>`.
A read-stage rule's example is that whole file. Any other rule's example is a change to the test
fixture (tests/fixtures/good): the keys it gives replace the fixture's and the others stay; a list
is written out in full, `...` standing for the fixture's other items and `{id: X, ...}` for the
fixture's record X with the fields given changed (a case analysis is named by its office:
`{office: EP, ...}`); in a session the example is the Markdown, after
front matter (`---`) that is merged the same way. `<N × x>` stands for x written N times, and
`\\x93` for the byte 0x93.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Iterable

from ..index import Index
from ..inventory import Inventory
from ..model import Config
from ..problems import Problem


@dataclass(frozen=True)
class Context:
    """What a rule is given beside the knowledge base."""

    today: dt.date
    config: Config
    files: Inventory  # every data file, the broken ones, the documents read
    index: Index  # every contributed text and reference, listed once


@cache
def all_rules() -> tuple[ModuleType, ...]:
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            modules.append(importlib.import_module(f"{__name__}.{info.name}"))
    return tuple(sorted(modules, key=lambda mod: mod.ID))


@cache
def by_id() -> dict[str, ModuleType]:
    return {mod.ID: mod for mod in all_rules()}


def summary(rule: ModuleType) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]


def severity(rule: ModuleType) -> str:
    return getattr(rule, "SEVERITY", "error")


def locked(rule: ModuleType) -> bool:
    return getattr(rule, "LOCKED", False)


def marks(rule: ModuleType) -> str:
    """How the rule lists and the rules page mark a rule: its default level when a warning, and whether it is locked."""
    found = (["warning"] if severity(rule) == "warning" else []) + (["locked"] if locked(rule) else [])
    return f" ({', '.join(found)})" if found else ""


def level(rule_id: str, levels: dict) -> str:
    """The level a problem of `rule_id` is reported at: the rule's default, or cop.yaml's for an unlocked rule."""
    rule = by_id().get(rule_id)
    if rule is None:
        return "error"
    if locked(rule):
        return "error"
    chosen = levels.get(rule_id, severity(rule))
    return "off" if chosen is False else chosen


def reported(findings, path: str, rule_id: str) -> list[Problem]:
    """The reader's findings of one kind (line, col, message, hint) as problems of a rule."""
    if not findings:  # nearly always: asked of every file by each read-stage rule
        return []
    return [Problem(path, line, col, rule_id, message, hint=hint) for line, col, message, hint in findings]


def nearest(value: str, options: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt id, or None."""
    options = list(options)
    # Office codes are two letters: one right letter in place is as close as they get.
    cutoff = 0.5 if len(value) <= 3 else 0.6
    close = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    if not close:
        close = [o for o in options if o.lower() == value.lower()]
    return f"did you mean '{close[0]}'?" if close else None


def assessments(kb):
    """Entries, case analyses and offices' tests: everything that states an office's practice,
    carries a review status and cites for it (a test through its questions' citations)."""
    for key in sorted(kb.entries):
        yield kb.entries[key], "entry"
    for case_id in sorted(kb.cases):
        for analysis in kb.cases[case_id].analyses:
            yield analysis, f"case analysis ({analysis.office})"
    for key in sorted(kb.tests):
        yield kb.tests[key], f"test {key}"


def cited(kb):
    """What must cite an official source itself: entries, case analyses, each question of a test."""
    for item, label in assessments(kb):
        if hasattr(item, "nodes"):
            yield from ((node, f"question '{node.id}' of {label}") for node in item.nodes)
        else:
            yield item, label
