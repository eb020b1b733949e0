"""Data releases: what changed between two frozen copies of the knowledge base, and the notes that say so.

A release freezes the knowledge base as plain data (cop.snapshot) in `releases/<version>.json`;
`practices/releases.yaml` lists the releases with each copy's SHA-256 (rule release-snapshot).
What changed between two releases, or since the last one, is read by comparing two such copies,
not from free-text history: a position's old and new values come from the copies themselves, and
the history lines an entry gained in between say why.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .model import KnowledgeBase, Release
from .snapshot import entry_key

FOLDER = "releases"

# The kinds of change, in the order release notes and the changes page give them.
KINDS = {
    "position": "Position changes",
    "new-entry": "New entries",
    "citation": "New citations",
    "case": "New cases",
    "outcome": "Changed case outcomes",
    "correction": "Corrections",
    "status": "Checks",
}


def snapshot_path(root: Path, version: str) -> Path:
    return root / FOLDER / f"{version}.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def order(version: str) -> tuple[int, ...]:
    """A calendar version as numbers: 2026.11 < 2026.11.2 < 2027.01."""
    return tuple(int(part) for part in version.split("."))


def comes_after(version: str, date, previous: Release) -> bool:
    """Whether a release VERSION on DATE may follow PREVIOUS: a later version, on the same day or later."""
    return order(version) > order(previous.version) and date >= previous.date


def frozen(root: Path, kb: KnowledgeBase) -> dict[str, dict]:
    """Every release's frozen copy that is there and unchanged (rule release-snapshot reports the others)."""
    found = {}
    for release in kb.releases:
        try:
            raw = snapshot_path(root, release.version).read_bytes()
        except OSError:
            continue
        if digest(raw) == release.sha256:
            found[release.version] = json.loads(raw)
    return found


@dataclass(frozen=True)
class Difference:
    kind: str  # a key of KINDS
    office: str
    subject: str  # the topic id of an entry, the case id of a case
    title: str  # the topic's or the case's title
    before: str | None  # as a reader reads it: a position's label, a citation, an outcome
    after: str | None
    reasons: tuple[str, ...] = field(default=())  # the history lines added in between


def _cited(c: dict) -> str:
    edition = f" ({c['edition']})" if c.get("edition") else ""
    return f"{c.get('title') or c['source']}{edition}: {c['pinpoint']}"


def _new_lines(old: dict | None, new: dict) -> tuple[str, ...]:
    seen = {(h["date"], h["change"]) for h in (old or {}).get("history", [])}
    return tuple(f"{h['date']}: {h['change']}" for h in new.get("history", []) if (h["date"], h["change"]) not in seen)


def differences(old: dict | None, new: dict) -> list[Difference]:
    """What changed from frozen copy `old` (None: nothing before) to `new`, in the order of KINDS,
    then by office and subject."""
    titles = {t["id"]: t["title"] for t in new["topics"]} | {t["id"]: t["title"] for t in (old or {}).get("topics", [])}
    before = {entry_key(e): e for e in (old or {}).get("entries", [])}
    found: list[Difference] = []
    for e in new["entries"]:
        was, title = before.get(entry_key(e)), titles.get(e["topic"], e["topic"])
        reasons = _new_lines(was, e)

        def add(kind, b, a, why=reasons):
            found.append(Difference(kind, e["office"], e["topic"], title, b, a, why))

        if was is None:
            add("new-entry", None, e["position_label"])
            continue
        if was["position"] != e["position"]:
            add("position", was["position_label"], e["position_label"])
        old_citations = {(c["source"], c["pinpoint"]) for c in was["citations"]}
        for c in e["citations"]:
            if (c["source"], c["pinpoint"]) not in old_citations:
                add("citation", None, _cited(c), ())
        if was["position"] == e["position"] and (was["summary"], was["detail"]) != (e["summary"], e["detail"]):
            add("correction", was["summary"], e["summary"])
        if was["status"] != e["status"]:
            add("status", was["status"], e["status"], () if (was["summary"], was["detail"]) != (e["summary"], e["detail"]) else reasons)
    old_cases = {c["id"]: c for c in (old or {}).get("cases", [])}
    for case in new["cases"]:
        was = old_cases.get(case["id"])
        if was is None:
            offices = ", ".join(a["office"] for a in case["analyses"])
            found.append(Difference("case", "", case["id"], case["title"], None, f"analysed by {offices}"))
            continue
        outcomes = {a["office"]: a for a in was["analyses"]}
        for a in case["analyses"]:
            prior = outcomes.get(a["office"])
            if prior is None or prior["outcome"] != a["outcome"]:
                found.append(Difference("outcome", a["office"], case["id"], case["title"],
                                        prior["outcome"] if prior else None, a["outcome"], _new_lines(prior, a)))
    order = list(KINDS)
    return sorted(found, key=lambda d: (order.index(d.kind), d.office, d.subject, d.after or ""))


def notes(version: str, date: str, previous: Release | None, old: dict | None, new: dict) -> str:
    """Release notes in Markdown: the changes since the release before, grouped by kind, then office."""
    lines = [f"# Data release {version} ({date})", ""]
    if previous is None:
        lines += [f"The first data release: {len(new['offices'])} offices, {len(new['topics'])} topics, "
                  f"{len(new['entries'])} entries and {len(new['cases'])} cases.", ""]
        return "\n".join(lines)
    changes = differences(old, new)
    lines += [f"Changes since release {previous.version} ({previous.date.isoformat()}): {len(changes)}.", ""]
    for kind, heading in KINDS.items():
        of_kind = [d for d in changes if d.kind == kind]
        if not of_kind:
            continue
        lines += [f"## {heading}", ""]
        for office in sorted({d.office for d in of_kind}):
            lines += [f"### {office}" if office else "### Cases", ""]
            for d in (d for d in of_kind if d.office == office):
                change = f"{d.before} → {d.after}" if d.before and d.after else (d.after or d.before or "")
                lines.append(f"- **{d.title}**: {change}")
                lines += [f"  - {reason}" for reason in d.reasons]
            lines.append("")
    return "\n".join(lines)
