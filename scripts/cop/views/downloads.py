"""The matrix and every entry as JSON, CSV and XLSX, from the same model as the pages.

Same data, same bytes: rows are sorted, JSON keys sorted, and the workbook's creation
date is the build date rather than the clock.

Each file is made to open well where people open it:

- the CSV starts with a UTF-8 byte-order mark, so Excel on Windows reads Thai, Vietnamese and
  every other non-Latin text as UTF-8 rather than the system's code page; every cell passes the
  CSV-injection guard (`csv_cell`);
- the workbook's sheets have column widths to suit their content, a frozen header row (and the
  topic column of the matrix), an autofilter, matrix cells in the site's position colours with
  the label kept in the cell (colour is never the only signal) and review dates as real dates;
  every text cell is written as a string, never through xlsxwriter's guessing;
- the JSON says which shape it has: "schema_version", `ENTRIES_JSON_SCHEMA_VERSION`. That is
  the shape of cii-entries.json alone, not of the API's and the releases' documents
  (`cop.snapshot.SCHEMA_VERSION`). Raise it with any change that a program reading the file
  would notice: a key removed or renamed, a value of another type or of another meaning. A key
  added is not such a change: readers skip the keys they do not know.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata

from ..model import Entry, KnowledgeBase
from .vocabulary import POSITION_COLOURS, position

FILES = {
    "cii-entries.json": "every office, topic and entry with its citations (JSON)",
    "cii-entries.csv": "one row per entry (CSV, UTF-8 with a byte-order mark, so that Excel reads every script)",
    "cii-matrix.xlsx": "the matrix and the entries as a workbook (XLSX)",
}

# The shape of cii-entries.json, its "schema_version": when to raise it, the module's docstring says.
ENTRIES_JSON_SCHEMA_VERSION = 1

COLUMNS = ["office", "office_name", "country", "topic", "position", "position_label", "summary", "detail",
           "status", "last_reviewed", "citations", "source_urls", "file"]

# What separates the URLs in the source_urls column: a URL holds no blank, so this never splits one.
URL_SEPARATOR = " ; "

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters: a column of long text is cut to this on screen, its cells still whole


def source_urls(kb: KnowledgeBase, entry: Entry) -> list[str]:
    """Each citation's URL, in citation order: the citation's own, else its source's."""
    found = []
    for c in entry.citations:
        source = kb.sources.get(c.source)
        url = c.url or (source.url if source else None)
        if url:
            found.append(url)
    return found


def rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    result = []
    for (code, topic_id), entry in sorted(kb.entries.items()):
        office = kb.offices.get(code)
        cites = []
        for c in entry.citations:
            source = kb.sources.get(c.source)
            edition = f" ({source.edition})" if source else ""
            cites.append(f"{c.source}{edition}: {c.pinpoint}")
        result.append({
            "office": code, "office_name": office.name if office else "",
            "country": (office.country or "") if office else "", "topic": topic_id, "position": entry.position,
            "position_label": position(kb, entry).label, "summary": entry.summary, "detail": entry.detail or "",
            "status": entry.status, "last_reviewed": entry.last_reviewed.isoformat(),
            "citations": "; ".join(cites), "source_urls": URL_SEPARATOR.join(source_urls(kb, entry)),
            "file": entry.loc.path,
        })
    return result


def as_json(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> bytes:
    data = {
        "schema_version": ENTRIES_JSON_SCHEMA_VERSION,
        "generated": today.isoformat(),
        "data_version": version,
        "offices": [{"code": o.code, "name": o.name, "country": o.country, "groups": o.groups}
                    for o in kb.offices_in_order()],
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
    """One row per entry, UTF-8 with a byte-order mark (read it back with the `utf-8-sig` codec)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(kb):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


# Marks drawn on the character before (Thai vowels above and below too) and format characters.
_ZERO_WIDTH = ("Mn", "Me", "Cf")


def text_width(value: str) -> int:
    """How many columns of a fixed-width font the longest line of VALUE takes: a mark drawn on
    the character before it (Thai vowels and tones, Vietnamese diacritics written apart) none, a
    wide character two."""
    widest = 0
    for line in value.splitlines() or [""]:
        width = sum(0 if unicodedata.category(ch) in _ZERO_WIDTH else 2 if unicodedata.east_asian_width(ch) in "WF"
                    else 1 for ch in line)
        widest = max(widest, width)
    return widest


def _column_width(values) -> int:
    # Two more for the autofilter's button beside the header, at most MAX_WIDTH.
    return min(MAX_WIDTH, max(text_width(v) for v in values) + 2)


def as_xlsx(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "CII practice matrix", "subject": f"data version {version}",
                         "created": dt.datetime.combine(today, dt.time())})
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": DATE_FORMAT})
    colours: dict[str, object] = {}

    def coloured(colour: str):
        hex_value = POSITION_COLOURS.get(colour, POSITION_COLOURS["grey"])
        if hex_value not in colours:
            colours[hex_value] = book.add_format({"bold": True, "font_color": "#ffffff", "bg_color": hex_value,
                                                  "pattern": 1})
        return colours[hex_value]

    # Every text cell is written as a string, never through write()'s guessing, so no text becomes a formula.
    matrix = book.add_worksheet("Matrix")
    offices = kb.offices_in_order()
    topics = kb.topics_in_order()
    header = ["Topic"] + [o.code for o in offices]
    columns: list[list[str]] = [[value] for value in header]
    for c, value in enumerate(header):
        matrix.write_string(0, c, value, bold)
    for r, topic in enumerate(topics, start=1):
        matrix.write_string(r, 0, topic.title, bold)
        columns[0].append(topic.title)
        for c, office in enumerate(offices, start=1):
            entry = kb.entries.get((office.code, topic.id))
            if entry:
                pos = position(kb, entry)
                matrix.write_string(r, c, pos.label, coloured(pos.colour))
                columns[c].append(pos.label)
    for c, values in enumerate(columns):
        matrix.set_column(c, c, _column_width(values))
    matrix.freeze_panes(1, 1)
    matrix.autofilter(0, 0, len(topics), len(offices))

    sheet = book.add_worksheet("Entries")
    table = rows(kb)
    for c, name in enumerate(COLUMNS):
        sheet.write_string(0, c, name, bold)
    for r, row in enumerate(table, start=1):
        for c, name in enumerate(COLUMNS):
            if name == "last_reviewed":
                sheet.write_datetime(r, c, dt.date.fromisoformat(row[name]), date)
            else:
                sheet.write_string(r, c, row[name])
    for c, name in enumerate(COLUMNS):
        sheet.set_column(c, c, _column_width([name] + [row[name] for row in table]))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), len(COLUMNS) - 1)
    book.close()
    return buffer.getvalue()


def build(kb: KnowledgeBase, today: dt.date, version: str = "unreleased") -> dict[str, bytes]:
    """The downloads, each saying the data's version (cop.views.editions.data_version)."""
    return {"cii-entries.json": as_json(kb, today, version), "cii-entries.csv": as_csv(kb),
            "cii-matrix.xlsx": as_xlsx(kb, today, version)}
