"""`cop check` as contributors and CI run it: one line per problem, exit codes, formats."""

import json
import subprocess
import sys

import pytest

from conftest import REPO, cop

EP_PROG = "practices/EP/program-claims.yaml"

# The broken inputs of the foundation issue: each must give exactly one clear line.
BROKEN = [
    ("bad-yaml", "status: draft", "status: [draft", "yaml-syntax", 10),
    ("duplicate-key", "status: draft", "status: draft\nstatus: verified", "duplicate-key", 10),
    ("unknown-office", "office: EP", "office: XX", "unknown-office", 1),
    ("unknown-topic", "topic: program-claims", "topic: program-claimz", "unknown-topic", 2),
    ("missing-citation", "citations:\n  - source: ep-guidelines-2025\n    pinpoint: G-II, 3.6\n", "", "citation-required", 1),
    ("future-review-date", "last_reviewed: 2026-05-01", "last_reviewed: 2031-05-01", "date-sanity", 8),
    ("script-in-text", "summary: Program", "summary: <script>alert(1)</script> Program", "unsafe-markup", 4),
    ("wrong-type", "status: draft", "status: [draft, verified]", "schema", 9),
    ("unknown-field", "status: draft", "status: draft\nreviewed_on: 2026-05-01", "schema", 10),
]


@pytest.mark.parametrize("name,old,new,rule,line", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_input_gives_one_clear_line_and_exit_1(project, name, old, new, rule, line):
    project.edit(EP_PROG, old, new)
    result = project.cop("check")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    [only] = result.lines
    location, found_rule, message = only.split(": ", 2)
    assert location.startswith(f"{EP_PROG}:{line}:")
    assert found_rule == rule and message


def test_a_clean_knowledge_base_exits_0_and_prints_nothing(project):
    result = project.cop("check")
    assert (result.code, result.out) == (0, "")


def test_warnings_are_printed_but_do_not_fail_the_check(project):
    project.edit(EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2024-01-01")
    result = project.cop("check")
    assert result.code == 0
    assert result.lines[0].startswith(f"{EP_PROG}:8:") and ": stale-review: warning: " in result.lines[0]


def test_cop_yaml_can_raise_a_warning_to_an_error_or_turn_a_rule_off(project):
    project.edit(EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2024-01-01")
    settings = project.read("cop.yaml")
    project.write("cop.yaml", settings + "rules:\n  stale-review: error\n")
    assert project.cop("check").code == 1
    project.write("cop.yaml", settings + "rules:\n  stale-review: off\n")
    assert project.cop("check").lines == []


def test_json_format_gives_file_line_column_rule_and_message(project):
    project.edit(EP_PROG, "office: EP", "office: EQ")
    result = project.cop("check", "--format", "json")
    [problem] = json.loads(result.out)
    assert {k: problem[k] for k in ("file", "line", "column", "rule")} == {
        "file": EP_PROG, "line": 1, "column": 9, "rule": "unknown-office"}
    assert "EQ" in problem["message"] and problem["hint"] == "did you mean 'EP'?"


def test_github_format_emits_error_annotations(project):
    project.edit(EP_PROG, "office: EP", "office: XX")
    result = project.cop("check", "--format", "github")
    assert result.code == 1
    assert result.out.startswith(f"::error file={EP_PROG},line=1,col=9,title=unknown-office::")


def test_paths_limit_the_report_but_not_what_the_rules_see(project):
    project.edit(EP_PROG, "office: EP", "office: XX")
    assert project.cop("check", "practices/SG").lines == []
    assert len(project.cop("check", "practices/EP").lines) == 1


def test_list_rules_prints_every_rule_with_a_one_line_description(project):
    from cop.rules import all_rules

    result = project.cop("check", "--list-rules")
    assert result.code == 0
    listed = [line.split()[0] for line in result.lines]
    assert listed == sorted(rule.ID for rule in all_rules())
    assert all(len(line.split(None, 1)) == 2 for line in result.lines)


def test_exit_2_when_there_is_nothing_to_check(tmp_path):
    result = cop("check", cwd=tmp_path)
    assert result.code == 2
    assert "no practices/ folder" in result.err and "Traceback" not in result.err


def test_check_imports_no_mkdocs_module(project):
    code = (
        "import sys, datetime\n"
        "from cop.cli import main\n"
        "try:\n"
        "    main(['check', '--today', '2026-06-01'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'mkdocs_macros'))\n"
        "assert not leaked, leaked\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_repository_itself_checks_clean():
    result = cop("check", cwd=REPO)
    assert result.code == 0, result.out
    assert all(": warning: " in line for line in result.lines)


def test_a_rule_that_raises_is_one_problem_naming_it_and_the_other_rules_still_run(project, monkeypatch):
    import datetime as dt

    from cop import check
    from cop.rules import coverage

    def broken(kb, ctx):
        yield from ()
        raise KeyError("office")

    monkeypatch.setattr(coverage, "check", broken)
    project.edit("practices/EP/program-claims.yaml", "office: EP", "office: EQ")
    problems = check.run(project.root, dt.date(2026, 6, 1))
    assert [(p.path, p.line, p.col, p.rule) for p in problems] == [
        ("practices/EP/program-claims.yaml", 1, 9, "unknown-office"),
        ("scripts/cop/rules/coverage.py", 1, 1, "coverage")]
    assert "the rule failed (KeyError: 'office')" in problems[1].message and problems[1].severity == "error"


def test_every_make_target_that_runs_cop_compiles_it_first():
    """An editable install writes no bytecode, nor does Python where PYTHONDONTWRITEBYTECODE is
    set: without this step every command would compile the package from source at each start."""
    for target in ("test", "serve", "preview", "build", "offline", "check", "packs"):
        planned = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True, check=True).stdout
        assert "-m compileall -q scripts/cop" in planned, target
