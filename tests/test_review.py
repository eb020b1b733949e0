"""An office's review round: a workbook out, filled by a reviewer as they would in a spreadsheet,
back in; only what the reviewer may change changes, and a workbook that does not hold is refused
with every file left as it was."""

from __future__ import annotations

import glob

import pytest
from openpyxl import load_workbook

from conftest import REPO

GAMES_TOPIC = """  - id: games
    area: cii
    order: 3
    title: Games
    question: Are game rules as such excluded?
    positions: yes-partly-no
"""
GAMES = """office: SG
topic: games
position: "no"
summary: Game rules as such are not inventions.
citations:
  - source: sg-patents-act
    pinpoint: s. 13(1)
last_reviewed: 2026-05-01
status: draft
note: Not yet checked against the Act.
"""
PROGRAM_CLAIMS = """# Kept by the SG team; the pinpoint follows the 2020 Revised Edition.
office: SG
topic: program-claims
position: no-guidance
applies: Patents Act s. 13(1)
summary: Nothing specific is published; the general test for an invention applies.
citations:
  - source: sg-patents-act
    pinpoint: s. 13(1)  # the section, not the subsection
last_reviewed: 2026-05-01
status: draft
note: Not yet checked against the Act.
"""

# What the files say after the import, byte for byte.
ELIGIBILITY_AFTER = """office: SG
topic: eligibility-framework
position: actual-contribution
summary: The actual contribution of the claim must not fall solely within excluded matter.
citations:
  - source: sg-ipos-guidelines
    pinpoint: Ch. 8, paras 8.1-8.4
  - source: law-firm-article
    pinpoint: part 2
last_reviewed: 2026-05-30
status: reviewed
reviewers:
  - {name: A. Examiner, office: SG, role: examiner, date: 2026-05-01}
  - {name: A. Examiner, office: SG, role: examiner, date: 2026-05-30}
history:
  - date: 2026-05-30
    change: 'Confirmed by A. Examiner (SG, examiner): still our practice.'
"""
PROGRAM_CLAIMS_AFTER = """# Kept by the SG team; the pinpoint follows the 2020 Revised Edition.
office: SG
topic: program-claims
position: partly
applies: Patents Act s. 13(1)
summary: Nothing specific is published; the general test for an invention applies.
citations:
  - source: sg-patents-act
    pinpoint: s. 13(1)(a) # the section, not the subsection
last_reviewed: 2026-05-01
status: draft
note: Corrected in review by A. Examiner (SG, examiner) on 2026-05-30 (position no-guidance -> partly; pinpoint 1 s. 13(1) -> s. 13(1)(a)); not yet checked against the cited text. Not yet checked against the Act.
history:
  - date: 2026-05-30
    change: 'Corrected by A. Examiner (SG, examiner): position no-guidance -> partly; pinpoint 1 s. 13(1) -> s. 13(1)(a). Comment: Accepted only with a further technical effect.'
"""


@pytest.fixture
def sg(project):
    """The fixture with a third SG entry and a comment in one, so a review has something of each kind to do."""
    project.edit("practices/topics.yaml", "    related: [eligibility-framework]\n",
                 "    related: [eligibility-framework]\n" + GAMES_TOPIC)
    project.write("practices/SG/games.yaml", GAMES)
    project.write("practices/EP/games.yaml", GAMES.replace("office: SG", "office: EP").replace(
        "sg-patents-act\n    pinpoint: s. 13(1)", "ep-guidelines-2025\n    pinpoint: G-II, 3.5.2"))
    project.write("practices/SG/program-claims.yaml", PROGRAM_CLAIMS)
    assert project.problems() == []
    return project


def export(project, office="SG"):
    result = project.cop("review", "export", office, "--out", str(project.root / f"{office}.xlsx"))
    assert result.code == 0, result.err
    return project.root / f"{office}.xlsx"


def fill(path, answers: dict[str, dict[str, str]], reviewer=("A. Examiner", "examiner", "2026-05-30"), **cover):
    """Fills the workbook as a reviewer would in a spreadsheet: the cover, then a row per entry."""
    book = load_workbook(path)
    first = book["Read me"]
    first["B12"], first["B14"], first["B15"] = reviewer
    for cell, value in cover.items():
        first[cell] = value
    rows = book["Entries"]
    header = [c.value for c in rows[1]]
    for row in rows.iter_rows(min_row=2):
        topic_file = row[0].value.rsplit("/", 1)[1].removesuffix(".yaml")
        for column, value in answers.get(topic_file, {}).items():
            row[header.index(column)].value = value
    book.save(path)


def snapshot(project) -> dict[str, bytes]:
    return {p.relative_to(project.root).as_posix(): p.read_bytes()
            for p in sorted(project.root.rglob("*.yaml"))}


def test_every_data_file_round_trips_through_the_editor_unchanged():
    """The import edits files with ruamel.yaml's round trip: on the files it edits, load and dump change nothing."""
    import io

    from cop.review.importing import _yaml

    yaml = _yaml()
    files = [f for pattern in ("practices/*/*.yaml", "practices/cases/*.yaml", "tests/fixtures/good/practices/*/*.yaml")
             for f in glob.glob(str(REPO / pattern))]
    assert len(files) > 250
    for file in files:
        text = open(file, encoding="utf-8").read()
        out = io.StringIO()
        yaml.dump(yaml.load(text), out)
        assert out.getvalue() == text, file


def test_the_workbook_locks_all_but_the_reviewers_columns_and_fingerprints_each_entry(sg):
    path = export(sg)
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["Read me", "Entries"] and book["cop"].sheet_state == "veryHidden"
    rows = book["Entries"]
    header = [c.value for c in rows[1]]
    assert header[-5:] == ["Verdict", "Corrected position", "Corrected summary", "Corrected pinpoints", "Comment"]
    assert rows.protection.sheet and book["Read me"].protection.sheet
    entries = list(rows.iter_rows(min_row=2))
    assert [r[0].value for r in entries] == ["practices/SG/eligibility-framework.yaml", "practices/SG/program-claims.yaml",
                                             "practices/SG/games.yaml", "practices/cases/ai-anomaly-detection.yaml"]
    assert entries[3][1].value == "Case: Anomaly detection with a trained model" and entries[3][2].value == "eligible"
    assert entries[3][4].value == "Actual contribution: The contribution lies in machine monitoring."
    for row in entries:
        assert [c.protection.locked for c in row] == [True] * 9 + [False] * 5
        assert len(row[header.index("Fingerprint")].value) == 16
    assert "Patents Act 1994" in entries[1][header.index("Citations")].value
    lists = sorted((str(v.sqref), str(v.formula1)) for v in rows.data_validations.dataValidation)
    assert lists == [  # the verdicts, and each row's corrected position from its own topic's positions
        ("J2 J3 J4 J5", '"confirm,correct,cannot say"'),
        ("K2", '"technical-character,actual-contribution,no-guidance"'),
        ("K3", '"yes,partly,no,no-guidance"'),
        ("K4", '"yes,partly,no,no-guidance"'),
        ("K5", '"allowable,eligible,not-inventive,not-eligible,depends"'),  # a case analysis: its outcome
    ]
    assert [c.protection.locked for c in (book["Read me"]["B12"], book["Read me"]["B13"])] == [False, True]


def test_a_pdf_of_the_same_rows_comes_with_the_workbook(sg):
    from pypdf import PdfReader

    path = export(sg)
    words = " ".join(page.extract_text() for page in PdfReader(path.with_suffix(".pdf")).pages)
    words = " ".join(words.split())
    for shown in ("Review of Intellectual Property Office of Singapore (SG)", "Row 2: Eligibility framework",
                  "Row 4: Games", "Row 5: Case: Anomaly detection with a trained model",
                  "Game rules as such are not inventions.", "Patents Act 1994", "confirm", "cannot say"):
        assert shown in words, shown


def test_the_same_knowledge_base_gives_the_same_workbook_bytes(sg):
    first = export(sg).read_bytes()
    assert export(sg).read_bytes() == first


def test_a_filled_workbook_confirms_corrects_and_leaves_conflicts_alone(sg):
    path = export(sg)
    before_games = sg.read("practices/SG/games.yaml")
    fill(path, {
        "eligibility-framework": {"Verdict": "confirm", "Comment": "still our practice."},
        "program-claims": {"Verdict": "correct", "Corrected position": "partly", "Corrected pinpoints": "s. 13(1)(a)",
                           "Comment": "Accepted only with a further technical effect."},
        "games": {"Verdict": "confirm"},
        "ai-anomaly-detection": {"Verdict": "correct", "Corrected position": "allowable",
                                 "Comment": "The alarm is a technical effect."},
    })
    case_before = sg.read("practices/cases/ai-anomaly-detection.yaml")
    # Meanwhile a contributor changes the games entry
    sg.edit("practices/SG/games.yaml", "Game rules as such", "Rules of a game as such")
    changed_meanwhile = sg.read("practices/SG/games.yaml")
    assert changed_meanwhile != before_games

    dry = sg.cop("review", "import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "+position: partly" in dry.out and "+last_reviewed: 2026-05-30" in dry.out
    assert sg.read("practices/SG/program-claims.yaml") == PROGRAM_CLAIMS  # a dry run writes nothing

    result = sg.cop("review", "import", str(path))
    assert result.code == 0, result.err
    assert sg.read("practices/SG/eligibility-framework.yaml") == ELIGIBILITY_AFTER
    assert sg.read("practices/SG/program-claims.yaml") == PROGRAM_CLAIMS_AFTER
    assert sg.read("practices/SG/games.yaml") == changed_meanwhile
    # In a case file, only the office's own analysis changes
    others, own = case_before.split("  - office: SG\n")
    own = own.replace("    outcome: eligible\n", "    outcome: allowable\n").replace(
        "    note: Illustrative analysis, not checked.\n    last_reviewed: 2026-05-01\n",
        "    note: Corrected in review by A. Examiner (SG, examiner) on 2026-05-30 (outcome eligible -> allowable);"
        " not yet checked against the cited text. Illustrative analysis, not checked.\n"
        "    last_reviewed: 2026-05-01\n"
        "    history:\n"
        "      - date: 2026-05-30\n"
        "        change: 'Corrected by A. Examiner (SG, examiner): outcome eligible -> allowable."
        " Comment: The alarm is a technical effect.'\n")
    assert sg.read("practices/cases/ai-anomaly-detection.yaml") == others + "  - office: SG\n" + own
    assert "outcome: eligible" in sg.read("practices/cases/ai-anomaly-detection.yaml")  # EP's, untouched
    assert result.err.splitlines() == [
        "review of SG by A. Examiner (SG, examiner) on 2026-05-30: 1 confirmed, 2 corrected, 0 could not say, 1 conflicts",
        "corrected, for a contributor to finish: practices/SG/program-claims.yaml",
        "corrected, for a contributor to finish: practices/cases/ai-anomaly-detection.yaml",
        f"conflict: practices/SG/games.yaml (row 4): changed since the export; not touched",
    ]
    assert sg.problems() == []


def test_the_reviewer_is_recognised_as_rule_review_status_recognises_them_whatever_the_case_and_spacing(sg):
    path = export(sg)
    fill(path, {"games": {"Verdict": "confirm"}}, reviewer=("a.  EXAMINER", "examiner", "2026-05-30"))
    result = sg.cop("review", "import", str(path))
    assert result.code == 0, result.err
    assert "status: reviewed" in sg.read("practices/SG/games.yaml")
    assert sg.problems() == []


def test_cannot_say_records_only_the_comment(sg):
    path = export(sg)
    fill(path, {"games": {"Verdict": "cannot say", "Comment": "Not my unit's field."}})
    assert sg.cop("review", "import", str(path)).code == 0
    assert sg.read("practices/SG/games.yaml") == GAMES + (
        "history:\n  - date: 2026-05-30\n"
        "    change: \"Reviewed by A. Examiner (SG, examiner), who could not say: Not my unit's field.\"\n")
    assert sg.problems() == []


REFUSALS = {
    "a reviewer the office does not list": (dict(reviewer=("B. Stranger", "examiner", "2026-05-30")),
                                            "B. Stranger is not listed with role examiner under reviewers in practices/SG/office.yaml"),
    "a role the office did not give": (dict(reviewer=("A. Examiner", "office", "2026-05-30")),
                                       "A. Examiner is not listed with role office"),
    "another office on the cover": (dict(B13="EP"), "the cover sheet names office 'EP', the workbook is for 'SG'"),
    "a locked cell changed": (dict(tamper=("program-claims", "Summary", "Anything goes.")), "locked cells were changed (Summary)"),
    "a row moved to another office's file": (dict(tamper=("program-claims", "File", "practices/EP/program-claims.yaml")),
                                             "'practices/EP/program-claims.yaml' is not an entry or a case analysis of SG"),
    "a position the topic does not allow": (dict(answers={"program-claims": {"Verdict": "correct", "Corrected position": "maybe"}}),
                                            "corrected position 'maybe' is not one the topic allows"),
    "an unknown verdict": (dict(answers={"games": {"Verdict": "perhaps"}}), "verdict 'perhaps' is not one of"),
    "a date that is no date": (dict(reviewer=("A. Examiner", "examiner", "June 2")), "the date must be YYYY-MM-DD"),
    "a date to come": (dict(reviewer=("A. Examiner", "examiner", "2999-01-01")), "the reviewer's date 2999-01-01 is after today"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_workbook_that_does_not_hold_is_refused_and_nothing_is_written(sg, case):
    how, message = REFUSALS[case]
    path = export(sg)
    how = dict(how)
    answers = how.pop("answers", {"eligibility-framework": {"Verdict": "confirm"}})
    tamper = how.pop("tamper", None)
    reviewer = how.pop("reviewer", ("A. Examiner", "examiner", "2026-05-30"))
    fill(path, answers, reviewer, **how)
    if tamper:
        book = load_workbook(path)
        rows = book["Entries"]
        header = [c.value for c in rows[1]]
        for row in rows.iter_rows(min_row=2):
            if row[0].value.endswith(f"/{tamper[0]}.yaml"):
                row[header.index(tamper[1])].value = tamper[2]  # openpyxl ignores the sheet's protection
        book.save(path)
    before = snapshot(sg)
    result = sg.cop("review", "import", str(path))
    assert result.code == 2 and message in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(sg) == before


def test_a_repeated_row_is_refused_and_a_file_broken_since_is_a_conflict(sg):
    path = export(sg)
    fill(path, {"games": {"Verdict": "confirm"}, "program-claims": {"Verdict": "confirm"}})
    book = load_workbook(path)
    rows = book["Entries"]
    for col, cell in enumerate(rows[4], start=1):  # row 5 becomes a copy of row 4
        rows.cell(row=5, column=col).value = cell.value
    book.save(path)
    before = snapshot(sg)
    result = sg.cop("review", "import", str(path))
    assert result.code == 2 and "row 5: it repeats the file of row 4" in result.err
    assert snapshot(sg) == before

    path = export(sg)
    fill(path, {"games": {"Verdict": "confirm"}})
    sg.write("practices/SG/games.yaml", "office: SG\ntopic: [games\n")
    result = sg.cop("review", "import", str(path))
    assert result.code == 0 and "conflict: practices/SG/games.yaml (row 4): cannot be read now" in result.err
    assert sg.read("practices/SG/games.yaml") == "office: SG\ntopic: [games\n"


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken zip"])
def test_a_file_that_is_no_workbook_is_refused(sg, content):
    path = sg.root / "review.xlsx"
    path.write_bytes(content)
    before = snapshot(sg)
    result = sg.cop("review", "import", str(path))
    assert result.code == 2 and "not a review workbook" in result.err and "Traceback" not in result.err
    assert snapshot(sg) == before


def test_a_workbook_without_the_review_sheets_is_refused(sg):
    from openpyxl import Workbook

    path = sg.root / "other.xlsx"
    Workbook().save(path)
    result = sg.cop("review", "import", str(path))
    assert result.code == 2 and "lacks the sheets" in result.err


def test_an_unknown_office_is_a_clear_error(sg):
    result = sg.cop("review", "export", "XX")
    assert result.code == 2 and "no office 'XX'" in result.err


def test_the_site_says_who_reviewed_what_and_what_awaits_each_office(tmp_path_factory):
    from sites import fixture_site

    _, site = fixture_site(tmp_path_factory, "review")
    sg = (site / "offices" / "SG" / "index.html").read_text(encoding="utf-8")
    assert "Last reviewed by the office on 2026-05-01 (A. Examiner, examiner)" in sg
    assert "1 of 2 entries and 0 of 1 case analyses are reviewed or endorsed" in sg
    pending = sg.split('<ul class="cop-pending">', 1)[1].split("</ul>", 1)[0]
    assert "Program claims" in pending and "(draft)" in pending and "Anomaly detection" in pending
    assert "Eligibility framework" not in pending
    assert "reviewed by A. Examiner (SG examiner, 2026-05-01)" in sg  # on the reviewed entry itself
    ep = (site / "offices" / "EP" / "index.html").read_text(encoding="utf-8")
    assert "No entry or case analysis has been reviewed by an examiner of EP yet" in ep
