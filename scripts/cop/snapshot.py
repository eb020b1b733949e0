"""The knowledge base as plain data: what a data release freezes and what the JSON API serves.

One function a kind of document. A release writes the whole (`of`) to `releases/<version>.json`;
the site's API serves each part on its own. Both are plain JSON values built from the model
only, so the same knowledge base gives the same bytes (`dumps`: sorted keys, one layout).
"""

from __future__ import annotations

import json

from .model import Case, Citation, Entry, KnowledgeBase, Office, Topic

# The shape of these documents; a change to it that a reader's program would notice raises it.
SCHEMA_VERSION = 1


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _citation(kb: KnowledgeBase, c: Citation) -> dict:
    source = kb.sources.get(c.source)
    return {"source": c.source, "title": source.title if source else None, "edition": source.edition if source else None,
            "pinpoint": c.pinpoint, "url": c.url or (source.url if source else None),
            "verified_against": c.verified_against, "checked_in": c.checked_in}


def _history(items) -> list[dict]:
    return [{"date": h.date.isoformat(), "change": h.change} for h in items]


def office_doc(office: Office) -> dict:
    return {"code": office.code, "name": office.name, "short_name": office.short_name, "country": office.country,
            "aliases": office.aliases, "groups": office.groups, "website": office.website}


def topic_doc(topic: Topic) -> dict:
    return {"id": topic.id, "title": topic.title, "question": topic.question,
            "positions": [{"id": p.id, "label": p.label, "meaning": p.meaning} for p in topic.positions.values()]}


def entry_doc(kb: KnowledgeBase, entry: Entry) -> dict:
    topic = kb.topics.get(entry.topic)
    label = topic.positions[entry.position].label if topic and entry.position in topic.positions else entry.position
    return {"office": entry.office, "topic": entry.topic, "position": entry.position, "position_label": label,
            "summary": entry.summary, "detail": entry.detail, "status": entry.status,
            "last_reviewed": _date(entry.last_reviewed), "effective_since": _date(entry.effective_since),
            "citations": [_citation(kb, c) for c in entry.citations], "history": _history(entry.history)}


def case_doc(kb: KnowledgeBase, case: Case) -> dict:
    return {"id": case.id, "title": case.title, "origin": case.origin_kind, "source": case.origin_source,
            "case_number": case.case_number, "claim": case.claim, "topics": case.topics,
            "analyses": [{"office": a.office, "outcome": a.outcome, "summary": a.summary,
                          "steps": [{"test": s.test, "finding": s.finding} for s in a.steps],
                          "status": a.status, "last_reviewed": _date(a.last_reviewed),
                          "citations": [_citation(kb, c) for c in a.citations], "history": _history(a.history)}
                         for a in case.analyses]}


def entry_key(doc: dict) -> str:
    """How a frozen entry is named: OFFICE/topic, as in `entry:` links."""
    return f"{doc['office']}/{doc['topic']}"


def of(kb: KnowledgeBase) -> dict:
    """The whole knowledge base, as a release freezes it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "offices": [office_doc(o) for o in kb.offices_in_order()],
        "topics": [topic_doc(t) for t in kb.topics_in_order()],
        "entries": [entry_doc(kb, kb.entries[key]) for key in sorted(kb.entries)],
        "cases": [case_doc(kb, kb.cases[cid]) for cid in sorted(kb.cases)],
    }


def withholding(doc: dict, case_ids) -> dict:
    """DOC without the analyses of the cases CASE_IDS: what a workshop's participant edition may show."""
    if not case_ids:
        return doc
    return {**doc, "cases": [{**c, "analyses": []} if c["id"] in case_ids else c for c in doc["cases"]]}


def schemas() -> dict[str, bytes]:
    """The JSON Schemas of these documents (schemas/api/), by file name: published with the site and each release."""
    from importlib import resources

    folder = resources.files("cop").joinpath("schemas", "api")
    return {item.name: item.read_bytes() for item in sorted(folder.iterdir(), key=lambda i: i.name)
            if item.name.endswith(".schema.json")}


def dumps(data) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
