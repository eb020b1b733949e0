"""The model built from documents that read cleanly: one builder a file kind (see kinds.py).

A builder turns one document into model objects and files them in the knowledge base; an id
declared twice is recorded in `duplicates` (the rule duplicate-id reports it). Builders do no
I/O: a workshop's sessions come read already.
"""

from __future__ import annotations

from . import model as m
from .document import Document


class Built:
    """What the builders record beside the knowledge base."""

    def __init__(self, duplicates: list, sessions: dict):
        self.duplicates = duplicates  # (kind, id, first Loc, repeated Loc)
        self.sessions = sessions  # workshop folder -> [(path as listed, front matter Document, body, body line)]


def _citations(items, loc: m.Loc) -> list[m.Citation]:
    return [m.Citation(loc=loc.child(i), **c) for i, c in enumerate(items or [])]


def _reviewers(items) -> list[m.Reviewer]:
    return [m.Reviewer(**{**r, "date": m.date(r["date"])}) for r in items or []]


def _declare(built: Built, kind: str, table: dict, key: str, obj) -> None:
    if key in table:
        built.duplicates.append((kind, key, table[key].loc, obj.loc))
    else:
        table[key] = obj


def config(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    kb.config = m.Config(**doc.data)


def topics(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    data = doc.data

    def positions(items) -> dict[str, m.Position]:
        table: dict[str, m.Position] = {}
        for p in items:
            table.setdefault(p["id"], m.Position(**p))  # duplicate-id reports a repeat
        return table

    kb.position_sets = {name: positions(items) for name, items in data["position_sets"].items()}
    for i, t in enumerate(data["topics"]):
        named = t["positions"] if isinstance(t["positions"], str) else None
        allowed = kb.position_sets.get(named, {}) if named else positions(t["positions"])
        topic = m.Topic(id=t["id"], area=t["area"], order=t["order"], title=t["title"], question=t["question"],
                        positions=allowed, scope=t.get("scope"), related=t.get("related", []),
                        position_set=named, loc=m.Loc(doc, ("topics", i)))
        _declare(built, "topic", kb.topics, topic.id, topic)
    kb.areas = {a["id"]: a["title"] for a in data["areas"]}


def sources(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    for i, s in enumerate(doc.data["sources"]):
        source = m.Source(**{**s, "date": m.date(s.get("date"))}, loc=m.Loc(doc, ("sources", i)))
        _declare(built, "source", kb.sources, source.id, source)


def releases(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    kb.releases = [m.Release(version=r["version"], date=m.date(r["date"]), sha256=r["sha256"], note=r.get("note"),
                             loc=m.Loc(doc, ("releases", i))) for i, r in enumerate(doc.data["releases"])]


def glossary(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    for i, t in enumerate(doc.data["terms"]):
        loc = m.Loc(doc, ("terms", i))
        names = [m.TermName(office=n["office"], language=n["language"], name=n["name"],
                            citation=m.Citation(**n["citation"], loc=loc.child("names", j, "citation")) if n.get("citation") else None)
                 for j, n in enumerate(t.get("names") or [])]
        term = m.Term(**{k: v for k, v in t.items() if k not in ("names", "citations")}, names=names,
                      citations=_citations(t.get("citations"), loc.child("citations")), loc=loc)
        _declare(built, "glossary term", kb.terms, t["id"], term)


def _participation(data) -> m.Participation | None:
    return m.Participation(**data) if data else None


def office(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    d = dict(doc.data)
    ws = d.pop("worksharing", {}) or {}
    pph = ws.get("pph") or {}
    d["reviewers"] = [m.Authorised(**r) for r in d.get("reviewers", [])]
    d["history"] = _history(d.get("history"), m.Loc(doc))
    made = m.Office(**d, aspec=_participation(ws.get("aspec")), wipo_case=_participation(ws.get("wipo_case")),
                    global_dossier=_participation(ws.get("global_dossier")),
                    pph_partners=pph.get("partners", []), pph_url=pph.get("url"),
                    other_worksharing=ws.get("other", []), loc=m.Loc(doc))
    # Keyed by folder: the folder is what other files and the site address.
    kb.offices[doc.path.split("/")[1]] = made


def entry(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    d = doc.data
    loc = m.Loc(doc)
    made = m.Entry(
        **{k: v for k, v in d.items() if k not in ("citations", "reviewers", "history", "last_reviewed", "effective_since")},
        last_reviewed=m.date(d["last_reviewed"]), effective_since=m.date(d.get("effective_since")),
        citations=_citations(d.get("citations"), loc.child("citations")), reviewers=_reviewers(d.get("reviewers")),
        history=_history(d.get("history"), loc),
        loc=loc)
    _, folder, name = doc.path.split("/")
    kb.entries[(folder, name[: -len(".yaml")])] = made


def _history(listed, loc: m.Loc) -> list[m.Change]:
    return [m.Change(date=m.date(h["date"]), change=h["change"], source=h.get("source"), loc=loc.child("history", i))
            for i, h in enumerate(listed or [])]


def case(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    d = doc.data
    loc = m.Loc(doc)
    analyses = []
    for i, a in enumerate(d["analyses"]):
        aloc = loc.child("analyses", i)
        analyses.append(m.Analysis(
            office=a["office"], outcome=a["outcome"], summary=a["summary"],
            steps=[m.Step(**s) for s in a["steps"]], status=a["status"], last_reviewed=m.date(a["last_reviewed"]),
            citations=_citations(a.get("citations"), aloc.child("citations")), note=a.get("note"),
            reviewers=_reviewers(a.get("reviewers")), history=_history(a.get("history"), aloc),
            walks=a.get("walks") or {}, loc=aloc))
    origin = d["origin"]
    kb.cases[doc.path.split("/")[-1][: -len(".yaml")]] = m.Case(
        id=d["id"], title=d["title"], origin_kind=origin["kind"], origin_source=origin.get("source"),
        case_number=origin.get("case_number"), origin_note=origin.get("note"), claim=d["claim"],
        facts=d.get("facts"), topics=d["topics"], analyses=analyses, loc=loc)


def test(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    d = doc.data
    loc = m.Loc(doc)
    nodes: dict[str, m.Question] = {}
    for i, n in enumerate(d["nodes"]):
        nloc = loc.child("nodes", i)
        answers = [m.Answer(**a, loc=nloc.child("answers", j)) for j, a in enumerate(n["answers"])]
        node = m.Question(id=n["id"], question=n["question"], answers=answers, detail=n.get("detail"),
                          citations=_citations(n.get("citations"), nloc.child("citations")),
                          topics=n.get("topics", []), cases=n.get("cases", []), loc=nloc)
        _declare(built, "question", nodes, node.id, node)
    _, folder, _, name = doc.path.split("/")
    kb.tests[f"{folder}/{name[: -len('.yaml')]}"] = m.OfficeTest(
        id=d["id"], office=d["office"], stage=d["stage"], title=d["title"], summary=d["summary"],
        nodes=list(nodes.values()), status=d["status"], last_reviewed=m.date(d["last_reviewed"]),
        illustrative=d.get("illustrative", False), note=d.get("note"), reviewers=_reviewers(d.get("reviewers")),
        history=_history(d.get("history"), loc), loc=loc)


def workshop(kb: m.KnowledgeBase, doc: Document, built: Built) -> None:
    d = doc.data
    folder = doc.path.split("/")[1]
    made = m.Workshop(
        id=d["id"], title=d["title"], audience=d["audience"], objectives=d["objectives"], start=d["start"],
        minutes=d["minutes"], session_paths=d["sessions"], format=d.get("format"), modelled_on=d.get("modelled_on"),
        dates={k: m.date(v) for k, v in (d.get("dates") or {}).items()}, venue=d.get("venue"),
        facilitators=d.get("facilitators", []), note=d.get("note"), loc=m.Loc(doc))
    for listed, front, body, body_line in built.sessions.get(folder, []):
        made.sessions.append(m.Session(path=listed, body=body, body_line=body_line, loc=m.Loc(front), **front.data))
    kb.workshops[folder] = made
