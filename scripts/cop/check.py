"""Runs every rule over the knowledge base and returns the problems, sorted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import kinds, load, referrers, releases
from .codeowners import PATH as CODEOWNERS
from .index import Index
from .problems import Problem, WARNING
from .rules import Context, all_rules, level


def run(root: Path, today: dt.date | None = None, only: set[str] | None = None) -> list[Problem]:
    return check_loaded(load.load(root, only), today)


def check_loaded(loaded: load.Loaded, today: dt.date | None = None) -> list[Problem]:
    """The reader's problems plus every knowledge-base rule's, at the levels cop.yaml sets."""
    kb = loaded.kb
    ctx = Context(today=today or dt.date.today(), config=kb.config, files=loaded.files, index=Index(kb, loaded.files))
    problems = list(loaded.problems)
    # The rules run in this process: shared with a forked child they took as long (measured on
    # 10,000 entries), the fork and the child's copy of the index costing what the child saved.
    with load.without_cycle_collection():
        for rule in all_rules():
            if getattr(rule, "STAGE", None) != "read":
                problems.extend(_run(rule, kb, ctx))
    return apply_levels(problems, kb.config.rules)


def _run(rule, kb, ctx) -> list[Problem]:
    """A rule's problems. A rule that fails is one problem naming it, and the other rules still run."""
    try:
        return list(rule.check(kb, ctx))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not hide every other rule's findings
        where = f"scripts/cop/rules/{rule.__name__.rsplit('.', 1)[-1]}.py"
        return [Problem(where, 1, 1, rule.ID, f"the rule failed ({type(exc).__name__}: {exc}); "
                        "its findings are missing from this check", hint="please report it")]


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
    to a file cop does not know, to CODEOWNERS (a rule compares it with every office) or to a
    release's frozen copy (a rule compares it with practices/releases.yaml) is checked and
    reported in full. Otherwise only the files that matter are read.
    """
    if not changed:
        return []
    touched = [kinds.classify(path) for path in changed]
    frozen = any(path.startswith(releases.FOLDER + "/") for path in changed)
    if any(kind in kinds.CORE or kind == kinds.UNKNOWN for kind in touched) or CODEOWNERS in changed or frozen:
        return run(root, today)
    loaded = load.load(root, only=referrers.files_to_read(root, changed))
    problems = check_loaded(loaded, today)
    files, folders = referrers.reported(loaded, changed)
    return [p for p in problems if p.path in files or p.path.startswith(tuple(folders))]
