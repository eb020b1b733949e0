"""The checker's rules, one module a rule, in the style of yamllint's rules/.

Each module has:
  ID        the rule id printed with every problem
  SEVERITY  "error" (default) or "warning"; cop.yaml may change it or turn it "off"
  LOCKED    True for a rule that guards what the site promises (safe pages, honest status,
            answers kept from participants, every file read): always an error, whatever cop.yaml says
  a docstring: a one-line summary, an explanation, and a passing and a failing example
  check(kb, ctx)  a generator of Problems, each with file, line and column

Rules whose STAGE is "read" are enforced while a file is read (a file that breaks
one is not loaded at all); their check() runs the reader on one text, for tests.
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

from ..model import Config


@dataclass(frozen=True)
class Context:
    today: dt.date
    config: Config


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
    """Entries and case analyses: everything that states an office's practice and cites for it."""
    for key in sorted(kb.entries):
        yield kb.entries[key], "entry"
    for case_id in sorted(kb.cases):
        for analysis in kb.cases[case_id].analyses:
            yield analysis, f"case analysis ({analysis.office})"


def texts(kb):
    """Every contributed text: (path, line, col, text).

    YAML strings are reported at the start of their value; session bodies line by
    line, since a Markdown file's lines are the file's lines. Several rules read every
    text, so the list is made once per knowledge base.
    """
    cached = kb.__dict__.get("_texts")
    if cached is None:
        cached = kb.__dict__["_texts"] = list(_all_texts(kb))
    return cached


def _all_texts(kb):
    for rel in sorted(kb.documents):
        for _, line, col, value in kb.documents[rel].strings:
            yield rel, line, col, value
    for folder in sorted(kb.workshops):
        for session in kb.workshops[folder].sessions:
            rel = session.loc.path
            for i, text in enumerate(session.body.split("\n")):
                yield rel, session.body_line + i, 1, text
