"""`cop check --changed`: only what a change touched, plus what the change can break elsewhere.

It reports exactly what a full check reports in the changed files, in the files that refer to
what a changed file declares (entry:, case: and workshop: links, a session's cases:), and where
a changed file's problems land (an office's coverage, a workshop's agenda, a workshop's sessions).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from cop import load
from cop.changes import changed_files
from cop.check import check_loaded, run_changed
from cop.index import Index
from cop.rules.internal_link import LINK

GIT_USER = ("-c", "user.name=t", "-c", "user.email=t@example.org")


def git(project, *args):
    subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True)


@pytest.fixture
def repo(project):
    git(project, "init", "-q", "-b", "main")
    git(project, *GIT_USER, "add", "-A")
    git(project, *GIT_USER, "commit", "-qm", "base")
    # A problem already in the base, in a file the change does not touch.
    project.edit("practices/SG/program-claims.yaml", "status: draft\n", "status: draft\nstale: yes\n")
    git(project, *GIT_USER, "commit", "-qam", "old problem")
    git(project, "checkout", "-qb", "change")
    return project


def commit(project, message="change"):
    git(project, *GIT_USER, "add", "-A")
    git(project, *GIT_USER, "commit", "-qm", message)


OLD_PROBLEM = "practices/SG/program-claims.yaml"


def full_check_without_the_old_problem(project):
    return [line for line in project.cop("check").lines if not line.startswith(OLD_PROBLEM)]


def test_a_clean_change_reports_nothing_even_where_the_base_has_problems(repo):
    repo.edit("practices/EP/program-claims.yaml", "G-II, 3.6", "G-II, 3.6.1")
    assert repo.cop("check", "--changed").lines == []
    assert repo.cop("check").code == 1  # the full check still sees the old problem


def test_uncommitted_and_committed_changes_against_a_base_are_checked(repo):
    repo.edit("practices/EP/program-claims.yaml", "office: EP", "office: EQ")
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("practices/EP/program-claims.yaml:1:9: unknown-office:")
    commit(repo)
    assert repo.cop("check", "--changed").lines == []  # nothing uncommitted
    [line] = repo.cop("check", "--changed", "main").lines
    assert ": unknown-office:" in line


def test_an_untracked_new_file_is_checked(repo):
    repo.write("practices/cases/new-case.yaml", "id: new-case\ntitle: x\n")
    lines = repo.cop("check", "--changed").lines
    assert lines and all(line.startswith("practices/cases/new-case.yaml") for line in lines)


def test_a_file_whose_name_is_not_ascii_is_checked_untracked_and_committed(repo):
    # git quotes such a name ("caf\303\251.yaml") unless asked for NUL-separated output.
    repo.write("practices/cases/café.yaml", "id: x\n")
    result = repo.cop("check", "--changed")
    assert result.code == 1 and result.lines
    assert all(line.startswith("practices/cases/café.yaml:") for line in result.lines)
    assert result.lines == full_check_without_the_old_problem(repo)
    commit(repo)
    assert repo.cop("check", "--changed", "main").lines == result.lines


def test_deleting_an_entry_reports_the_gap_at_its_office(repo):
    repo.path("practices/EP/program-claims.yaml").unlink()
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("practices/EP/office.yaml") and ": coverage: " in line


def test_deleting_an_entry_reports_the_links_to_it_in_unchanged_files(repo):
    repo.edit("workshops/demo/sessions/01-opening.md", "Welcome and the day's plan.",
              "Welcome; read [the EPO's practice](entry:EP/program-claims).")
    commit(repo, "link")
    git(repo, "rm", "-q", "practices/EP/program-claims.yaml")
    lines = repo.cop("check", "--changed").lines
    assert any(line.startswith("workshops/demo/sessions/01-opening.md:")
               and ": internal-link: link 'entry:EP/program-claims' does not resolve" in line for line in lines)
    assert lines == full_check_without_the_old_problem(repo)


def test_renaming_a_case_reports_every_file_that_used_its_old_name(repo):
    repo.edit("practices/EP/program-claims.yaml", "summary: Program claims are allowed",
              "summary: See [the anomaly case](case:ai-anomaly-detection); program claims are allowed")
    commit(repo, "link")
    git(repo, "mv", "practices/cases/ai-anomaly-detection.yaml", "practices/cases/anomaly.yaml")
    lines = repo.cop("check", "--changed").lines
    rules_at = {(line.split(":")[0], line.split(": ")[1]) for line in lines}
    assert ("practices/EP/program-claims.yaml", "internal-link") in rules_at  # the link
    assert ("workshops/demo/sessions/02-exercise.md", "unknown-case") in rules_at  # the session's cases:
    assert ("practices/cases/anomaly.yaml", "file-name-matches-id") in rules_at  # the new name itself
    assert lines == full_check_without_the_old_problem(repo)


def test_a_changed_test_reports_the_case_walks_and_sessions_it_breaks_in_unchanged_files(repo):
    # The walk through the test, and the session showing it, are in files the change does not touch.
    repo.edit("practices/EP/tests/eligibility.yaml", "  - id: contribution", "  - id: contributes")
    repo.edit("practices/EP/tests/eligibility.yaml", "        next: contribution", "        next: contributes")
    lines = repo.cop("check", "--changed").lines
    assert ("practices/cases/ai-anomaly-detection.yaml", "case-walk") in {(line.split(":")[0], line.split(": ")[1]) for line in lines}
    git(repo, "mv", "practices/EP/tests/eligibility.yaml", "practices/EP/tests/technical-character.yaml")
    repo.edit("practices/EP/tests/technical-character.yaml", "id: eligibility", "id: technical-character")
    rules_at = {(line.split(":")[0], line.split(": ")[1]) for line in repo.cop("check", "--changed").lines}
    assert {("practices/cases/ai-anomaly-detection.yaml", "unknown-test"), ("workshops/demo/sessions/01-opening.md", "unknown-test")} <= rules_at
    # A test is a file others refer to (kinds.py: core): a change to one is checked as a full check is.
    assert [line for line in repo.cop("check", "--changed").lines if not line.startswith(OLD_PROBLEM)] == full_check_without_the_old_problem(repo)


def test_an_edited_frozen_copy_of_a_release_is_reported_by_a_check_of_the_change(repo):
    repo.edit("releases/2026.05.json", '"schema_version": 1', '"schema_version": 2')
    lines = repo.cop("check", "--changed").lines
    assert any(line.startswith("practices/releases.yaml:") and ": release-snapshot: " in line for line in lines), lines


SHARED = "Participants weigh the monitoring purpose against the claim wording."


def test_a_case_whose_new_answer_is_in_a_sessions_participant_text_reports_the_leak(repo):
    repo.edit("workshops/demo/sessions/02-exercise.md", "Analyse the claim of the case in groups.",
              f"Analyse the claim of the case in groups. {SHARED}")
    commit(repo, "session")
    assert repo.cop("check", "--changed").lines == []
    repo.edit("practices/cases/ai-anomaly-detection.yaml", "summary: The actual contribution is a fault-detection technique.",
              f"summary: {SHARED}")
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("workshops/demo/sessions/02-exercise.md:") and ": answer-key-leak: " in line


def test_a_changed_session_is_compared_with_the_unchanged_cases_it_lists(repo):
    repo.edit("workshops/demo/sessions/02-exercise.md", "Analyse the claim of the case in groups.",
              "Analyse the claim. The actual contribution is a fault-detection technique.")
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("workshops/demo/sessions/02-exercise.md:") and ": answer-key-leak: " in line


def test_a_change_to_a_file_others_refer_to_checks_everything(repo):
    # Removing a source breaks the entries that cite it, none of which changed.
    text = repo.read("practices/sources.yaml")
    start = text.index("  - id: sg-patents-act")
    end = text.index("  - id: law-firm-article")
    repo.write("practices/sources.yaml", text[:start] + text[end:])
    lines = repo.cop("check", "--changed").lines
    assert any(line.startswith("practices/SG/office.yaml") and ": unknown-source: " in line for line in lines)


def test_a_changed_session_is_checked_with_its_workshop(repo):
    repo.edit("workshops/demo/sessions/02-exercise.md", "minutes: 60", "minutes: 65")
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("workshops/demo/workshop.yaml") and ": workshop-minutes: " in line


def test_a_workshop_that_stops_listing_a_session_reports_it_at_the_session(repo):
    repo.edit("workshops/demo/workshop.yaml", "  - sessions/02-exercise.md\n", "")
    lines = repo.cop("check", "--changed").lines
    assert any(line.startswith("workshops/demo/sessions/02-exercise.md:1:1: workshop-session: ") for line in lines)
    assert lines == full_check_without_the_old_problem(repo)


def test_a_knowledge_base_in_a_subfolder_of_the_repository_is_checked(project):
    outer = project.root.parent
    subprocess.run(["git", "init", "-q"], cwd=outer, check=True)
    subprocess.run(["git", *GIT_USER, "add", "-A"], cwd=outer, check=True)
    subprocess.run(["git", *GIT_USER, "commit", "-qm", "base"], cwd=outer, check=True)
    project.edit("practices/EP/program-claims.yaml", "office: EP", "office: EQ")
    assert changed_files(project.root, "HEAD") == {"practices/EP/program-claims.yaml"}
    [line] = project.cop("check", "--changed").lines
    assert line.startswith("practices/EP/program-claims.yaml:1:9: unknown-office:")


def test_an_unknown_base_cannot_run(repo):
    result = repo.cop("check", "--changed", "no-such-branch")
    assert result.code == 2 and "no-such-branch" in result.err and "Traceback" not in result.err


def test_a_base_that_looks_like_an_option_is_refused(repo):
    result = repo.cop("check", "--changed=--output=x")
    assert result.code == 2 and "Traceback" not in result.err
    assert not repo.path("x").exists()


def test_outside_a_repository_it_cannot_run(project):
    result = project.cop("check", "--changed")
    assert result.code == 2 and "--changed" in result.err and "Traceback" not in result.err


# The property: after any small edit, --changed says what the full check says where it should.

ENTRIES = ["practices/EP/program-claims.yaml", "practices/EP/eligibility-framework.yaml",
           "practices/SG/program-claims.yaml", "practices/SG/eligibility-framework.yaml"]
CASE = "practices/cases/ai-anomaly-detection.yaml"
SESSIONS = ["workshops/demo/sessions/01-opening.md", "workshops/demo/sessions/02-exercise.md"]
WORKSHOP = "workshops/demo/workshop.yaml"
NEW_ENTRY, NEW_CASE = "practices/EP/new-topic.yaml", "practices/cases/new-case.yaml"
NEW_SESSION, NEW_WORKSHOP = "workshops/demo/sessions/03-extra.md", "workshops/other/workshop.yaml"
FILES = [*ENTRIES, CASE, *SESSIONS, WORKSHOP, NEW_ENTRY, NEW_CASE, NEW_SESSION, NEW_WORKSHOP]
ANSWER = "A technical purpose (fault detection in a machine) gives the model technical character."
TEXTS = [f"See [it](entry:{key})." for key in ("EP/program-claims", "SG/eligibility-framework", "EP/new-topic", "EP/nope")]
TEXTS += [f"See [it](case:{key})." for key in ("ai-anomaly-detection", "new-case", "nope")]
TEXTS += ["See [it](entry:cases/new-case).", "See [it](workshop:demo).", "See [it](workshop:other).",
          SHARED, ANSWER, "Plain words."]
CASE_LISTS = ["[ai-anomaly-detection]", "[new-case]", "[nope]", "[ai-anomaly-detection, new-case]", "[]"]
SESSION_LISTS = [["sessions/01-opening.md"], ["sessions/01-opening.md", "sessions/02-exercise.md", "sessions/03-extra.md"],
                 ["sessions/02-exercise.md", "sessions/01-opening.md"]]
RENAMES = [(CASE, NEW_CASE), ("practices/EP/program-claims.yaml", NEW_ENTRY), (SESSIONS[1], NEW_SESSION),
           ("workshops/demo", "workshops/other"), (NEW_CASE, CASE)]


def set_text(root: Path, rel: str, text: str) -> None:
    """A session gets the text as a new participant line; a YAML file as its first summary or title."""
    path = root / rel
    if not path.is_file():
        return
    old = path.read_text(encoding="utf-8")
    if rel.endswith(".md"):
        path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    else:
        path.write_text(re.sub(r"(?m)^(\s*)(summary|title): .*$", lambda m: f"{m[1]}{m[2]}: {json.dumps(text)}",
                               old, count=1), encoding="utf-8")


def set_cases(root: Path, rel: str, listed: str) -> None:
    path = root / rel
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        new = re.sub(r"(?m)^cases: .*$", f"cases: {listed}", old, count=1)
        path.write_text(new if new != old else old.replace("kind: ", f"cases: {listed}\nkind: ", 1), encoding="utf-8")


def set_sessions(root: Path, listed: list[str]) -> None:
    path = root / WORKSHOP
    if path.is_file():
        block = "sessions:\n" + "".join(f"  - {s}\n" for s in listed)
        path.write_text(re.sub(r"(?m)^sessions:\n(  - .*\n)+", block, path.read_text(encoding="utf-8")), encoding="utf-8")


def add(root: Path, rel: str, text: str) -> None:
    """A new file like the fixture's of its kind, saying `text`."""
    templates = {NEW_ENTRY: ENTRIES[0], NEW_CASE: CASE, NEW_SESSION: SESSIONS[0], NEW_WORKSHOP: WORKSHOP}
    source = root / templates[rel]
    if source.is_file() and not (root / rel).exists():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(source.read_text(encoding="utf-8").replace("id: ai-anomaly-detection", "id: new-case")
                                .replace("id: demo", "id: other"), encoding="utf-8")
        set_text(root, rel, text)


def rename(root: Path, old: str, new: str) -> None:
    if (root / old).exists() and not (root / new).exists():
        os.renames(root / old, root / new)


def delete(root: Path, rel: str) -> None:
    if (root / rel).is_file():
        (root / rel).unlink()


edits = st.one_of(
    st.tuples(st.just(set_text), st.sampled_from(FILES), st.sampled_from(TEXTS)),
    st.tuples(st.just(set_cases), st.sampled_from([*SESSIONS, NEW_SESSION]), st.sampled_from(CASE_LISTS)),
    st.tuples(st.just(set_sessions), st.sampled_from(SESSION_LISTS)),
    st.tuples(st.just(add), st.sampled_from([NEW_ENTRY, NEW_CASE, NEW_SESSION, NEW_WORKSHOP]), st.sampled_from(TEXTS)),
    st.tuples(st.just(delete), st.sampled_from(FILES)),
    st.sampled_from(RENAMES).map(lambda pair: (rename, *pair)),
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(root).parts}


def full_check(root: Path):
    loaded = load.load(root)
    return loaded, set(check_loaded(loaded, dt.date.fromisoformat(TODAY)))


def references(loaded) -> set[tuple[str, str]]:
    """(referring file, file referred to) for every entry:, case: and workshop: link and every case a session lists."""
    index = Index(loaded.kb, loaded.files)
    found = {(ref.loc.path, f"practices/cases/{ref.value}.yaml") for ref in index.refs if ref.kind == "case"}
    for rel, _, _, text in index.texts:
        for match in LINK.finditer(text):
            scheme, _, rest = match.group(1).partition(":")
            target = {"entry": f"practices/{rest}.yaml", "case": f"practices/cases/{rest}.yaml",
                      "workshop": f"workshops/{rest}/workshop.yaml"}.get(scheme)
            if target:
                found.add((rel, target))
    return found


def what_it_declares(rel: str) -> str | None:
    """The file other files name when they refer to what `rel` declares."""
    parts = rel.split("/")
    if parts[0] == "practices" and len(parts) == 3 and parts[2] != "office.yaml":
        return rel
    if parts[0] == "workshops" and len(parts) >= 3:
        return f"workshops/{parts[1]}/workshop.yaml"
    return None


def where_its_problems_land(rel: str) -> set[str]:
    """Files, and folders ending in '/', where a change to `rel` can put a problem."""
    parts = rel.split("/")
    if parts[0] == "practices" and len(parts) == 3 and parts[1] != "cases":
        return {f"practices/{parts[1]}", f"practices/{parts[1]}/office.yaml"}
    if rel == f"workshops/{parts[1]}/workshop.yaml":
        return {f"workshops/{parts[1]}/"}
    if parts[0] == "workshops":
        return {f"workshops/{parts[1]}/workshop.yaml"}
    return set()


class Base:
    """The fixture with links between its files, committed, and what a full check says of it."""

    def __init__(self, project):
        project.edit(SESSIONS[0], "Welcome and the day's plan.",
                     "Welcome. Read [the EPO](entry:EP/program-claims) and [the case](case:ai-anomaly-detection).")
        project.edit(SESSIONS[1], "Analyse the claim of the case in groups.", f"Analyse the claim in groups. {SHARED}")
        set_text(project.root, "practices/SG/eligibility-framework.yaml", "Compare [the EPO](entry:EP/eligibility-framework).")
        git(project, "init", "-q", "-b", "main")
        commit(project, "base")
        kb, self.problems = full_check(project.root)
        self.root, self.files, self.references = project.root, snapshot(project.root), references(kb)

    def __repr__(self):  # Hypothesis prints it with a failing example
        return f"Base({self.root})"


@pytest.fixture
def base(project):
    return Base(project)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(edits, min_size=1, max_size=4))
def test_changed_reports_what_the_full_check_reports_where_a_change_can_reach(base, tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("edited") / "kb"
    shutil.copytree(base.root, root, symlinks=True)
    for step, *args in steps:
        step(root, *args)
    after_files = snapshot(root)
    changed = {rel for rel in base.files.keys() | after_files.keys() if base.files.get(rel) != after_files.get(rel)}
    assert changed_files(root, "HEAD") == changed

    kb, after = full_check(root)
    targets = {what_it_declares(rel) for rel in changed} - {None}
    referring = {rel for rel, target in base.references | references(kb) if target in targets}
    landing = set().union(*map(where_its_problems_land, changed))
    folders = tuple(place for place in landing if place.endswith("/"))
    reach = changed | referring | landing
    expected = {p for p in after if p.path in reach or p.path.startswith(folders)}

    reported = run_changed(root, changed, dt.date.fromisoformat(TODAY))
    assert set(reported) == expected
    assert after - base.problems <= set(reported)  # nothing the change caused is missed

