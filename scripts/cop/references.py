"""Every cross-reference in the knowledge base, in one traversal.

The unknown-* rules and the site's back-links both read this list, so a new
kind of reference is added in one place.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .model import KnowledgeBase, Loc


class Ref(NamedTuple):
    kind: str  # office, topic, source, case, term, test (OFFICE/id)
    value: str
    loc: Loc  # the referring value itself
    holder: str  # what refers, for messages: "entry", "case", ...


def refs(kb: KnowledgeBase) -> Iterator[Ref]:
    """Every reference in the knowledge base (cop.index.Index lists them once for all the rules)."""
    for topic in kb.topics.values():
        for i, rid in enumerate(topic.related):
            yield Ref("topic", rid, topic.loc.child("related", i), "topic")
    for office in kb.offices.values():
        for field in ("guidelines", "laws"):
            for i, sid in enumerate(getattr(office, field)):
                yield Ref("source", sid, office.loc.child(field, i), "office")
        for change in office.history:
            if change.source:
                yield Ref("source", change.source, change.loc.child("source"), "office")
    for source in kb.sources.values():
        if source.superseded_by:
            yield Ref("source", source.superseded_by, source.loc.child("superseded_by"), "source")
    for term in kb.terms.values():
        for i, sid in enumerate(term.sources):
            yield Ref("source", sid, term.loc.child("sources", i), "glossary term")
        for i, code in enumerate(term.offices):
            yield Ref("office", code, term.loc.child("offices", i), "glossary term")
        for i, name in enumerate(term.names):
            yield Ref("office", name.office, term.loc.child("names", i, "office"), "glossary term")
            if name.citation:
                yield Ref("source", name.citation.source, name.citation.loc.child("source"), "glossary term")
        for citation in term.citations:
            yield Ref("source", citation.source, citation.loc.child("source"), "glossary term")
        for i, tid in enumerate(term.see_also):
            yield Ref("term", tid, term.loc.child("see_also", i), "glossary term")
    for entry in kb.entries.values():
        yield Ref("office", entry.office, entry.loc.child("office"), "entry")
        yield Ref("topic", entry.topic, entry.loc.child("topic"), "entry")
        for i, tid in enumerate(entry.see_also):
            yield Ref("topic", tid, entry.loc.child("see_also", i), "entry")
        for citation in entry.citations:
            yield Ref("source", citation.source, citation.loc.child("source"), "entry")
        for change in entry.history:
            if change.source:
                yield Ref("source", change.source, change.loc.child("source"), "entry")
    for case in kb.cases.values():
        if case.origin_source:
            yield Ref("source", case.origin_source, case.loc.child("origin", "source"), "case")
        for i, tid in enumerate(case.topics):
            yield Ref("topic", tid, case.loc.child("topics", i), "case")
        for analysis in case.analyses:
            yield Ref("office", analysis.office, analysis.loc.child("office"), "case analysis")
            for citation in analysis.citations:
                yield Ref("source", citation.source, citation.loc.child("source"), "case analysis")
            for test_id in analysis.walks:
                yield Ref("test", f"{analysis.office}/{test_id}", analysis.loc.child("walks", test_id), "case analysis")
    for key, test in kb.tests.items():
        yield Ref("office", test.office, test.loc.child("office"), "test")
        for node in test.nodes:
            for i, tid in enumerate(node.topics):
                yield Ref("topic", tid, node.loc.child("topics", i), "test question")
            for i, cid in enumerate(node.cases):
                yield Ref("case", cid, node.loc.child("cases", i), "test question")
            for citation in node.citations:
                yield Ref("source", citation.source, citation.loc.child("source"), "test question")
        for change in test.history:
            if change.source:
                yield Ref("source", change.source, change.loc.child("source"), "test")
    for workshop in kb.workshops.values():
        for session in workshop.sessions:
            for i, cid in enumerate(session.cases):
                yield Ref("case", cid, session.loc.child("cases", i), "session")
            for i, tid in enumerate(session.topics):
                yield Ref("topic", tid, session.loc.child("topics", i), "session")
            for i, key in enumerate(session.tests):
                yield Ref("test", key, session.loc.child("tests", i), "session")
