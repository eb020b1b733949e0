"""The real knowledge base: complete, honest about what is checked, and every case worth a page."""

from __future__ import annotations

import json

from conftest import REPO, cop
from cop.load import load
from cop.rules import assessments

KB = load(REPO).kb


def as_of() -> str:
    """The day of the newest review in the data: the content is judged as it stood then, so the
    test gives the same answer on any day it runs (a review dated later moves the day with it)."""
    return max(item.last_reviewed for item, _ in assessments(KB)).isoformat()


def test_the_check_passes_with_no_warning_at_all_as_of_the_newest_review():
    # Coverage is an error here, and a citation of a superseded edition must say so in its note.
    result = cop("check", "--today", as_of(), cwd=REPO)
    assert (result.code, result.out) == (0, "")


def test_every_office_has_an_entry_for_every_topic_in_both_groups():
    # The numbers of offices and topics are reported by `cop stats`; what must hold is completeness.
    held = json.loads(cop("stats", "--format", "json", cwd=REPO).out)["contents"]
    assert held["entries"] == held["expected"] == len(KB.offices) * len(KB.topics) > 0
    assert held["groups"] == ["ASEAN", "IP5"]


def test_the_project_claims_no_examiner_review_or_endorsement():
    statuses = {item.status for item, _ in assessments(KB)}  # entries, case analyses, offices' tests
    assert statuses <= {"draft", "verified"}


def test_every_case_is_analysed_by_at_least_four_offices():
    assert len(KB.cases) >= 6
    for case in KB.cases.values():
        assert len({a.office for a in case.analyses}) >= 4, case.id


def test_stats_count_entries_by_status_and_citations_checked():
    figures = json.loads(cop("stats", "--format", "json", cwd=REPO).out)
    total, offices = figures["total"], figures["offices"]
    assert total["office"] == "all" and total["entries"] == len(KB.entries) == figures["contents"]["entries"]
    assert total["verified"] + total["draft"] + total["reviewed"] + total["endorsed"] == total["entries"]
    assert 0 < total["checked"] <= total["citations"]
    assert [f["office"] for f in offices] == sorted(KB.offices)
    assert sum(f["verified"] for f in offices) == total["verified"]


def test_no_entry_or_case_analysis_of_the_real_content_claims_a_review_by_an_office():
    """Only an office's examiners review and only the office endorses: nothing here does it for them."""
    claimed = [e.loc.path for e in KB.entries.values() if e.status in ("reviewed", "endorsed")]
    claimed += [f"{c.id}/{a.office}" for c in KB.cases.values() for a in c.analyses if a.status in ("reviewed", "endorsed")]
    assert claimed == []


def test_every_office_with_a_test_in_its_law_or_guidance_has_it_drawn():
    drawn = {t.office for t in KB.tests.values() if t.stage == "eligibility"}
    assert {"EP", "US", "JP", "KR", "CN", "SG"} <= drawn
    # An ASEAN office whose statute lists no exclusion and gives no test (no-guidance) has none to draw.
    asean = {code for code, office in KB.offices.items() if "ASEAN" in office.groups}
    with_a_test = {code for code in asean if KB.entries[(code, "eligibility-framework")].position != "no-guidance"}
    assert with_a_test and with_a_test <= drawn


def test_every_case_analysis_of_an_office_with_a_test_walks_it():
    for case in KB.cases.values():
        for analysis in case.analyses:
            if any(t.office == analysis.office for t in KB.tests.values()):
                assert "eligibility" in analysis.walks, (case.id, analysis.office)
