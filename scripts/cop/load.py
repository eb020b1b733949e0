"""Reads every data file once and builds the knowledge base.

Each file is read, decoded, composed and validated against the schema of its
kind; a file with problems is recorded as broken and left out of the model, so
the cross-file rules run on what is sound and stay quiet about the rest.
"""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path

from . import model as m
from . import schema, walk, yamldoc
from .problems import Problem
from .rules import session_block, unfilled_placeholder

FILE_KIND_RULE = "file-kind"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds practices/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "practices").is_dir():
            return folder
    return None


def classify(rel: str) -> str | None:
    """The file kind of a path relative to the project root, or None for files cop does not read."""
    parts = rel.split("/")
    name = parts[-1]
    if rel == "cop.yaml":
        return "config"
    if parts[0] == "practices" and name.endswith(".yaml"):
        if len(parts) == 2:
            return {"topics.yaml": "topics", "sources.yaml": "sources", "glossary.yaml": "glossary"}.get(name, "unknown")
        if len(parts) == 3:
            if parts[1] == "cases":
                return "case"
            return "office" if name == "office.yaml" else "entry"
        return "unknown"
    if parts[0] == "workshops":
        if len(parts) == 3 and name == "workshop.yaml":
            return "workshop"
        if len(parts) == 4 and parts[2] == "sessions" and name.endswith(".md"):
            return "session"
        if name.endswith((".yaml", ".yml")):
            return "unknown"
        return None
    if parts[0] == "practices" and name.endswith(".yml"):
        return "unknown"
    return None


def data_files(root: Path) -> dict[str, bool]:
    """Every file under practices/ and workshops/ (and cop.yaml), relative, sorted: is it a symbolic link."""
    found = {}
    config = root / "cop.yaml"
    if config.is_symlink() or config.exists():
        found["cop.yaml"] = config.is_symlink()
    for top in ("practices", "workshops"):
        found.update(walk.tree(root, top, hidden=False))
    return dict(sorted(found.items()))


# Files every other file may refer to: a partial load always reads them.
CORE_KINDS = ("config", "topics", "sources", "glossary", "office")


@contextlib.contextmanager
def without_cycle_collection():
    """Pause Python's cycle collector while a knowledge base is built.

    Reading creates hundreds of thousands of small dicts, lists and tuples and no reference
    cycles; the collector would walk the growing heap again and again (a third of the time
    of a large check) to find nothing. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(root: Path, only: set[str] | None = None) -> tuple[m.KnowledgeBase, list[Problem]]:
    with without_cycle_collection():
        return _load(root, only)


def _load(root: Path, only: set[str] | None = None) -> tuple[m.KnowledgeBase, list[Problem]]:
    from .rules import file_kind  # it reads classify() from this module, so not at import time

    """Reads the knowledge base under `root`.

    With `only`, entries, cases and workshops are read only when listed there (a session
    listed reads its workshop); every file is still listed in kb.files, and the files others
    refer to (CORE_KINDS) are always read, so cross-file rules stay right for what is read.
    """
    kb = m.KnowledgeBase(root=root)
    kb.partial = only is not None
    problems: list[Problem] = []
    docs: dict[str, list[yamldoc.Document]] = {k: [] for k in schema.KINDS}
    for rel, link in data_files(root).items():
        path = root / rel
        kind = classify(rel)
        if link:
            # Never read; the symlink rule reports it. Listed as broken, so nothing else reports it missing.
            if kind not in (None, "session"):
                kb.files[rel] = kind
                kb.broken.add(rel)
            continue
        if kind is None or kind == "session":  # sessions are read through their workshop
            continue
        kb.files[rel] = kind
        if only is not None and kind not in CORE_KINDS and kind != "unknown" and not _wanted(rel, kind, only):
            continue
        if kind == "unknown":
            kb.broken.add(rel)
            problems.extend(file_kind.check(rel))
            continue
        doc, found = _read(path, rel, kind)
        if found:
            kb.broken.add(rel)
            problems.extend(found)
            continue
        docs[kind].append(doc)
        kb.documents[rel] = doc

    for doc in docs["config"]:
        kb.config = m.Config(**doc.data)
    for doc in docs["topics"]:
        _topics(kb, doc)
    for doc in docs["sources"]:
        _sources(kb, doc)
    for doc in docs["glossary"]:
        _glossary(kb, doc)
    for doc in docs["office"]:
        _office(kb, doc)
    for doc in docs["entry"]:
        _entry(kb, doc)
    for doc in docs["case"]:
        _case(kb, doc)
    for doc in docs["workshop"]:
        problems.extend(_workshop(kb, doc))
    return kb, problems


def _wanted(rel: str, kind: str, only: set[str]) -> bool:
    if rel in only:
        return True
    if kind == "workshop":
        folder = rel.rsplit("/", 1)[0] + "/"
        return any(path.startswith(folder) for path in only)
    return False


def unknown_reason(rel: str) -> str:
    if rel.endswith(".yml"):
        return "data files end in .yaml, not .yml"
    return ("cop does not know this file kind here; data files are practices/<OFFICE>/<topic>.yaml, "
            "practices/cases/<id>.yaml, practices/{topics,sources,glossary}.yaml and workshops/<id>/workshop.yaml")


def _read(path: Path, rel: str, kind: str) -> tuple[yamldoc.Document | None, list[Problem]]:
    doc, problems = yamldoc.read(path, rel)
    if problems:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), schema.RULE, "the file must be a mapping of fields, not a list or a single value")]
    # A template not yet filled in would fail the schema in confusing ways; name its blanks instead.
    problems = unfilled_placeholder.find(doc) or schema.validate(kind, doc)
    return (None, problems) if problems else (doc, [])


def _citations(items, loc: m.Loc) -> list[m.Citation]:
    return [m.Citation(loc=loc.child(i), **c) for i, c in enumerate(items or [])]


def _reviewers(items) -> list[m.Reviewer]:
    return [m.Reviewer(**{**r, "date": m.date(r["date"])}) for r in items or []]


def _declare(kb: m.KnowledgeBase, kind: str, table: dict, key: str, obj) -> None:
    if key in table:
        kb.duplicates.append((kind, key, table[key].loc, obj.loc))
    else:
        table[key] = obj


def _topics(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
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
        _declare(kb, "topic", kb.topics, topic.id, topic)
    kb.areas = {a["id"]: a["title"] for a in data["areas"]}


def _sources(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
    for i, s in enumerate(doc.data["sources"]):
        source = m.Source(**{**s, "date": m.date(s.get("date"))}, loc=m.Loc(doc, ("sources", i)))
        _declare(kb, "source", kb.sources, source.id, source)


def _glossary(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
    for i, t in enumerate(doc.data["terms"]):
        _declare(kb, "glossary term", kb.terms, t["id"], m.Term(**t, loc=m.Loc(doc, ("terms", i))))


def _participation(data) -> m.Participation | None:
    return m.Participation(**data) if data else None


def _office(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
    d = dict(doc.data)
    ws = d.pop("worksharing", {}) or {}
    pph = ws.get("pph") or {}
    d["reviewers"] = [m.Authorised(**r) for r in d.get("reviewers", [])]
    office = m.Office(**d, aspec=_participation(ws.get("aspec")), wipo_case=_participation(ws.get("wipo_case")),
                      global_dossier=_participation(ws.get("global_dossier")),
                      pph_partners=pph.get("partners", []), pph_url=pph.get("url"),
                      other_worksharing=ws.get("other", []), loc=m.Loc(doc))
    # Keyed by folder: the folder is what other files and the site address.
    kb.offices[doc.path.split("/")[1]] = office


def _entry(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
    d = doc.data
    loc = m.Loc(doc)
    entry = m.Entry(
        **{k: v for k, v in d.items() if k not in ("citations", "reviewers", "history", "last_reviewed", "effective_since")},
        last_reviewed=m.date(d["last_reviewed"]), effective_since=m.date(d.get("effective_since")),
        citations=_citations(d.get("citations"), loc.child("citations")), reviewers=_reviewers(d.get("reviewers")),
        history=[m.Change(date=m.date(h["date"]), change=h["change"], source=h.get("source"), loc=loc.child("history", i))
                 for i, h in enumerate(d.get("history", []))],
        loc=loc)
    _, folder, name = doc.path.split("/")
    kb.entries[(folder, name[: -len(".yaml")])] = entry


def _case(kb: m.KnowledgeBase, doc: yamldoc.Document) -> None:
    d = doc.data
    loc = m.Loc(doc)
    analyses = []
    for i, a in enumerate(d["analyses"]):
        aloc = loc.child("analyses", i)
        analyses.append(m.Analysis(
            office=a["office"], outcome=a["outcome"], summary=a["summary"],
            steps=[m.Step(**s) for s in a["steps"]], status=a["status"], last_reviewed=m.date(a["last_reviewed"]),
            citations=_citations(a.get("citations"), aloc.child("citations")), note=a.get("note"),
            reviewers=_reviewers(a.get("reviewers")), loc=aloc))
    origin = d["origin"]
    kb.cases[doc.path.split("/")[-1][: -len(".yaml")]] = m.Case(
        id=d["id"], title=d["title"], origin_kind=origin["kind"], origin_source=origin.get("source"),
        case_number=origin.get("case_number"), origin_note=origin.get("note"), claim=d["claim"],
        facts=d.get("facts"), topics=d["topics"], analyses=analyses, loc=loc)


def _workshop(kb: m.KnowledgeBase, doc: yamldoc.Document) -> list[Problem]:
    d = doc.data
    folder = doc.path.split("/")[1]
    workshop = m.Workshop(
        id=d["id"], title=d["title"], audience=d["audience"], objectives=d["objectives"], start=d["start"],
        minutes=d["minutes"], session_paths=d["sessions"], format=d.get("format"), modelled_on=d.get("modelled_on"),
        dates={k: m.date(v) for k, v in (d.get("dates") or {}).items()}, venue=d.get("venue"),
        facilitators=d.get("facilitators", []), note=d.get("note"), loc=m.Loc(doc))
    kb.workshops[folder] = workshop
    problems = []
    base = (kb.root / "workshops" / folder).resolve()
    for i, rel in enumerate(workshop.session_paths):
        target = (base / rel).resolve()
        if not target.is_relative_to(base) or Path(rel).is_absolute():
            continue  # the workshop-path rule reports it; never read outside the folder
        session_rel = f"workshops/{folder}/{Path(rel).as_posix()}"
        if (base / rel).is_symlink() or not target.is_file():
            continue  # the symlink rule or the workshop-session rule reports it
        kb.files[session_rel] = "session"
        session, found = _session(target, session_rel, rel)
        if session:
            kb.documents[session_rel] = session.loc.doc
        if found:
            kb.broken.add(session_rel)
            problems.extend(found)
        else:
            workshop.sessions.append(session)
    return problems


def _session(path: Path, rel: str, listed: str) -> tuple[m.Session | None, list[Problem]]:
    text, problems = yamldoc.decode(path.read_bytes(), rel)
    if text is None:
        return None, problems
    # Markdown ends a line at CR as at LF; so must the block grammar and every line number.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = _front_matter(text, rel)
    if isinstance(parts, Problem):
        return None, [parts]
    fm_text, fm_first_line, body, body_line = parts
    doc, problems = yamldoc.parse(fm_text, rel, line_offset=fm_first_line - 1)
    if problems:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), schema.RULE, "front matter must be a mapping of fields")]
    problems = unfilled_placeholder.find(doc) or schema.validate("session", doc)
    if problems:
        return None, problems
    blanks = [Problem(rel, body_line + i, match.start() + 1, unfilled_placeholder.ID,
                      f"session text is still the placeholder <<{match.group(1)}>>", hint="replace it with your text")
              for i, line in enumerate(body.split("\n")) for match in unfilled_placeholder.PLACEHOLDER.finditer(line)]
    if blanks:
        return None, blanks
    wrong = list(session_block.check(body, rel, body_line))
    if wrong:
        return None, wrong
    return m.Session(path=listed, body=body, body_line=body_line, loc=m.Loc(doc), **doc.data), []


_FENCE = "---"


def _front_matter(text: str, rel: str) -> tuple[str, int, str, int] | Problem:
    """(front matter, its first line, body, the body's first line), or the problem with the fences."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return Problem(rel, 1, 1, schema.RULE, "a session starts with front matter between '---' lines",
                       hint="add title, minutes and kind between two '---' lines at the top")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == _FENCE:
            body = "\n".join(lines[number:])
            return "\n".join(lines[1:number - 1]), 2, body.lstrip("\n"), number + 1 + (len(body) - len(body.lstrip("\n")))
    return Problem(rel, 1, 1, schema.RULE, "the front matter opened with '---' on line 1 is never closed",
                   hint="end the title, minutes and kind with a line '---'")
