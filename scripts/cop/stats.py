"""How far each office's entries have been checked: counts by status and the share of citations checked."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import NO_GUIDANCE, KnowledgeBase


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
    checked: int  # citations with verified_against: read in an official copy

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
                                  **count))
    return result


def total(stats: list[OfficeStats]) -> OfficeStats:
    fields = ("entries", "verified", "draft", "reviewed", "endorsed", "no_guidance", "citations", "checked")
    return OfficeStats("all", **{f: sum(getattr(s, f) for s in stats) for f in fields})


COLUMNS = ["office", "entries", "verified", "draft", "reviewed", "endorsed", "no-guidance", "citations checked"]


def rows(stats: list[OfficeStats]) -> list[list[str]]:
    return [[s.office, str(s.entries), str(s.verified), str(s.draft), str(s.reviewed), str(s.endorsed),
             str(s.no_guidance), f"{s.checked}/{s.citations} ({s.checked_share:.0%})"] for s in stats + [total(stats)]]
