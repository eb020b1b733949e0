"""Runs every rule over the knowledge base and returns the problems, sorted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import load, referrers
from .codeowners import PATH as CODEOWNERS
from .problems import Problem, WARNING
from .rules import Context, all_rules, level


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
    """Sets each problem's severity from its rule's default and cop.yaml, dropping rules turned off.

    A locked rule stays an error whatever cop.yaml says (the rule-config rule reports the attempt).
    """
    result = []
    for p in problems:
        chosen = level(p.rule, levels)
        if chosen == "off":
            continue
        result.append(Problem(p.path, p.line, p.col, p.rule, p.message, severity=chosen, hint=p.hint))
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
    """The problems a full check reports in the files a change touched, in the files that refer
    to what those declare, and where their problems land (see referrers.py), and no others.

    A change to a file everything may refer to (topics, sources, glossary, an office, cop.yaml),
    to a file cop does not know, or to CODEOWNERS (a rule compares it with every office) is
    checked and reported in full. Otherwise only the files that matter are read.
    """
    if not changed:
        return []
    kinds = [load.classify(path) for path in changed]
    if any(kind in load.CORE_KINDS or kind == "unknown" for kind in kinds) or CODEOWNERS in changed:
        return run(root, today)
    kb, problems = load.load(root, only=referrers.files_to_read(root, changed))
    problems = check_loaded(kb, problems, today)
    files, folders = referrers.reported(kb, changed)
    return [p for p in problems if p.path in files or p.path.startswith(tuple(folders))]
