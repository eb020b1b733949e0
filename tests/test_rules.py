"""Each rule, shown on a bad fixture: one change to the clean fixture gives exactly one problem,
from that rule, in that file, on the line of the offending value."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cop.rules import all_rules

EP_PROG = "practices/EP/program-claims.yaml"
EP_ELIG = "practices/EP/eligibility-framework.yaml"
SG_ELIG = "practices/SG/eligibility-framework.yaml"
SG_PROG = "practices/SG/program-claims.yaml"
SOURCES = "practices/sources.yaml"
CASE = "practices/cases/ai-anomaly-detection.yaml"
WORKSHOP = "workshops/demo/workshop.yaml"
SESSION = "workshops/demo/sessions/01-opening.md"


@dataclass
class Bad:
    rule: str
    file: str
    old: str
    new: str
    at: str | None  # text on the expected line of the mutated file; None for line 1
    reported_in: str | None = None  # when the problem is reported in another file
    name: str = ""
    copy_of: str | None = None  # the file is new: a copy of this one, then changed

    def __str__(self):
        return self.name or self.rule


CASES = [
    Bad("yaml-syntax", EP_PROG, "position: \"yes\"", "position: [\"yes\"", "summary:", name="unclosed-bracket"),
    Bad("yaml-syntax", EP_PROG, "summary: Program", "summary:\n\t Program", "\t Program", name="tab-indent"),
    Bad("duplicate-key", EP_PROG, "status: draft", "status: draft\nstatus: verified", "status: verified"),
    Bad("yaml-tag", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: !!python/object/apply:os.system [\"true\"]",
        "last_reviewed:"),
    Bad("yaml-alias", EP_PROG, "status: draft", "status: &s draft\nnote2: *s", "status:"),
    Bad("schema", EP_PROG, "status: draft", "status: 3", "status:", name="wrong-type"),
    Bad("schema", EP_PROG, "status: draft", "status: draft\nreviewd_by: someone", "reviewd_by", name="unknown-field"),
    Bad("schema", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2025-02-30", "last_reviewed", name="impossible-date"),
    Bad("schema", EP_PROG, 'position: "yes"', "position: yes", "position", name="unquoted-yes"),
    Bad("schema", EP_PROG, "summary: Program claims are allowed when the program has a further technical effect.\n", "",
        None, name="missing-field"),
    Bad("unknown-office", EP_PROG, "office: EP", "office: EQ", "office:"),
    Bad("unknown-office", CASE, "  - office: SG", "  - office: MY", "office: MY", name="case-analysis-office"),
    Bad("unknown-topic", EP_PROG, "topic: program-claims", "topic: program-claimz", "topic:"),
    Bad("unknown-topic", EP_ELIG, "see_also: [program-claims]", "see_also: [program-claim]", "see_also", name="see-also"),
    Bad("unknown-source", EP_PROG, "source: ep-guidelines-2025", "source: ep-guidelines-2052", "source:"),
    Bad("unknown-case", "workshops/demo/sessions/02-exercise.md", "cases: [ai-anomaly-detection]",
        "cases: [ai-anomally-detection]", "cases:"),
    Bad("unknown-position", EP_PROG, 'position: "yes"', "position: maybe", "position:"),
    Bad("folder-matches-office", SG_PROG, "office: SG", "office: EP", "office:"),
    Bad("folder-matches-office", "practices/SG/office.yaml", "code: SG", "code: EP", "code:", name="office-code"),
    Bad("file-name-matches-id", CASE, "id: ai-anomaly-detection", "id: anomaly-detection", "id:"),
    Bad("duplicate-id", SOURCES, "  - id: law-firm-article",
        "  - id: sg-patents-act\n    title: Again\n    publisher: IPOS\n    kind: law\n    edition: x\n"
        "    url: https://sso.agc.gov.sg\n    official: true\n    current: true\n  - id: law-firm-article",
        "id: sg-patents-act\n    title: Again"),
    Bad("duplicate-source", SOURCES, "  - id: law-firm-article",
        "  - id: sg-patents-act-again\n    title: Again\n    publisher: AGC\n    kind: law\n    edition: 2020 Revised Edition\n"
        "    url: https://sso.agc.gov.sg/Act/PA1994/\n    official: true\n    current: true\n  - id: law-firm-article",
        "id: sg-patents-act-again"),
    Bad("coverage", "practices/SG/office.yaml", "", "", "code:", name="missing-entry"),
    Bad("citation-required", EP_PROG, "citations:\n  - source: ep-guidelines-2025\n    pinpoint: G-II, 3.6\n", "", None),
    Bad("citation-required", SG_ELIG, "  - source: sg-ipos-guidelines\n    pinpoint: Ch. 8, paras 8.1-8.4\n", "",
        "citations:", name="only-unofficial"),
    Bad("superseded-edition", EP_PROG, "source: ep-guidelines-2025", "source: ep-guidelines-2024", "source:"),
    Bad("edition-series", SOURCES, "    current: false\n    series: ep-guidelines\n    superseded_by: ep-guidelines-2025",
        "    current: true\n    series: ep-guidelines", "current: true\n    series: ep-guidelines\n  - id: sg-ipos-guidelines"),
    Bad("stale-review", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2024-01-01", "last_reviewed:"),
    Bad("date-sanity", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2027-01-01", "last_reviewed:",
        name="future-review"),
    Bad("date-sanity", EP_ELIG, "effective_since: 2025-04-01", "effective_since: 2026-05-02", "effective_since:",
        name="effective-after-review"),
    Bad("unsafe-markup", EP_PROG, "summary: Program claims", "summary: <script>alert(1)</script> Program claims",
        "summary:", name="script"),
    Bad("unsafe-markup", EP_ELIG, "[program claims](topic:program-claims)", "[program claims](javascript:alert(1))",
        "detail:", name="javascript-url"),
    Bad("unsafe-markup", EP_PROG, "summary: Program claims are allowed when the program has a further technical effect.",
        "summary: \"{{ config.secret }}\"", "summary:", name="jinja"),
    Bad("unsafe-markup", SESSION, "Welcome and", "[x](https://www.epo.org){: onclick=\"alert(1)\"} Welcome and", "Welcome",
        name="event-handler-in-session"),
    Bad("internal-link", EP_ELIG, "(topic:program-claims)", "(topic:program-claimz)", "detail:"),
    Bad("internal-link", EP_ELIG, "(topic:program-claims)", "(../SG/program-claims.yaml)", "detail:", name="relative-file"),
    Bad("glossary-term", "practices/glossary.yaml", "see_also: [technical-character]", "see_also: [technical-charakter]",
        "see_also"),
    Bad("review-status", EP_ELIG, "    verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_1.html\n", "",
        "pinpoint: G-II, 1", name="verified-without-evidence"),
    Bad("review-status", SG_ELIG, "role: examiner", "role: editor", "status:", name="reviewed-by-non-examiner"),
    Bad("review-status", SG_ELIG, "office: SG, role", "office: EP, role", "status:", name="reviewed-by-other-office"),
    Bad("review-status", EP_PROG, "note: Pinpoint not yet checked against the 2025 text.\n", "", "status:",
        name="draft-without-note"),
    Bad("no-guidance", SG_PROG, "applies: Patents Act s. 13(1)\n", "", "position:"),
    Bad("workshop-session", WORKSHOP, "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - sessions/03-missing.md",
        "03-missing", name="missing-file"),
    Bad("session-block", SESSION, "Start on time.\n:::", "Start on time.", "::: facilitator", name="unclosed-block"),
    Bad("answer-key-leak", "workshops/demo/sessions/02-exercise.md", "Analyse the claim of the case in groups.",
        "Analyse the claim of the case in groups.\n\n## Answer\nIt is eligible.", "## Answer", name="answer-heading"),
    Bad("answer-key-leak", "workshops/demo/sessions/02-exercise.md", "Analyse the claim of the case in groups.",
        "Hint: a technical purpose (fault detection in a machine) gives the model technical character.",
        "Hint:", name="repeats-a-finding"),
    Bad("session-block", SESSION, "::: facilitator", "::: Facilitator", "::: Facilitator", name="capitalised-opener"),
    Bad("session-block", SESSION, "Start on time.\n", "Start on time.\n::: answer\nNested.\n:::\n", "::: answer",
        name="nested-block"),
    Bad("session-block", SESSION, "Welcome and", ":::\nWelcome and", ":::\nWelcome", name="stray-closer"),
    Bad("rule-config", "cop.yaml", "stale_after_days: 365", "stale_after_days: 365\nrules:\n  stale-reveiw: off",
        "stale-reveiw", name="misspelt-rule"),
    Bad("rule-config", "cop.yaml", "stale_after_days: 365", "stale_after_days: 365\nrules:\n  review-status: warning",
        "review-status: warning", name="locked-rule"),
    Bad("reserved-name", "practices/cases/index.yaml", "id: ai-anomaly-detection", "id: index", "id: index",
        name="case-called-index", copy_of=CASE),
    Bad("reserved-name", "practices/cases/con.yaml", "id: ai-anomaly-detection", "id: con", "id: con",
        name="case-called-con", copy_of=CASE),
    Bad("review-status", "practices/SG/office.yaml", "{name: A. Examiner, role: examiner}",
        "{name: B. Examiner, role: examiner}", "status:", reported_in=SG_ELIG, name="reviewer-not-listed-by-the-office"),
    Bad("symlink", "docs/env.txt", "", "", None, name="symlink-in-docs"),
    Bad("paragraph-length", SESSION, "Welcome and", "word " * 4100 + "\nWelcome and", "word word"),
    Bad("workshop-minutes", WORKSHOP, "minutes: 75", "minutes: 80", "minutes:"),
    Bad("workshop-path", WORKSHOP, "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - ../../practices/x.md",
        "../../"),
    Bad("unfilled-placeholder", EP_PROG, "status: draft", "status: <<draft or verified>>", "status:"),
    Bad("codeowners-current", "practices/SG/office.yaml", 'maintainers: ["@sg-examiner"]',
        'maintainers: ["@sg-examiner", "@sg-lead"]', None, reported_in=".github/CODEOWNERS"),
    Bad("file-kind", "practices/EP/notes.yml", "", "", None, name="yml-extension"),
]


def _line_of(text: str, needle: str | None) -> int:
    if needle is None:
        return 1
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize("bad", CASES, ids=str)
def test_one_change_gives_exactly_one_problem_from_its_rule(project, bad):
    if bad.name == "missing-entry":
        project.path(SG_PROG).unlink()
    elif bad.name == "yml-extension":
        project.write(bad.file, "office: EP\n")
    elif bad.name == "symlink-in-docs":
        project.path(bad.file).symlink_to("/proc/self/environ")
    elif bad.copy_of:
        project.write(bad.file, project.read(bad.copy_of).replace(bad.old, bad.new, 1))
    else:
        project.edit(bad.file, bad.old, bad.new)
    problems = project.problems()
    assert [(p.rule, p.path) for p in problems] == [(bad.rule, bad.reported_in or bad.file)], problems
    at = project.path(bad.reported_in or bad.file)
    text = project.read(bad.reported_in or bad.file) if at.exists() and not at.is_symlink() else ""
    assert problems[0].line == _line_of(text, bad.at), problems[0].text()


def test_every_rule_is_shown_failing_by_a_test_above():
    tested = {bad.rule for bad in CASES}
    read_only = {"encoding", "file-size"}  # shown in test_reader.py on bytes
    assert {rule.ID for rule in all_rules()} - tested == read_only


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.ID)
def test_every_rule_documents_itself_with_a_passing_and_a_failing_example(rule):
    doc = rule.__doc__ or ""
    assert doc.strip().splitlines()[0].endswith("."), "a one-line summary comes first"
    assert "\nPassing:\n" in doc and "\nFailing:\n" in doc
    assert doc.index("Passing:") < doc.index("Failing:")


def test_a_superseded_edition_cited_with_a_note_saying_so_is_accepted(project):
    project.edit(EP_PROG, "source: ep-guidelines-2025\n    pinpoint: G-II, 3.6",
                 "source: ep-guidelines-2024\n    pinpoint: G-II, 3.6\n    note: Read in the 2024 edition only.")
    assert project.problems() == []
