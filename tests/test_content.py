"""The real knowledge base: complete, honest about what is checked, and every case worth a page."""

from __future__ import annotations

import json

from conftest import REPO, cop
from cop.load import load

KB, _ = load(REPO)


def test_the_check_passes_with_no_warning_at_all():
    # Coverage is an error here, and a citation of a superseded edition must say so in its note.
    result = cop("check", cwd=REPO)
    assert (result.code, result.out) == (0, "")


def test_fifteen_offices_by_seventeen_topics():
    assert len(KB.offices) == 15 and len(KB.topics) == 17
    assert len(KB.entries) == 15 * 17
    assert {g for o in KB.offices.values() for g in o.groups} == {"IP5", "ASEAN"}


def test_the_project_claims_no_examiner_review_or_endorsement():
    statuses = {e.status for e in KB.entries.values()} | {a.status for c in KB.cases.values() for a in c.analyses}
    assert statuses <= {"draft", "verified"}


def test_every_case_is_analysed_by_at_least_four_offices():
    assert len(KB.cases) >= 6
    for case in KB.cases.values():
        assert len({a.office for a in case.analyses}) >= 4, case.id


def test_stats_count_entries_by_status_and_citations_checked():
    figures = json.loads(cop("stats", "--format", "json", cwd=REPO).out)
    total = figures[-1]
    assert total["office"] == "all" and total["entries"] == 255
    assert total["verified"] + total["draft"] == 255
    assert 0 < total["checked"] <= total["citations"]
    assert sum(f["verified"] for f in figures[:-1]) == total["verified"]
