"""The matrix and every entry as JSON, CSV and XLSX, from the same model as the pages.

Same data, same bytes: rows are sorted, JSON keys sorted, and the workbook's creation
date is the build date rather than the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from ..model import KnowledgeBase
from .vocabulary import position

FILES = {
    "cii-entries.json": "every office, topic and entry with its citations (JSON)",
    "cii-entries.csv": "one row per entry (CSV, UTF-8)",
    "cii-matrix.xlsx": "the matrix and the entries as a workbook (XLSX)",
}

COLUMNS = ["office", "topic", "position", "position_label", "summary", "status", "last_reviewed",
           "citations", "file"]


def rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    result = []
    for (code, topic_id), entry in sorted(kb.entries.items()):
        cites = []
        for c in entry.citations:
            source = kb.sources.get(c.source)
            edition = f" ({source.edition})" if source else ""
            cites.append(f"{c.source}{edition}: {c.pinpoint}")
        result.append({
            "office": code, "topic": topic_id, "position": entry.position,
            "position_label": position(kb, entry).label, "summary": entry.summary,
            "status": entry.status, "last_reviewed": entry.last_reviewed.isoformat(),
            "citations": "; ".join(cites), "file": entry.loc.path,
        })
    return result


def as_json(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> bytes:
    data = {
        "generated": today.isoformat(),
        "data_version": version,
        "offices": [{"code": o.code, "name": o.name, "groups": o.groups} for o in kb.offices_in_order()],
        "topics": [{"id": t.id, "title": t.title, "question": t.question,
                    "positions": [{"id": p.id, "label": p.label, "meaning": p.meaning} for p in t.positions.values()]}
                   for t in kb.topics_in_order()],
        "entries": [],
    }
    for (code, topic_id), e in sorted(kb.entries.items()):
        data["entries"].append({
            "office": code, "topic": topic_id, "position": e.position, "summary": e.summary, "detail": e.detail,
            "status": e.status, "last_reviewed": e.last_reviewed.isoformat(),
            "effective_since": e.effective_since.isoformat() if e.effective_since else None,
            "citations": [{"source": c.source, "pinpoint": c.pinpoint, "url": c.url or kb.sources[c.source].url
                           if c.source in kb.sources else c.url} for c in e.citations],
            "history": [{"date": h.date.isoformat(), "change": h.change} for h in e.history],
        })
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


# A spreadsheet evaluates a cell as a formula when, after blanks it skips, the text starts with one
# of these (OWASP, CSV injection); the fullwidth forms, which some input methods convert, as well.
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
_SKIPPED = " \t\r\n"


def csv_cell(value: str) -> str:
    """The value as a CSV cell that no spreadsheet will run: a leading apostrophe makes it text."""
    return "'" + value if value.lstrip(_SKIPPED).startswith(_FORMULA_START) else value


def as_csv(kb: KnowledgeBase) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(kb):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def as_xlsx(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "CII practice matrix", "subject": f"data version {version}",
                         "created": dt.datetime.combine(today, dt.time())})
    bold = book.add_format({"bold": True})
    matrix = book.add_worksheet("Matrix")
    offices = kb.offices_in_order()
    # Every cell is written as a string, never through write()'s guessing, so no text becomes a formula.
    for c, value in enumerate(["Topic"] + [o.code for o in offices]):
        matrix.write_string(0, c, value, bold)
    for r, topic in enumerate(kb.topics_in_order(), start=1):
        matrix.write_string(r, 0, topic.title, bold)
        for c, office in enumerate(offices, start=1):
            entry = kb.entries.get((office.code, topic.id))
            if entry:
                matrix.write_string(r, c, position(kb, entry).label)
    sheet = book.add_worksheet("Entries")
    for c, name in enumerate(COLUMNS):
        sheet.write_string(0, c, name, bold)
    for r, row in enumerate(rows(kb), start=1):
        for c, name in enumerate(COLUMNS):
            sheet.write_string(r, c, row[name])
    book.close()
    return buffer.getvalue()


def build(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> dict[str, bytes]:
    """The downloads, each saying the data's version (cop.views.editions.data_version)."""
    return {"cii-entries.json": as_json(kb, today, version), "cii-entries.csv": as_csv(kb),
            "cii-matrix.xlsx": as_xlsx(kb, today, version)}
