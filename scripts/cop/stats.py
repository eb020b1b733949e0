"""What the knowledge base holds, and how far each office's entries have been checked: counts by
status and the share of citations checked.

The counts of offices, topics, cases and terms live here, in a report, not in a test: a
contributor adding an office changes them, and that is not a failure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import NO_GUIDANCE, KnowledgeBase


@dataclass
class Contents:
    offices: int
    groups: list[str]
    topics: int
    entries: int
    expected: int  # one entry per office and topic
    cases: int
    workshops: int
    terms: int
    sources: int

    def sentence(self) -> str:
        groups = f" ({', '.join(self.groups)})" if self.groups else ""
        return (f"{self.offices} offices{groups} x {self.topics} topics: {self.entries} of {self.expected} entries; "
                f"{self.cases} cases, {self.workshops} workshops, {self.terms} glossary terms, {self.sources} sources")


def contents(kb: KnowledgeBase) -> Contents:
    groups = sorted({g for office in kb.offices.values() for g in office.groups})
    return Contents(offices=len(kb.offices), groups=groups, topics=len(kb.topics), entries=len(kb.entries),
                    expected=len(kb.offices) * len(kb.topics), cases=len(kb.cases), workshops=len(kb.workshops),
                    terms=len(kb.terms), sources=len(kb.sources))


@dataclass
class OfficeStats:
    office: str
    entries: int
    verified: int
    draft: int
    reviewed: int
    endorsed: int
    no_guidance: int
    citations: int
    checked: int  # citations with verified_against: checked for the official copy it names
    elsewhere: int = 0  # of those, read in a reproduction or an older revision (checked_in)

    @property
    def checked_share(self) -> float:
        return self.checked / self.citations if self.citations else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "checked_share": round(self.checked_share, 3)}


def by_office(kb: KnowledgeBase) -> list[OfficeStats]:
    result = []
    for code in sorted(kb.offices):
        entries = [e for (c, _), e in kb.entries.items() if c == code]
        citations = [c for e in entries for c in e.citations]
        count = {s: sum(1 for e in entries if e.status == s) for s in ("verified", "draft", "reviewed", "endorsed")}
        result.append(OfficeStats(code, len(entries), no_guidance=sum(1 for e in entries if e.position == NO_GUIDANCE),
                                  citations=len(citations), checked=sum(1 for c in citations if c.verified_against),
                                  elsewhere=sum(1 for c in citations if c.verified_against and c.checked_in), **count))
    return result


def total(stats: list[OfficeStats]) -> OfficeStats:
    fields = ("entries", "verified", "draft", "reviewed", "endorsed", "no_guidance", "citations", "checked", "elsewhere")
    return OfficeStats("all", **{f: sum(getattr(s, f) for s in stats) for f in fields})


COLUMNS = ["office", "entries", "verified", "draft", "reviewed", "endorsed", "no-guidance", "citations checked",
           "of which elsewhere"]


def rows(stats: list[OfficeStats]) -> list[list[str]]:
    return [[s.office, str(s.entries), str(s.verified), str(s.draft), str(s.reviewed), str(s.endorsed),
             str(s.no_guidance), f"{s.checked}/{s.citations} ({s.checked_share:.0%})", str(s.elsewhere)]
            for s in stats + [total(stats)]]
