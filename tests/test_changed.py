"""`cop check --changed`: only what a change touched, plus what the change can break elsewhere."""

from __future__ import annotations

import subprocess

import pytest


def git(project, *args):
    subprocess.run(["git", *args], cwd=project.root, check=True, capture_output=True)


@pytest.fixture
def repo(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    # A problem already in the base, in a file the change does not touch.
    project.edit("practices/SG/program-claims.yaml", "status: draft\n", "status: draft\nstale: yes\n")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "old problem")
    git(project, "checkout", "-qb", "change")
    return project


def commit(project, message="change"):
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)


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


def test_deleting_an_entry_reports_the_gap_at_its_office(repo):
    repo.path("practices/EP/program-claims.yaml").unlink()
    [line] = repo.cop("check", "--changed").lines
    assert line.startswith("practices/EP/office.yaml") and ": coverage: " in line


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


def test_an_unknown_base_cannot_run(repo):
    result = repo.cop("check", "--changed", "no-such-branch")
    assert result.code == 2 and "no-such-branch" in result.err and "Traceback" not in result.err
