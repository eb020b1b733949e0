"""The real knowledge base: complete, honest about what is checked, and every case worth a page."""

from __future__ import annotations

import json
import re

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
    # A check made in a reproduction or an older revision counts, and is counted apart.
    elsewhere = [c for e in KB.entries.values() for c in e.citations if c.verified_against and c.checked_in]
    assert 0 < total["elsewhere"] == len(elsewhere) < total["checked"]
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
                assert analysis.walks, (case.id, analysis.office)  # an official inventive-step example walks that test only


def test_the_glossary_holds_forty_terms_each_with_its_offices_a_source_and_the_offices_own_words():
    assert len(KB.terms) >= 40
    cited = {t.id for t in KB.terms.values() if t.citations or t.sources or any(n.citation for n in t.names)}
    assert [t.id for t in KB.terms.values() if not t.offices or t.id not in cited] == []
    languages = {n.language for t in KB.terms.values() for n in t.names}
    assert {"ja", "ko", "zh"} <= languages and len(languages - {"en"}) >= 6


def test_every_glossary_term_is_linked_from_at_least_one_page():
    linked: set[str] = set()
    for folder, pattern in (("docs", "*.md"), ("practices", "*.yaml"), ("workshops", "*.md")):
        for path in (REPO / folder).rglob(pattern):
            if path.name == "glossary.yaml":
                continue  # a term's see-also is no page that uses it
            raw = path.read_text(encoding="utf-8")
            linked |= set(re.findall(r"term\('([a-z0-9-]+)'\)", raw)) | set(re.findall(r"\(glossary:([a-z0-9-]+)\)", raw))
    assert sorted(set(KB.terms) - linked) == []


def test_cases_come_from_official_material_and_ask_the_asean_offices_too():
    assert len(KB.cases) >= 11
    official = [c.id for c in KB.cases.values() if c.origin_kind != "written-for-cop" and c.origin_source and c.case_number]
    assert len(official) >= 4, official
    asean = {code for code, office in KB.offices.items() if "ASEAN" in office.groups}
    assert sum(len({a.office for a in c.analyses} & asean) >= 4 for c in KB.cases.values()) >= 3
