"""Runs every rule over the knowledge base and returns the problems, sorted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import load
from .problems import Problem, WARNING
from .rules import Context, all_rules, by_id, severity


def run(root: Path, today: dt.date | None = None, only: set[str] | None = None) -> list[Problem]:
    kb, problems = load.load(root, only)
    return check_loaded(kb, problems, today)


def check_loaded(kb, problems: list[Problem], today: dt.date | None = None) -> list[Problem]:
    """The reader's problems plus every knowledge-base rule's, at the levels cop.yaml sets."""
    ctx = Context(today=today or dt.date.today(), config=kb.config)
    problems = list(problems)
    with load.without_cycle_collection():
        for rule in all_rules():
            if getattr(rule, "STAGE", None) == "read":
                continue
            problems.extend(rule.check(kb, ctx))
    return apply_levels(problems, kb.config.rules)


def apply_levels(problems: list[Problem], levels: dict[str, str]) -> list[Problem]:
    """Sets each problem's severity from its rule's default and cop.yaml, dropping rules turned off."""
    rules = by_id()
    result = []
    for p in problems:
        level = levels.get(p.rule, severity(rules[p.rule]) if p.rule in rules else "error")
        if level in ("off", False):
            continue
        result.append(Problem(p.path, p.line, p.col, p.rule, p.message, severity=level, hint=p.hint))
    return sorted(set(result))


def within(problems: list[Problem], root: Path, paths: list[Path]) -> list[Problem]:
    """Keeps the problems in files at or below the given paths."""
    prefixes = []
    for path in paths:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        prefixes.append("" if rel == "." else rel)
    return [p for p in problems
            if any(not pre or p.path == pre or p.path.startswith(pre + "/") for pre in prefixes)]


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity != WARNING for p in problems)


def run_changed(root: Path, changed: set[str], today: dt.date | None = None) -> list[Problem]:
    """Checks what a change touched, plus the cross-file rules it can break.

    A change to a file others refer to (topics, sources, glossary, an office, cop.yaml) can
    break any file, so the whole knowledge base is checked. Otherwise only the changed
    entries, cases and workshops are read, and problems are reported for them and for the
    offices whose coverage they change.
    """
    kinds = {path: load.classify(path) for path in changed}
    data = {path for path, kind in kinds.items() if kind is not None}
    if not data:
        return []
    if any(kind in load.CORE_KINDS or kind == "unknown" for kind in kinds.values()):
        return run(root, today)
    problems = run(root, today, only=data)
    # Problems a change causes elsewhere: an office's coverage, a workshop's agenda.
    affected = {f"practices/{p.split('/')[1]}/office.yaml" for p, k in kinds.items() if k == "entry"}
    affected |= {"/".join(p.split("/")[:2]) + "/workshop.yaml" for p, k in kinds.items() if k == "session"}
    return [p for p in problems if p.path in data or p.path in affected]
