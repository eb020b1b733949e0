"""The review workbook of one office: what each row shows, and the workbook written.

A row is one entry of the office, or its analysis of one worked case. Its first columns show it
as exported and are locked; the last five are the reviewer's. Each row carries a fingerprint of
its data, so the import can tell an entry changed since (a conflict, left alone) from a locked
cell changed by hand (the workbook is refused).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass

from ..model import ROLE_OF_STATUS, KnowledgeBase
from ..packs.archive import write_zip
from ..views.vocabulary import OUTCOMES

FORMAT = "cop-review/1"
COVER, ROWS, META = "Read me", "Entries", "cop"
VERDICTS = ("confirm", "correct", "cannot say")
ROLES = tuple(ROLE_OF_STATUS.values())


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    reviewer: bool = False


COLUMNS = (
    Column("File", 34), Column("Topic", 28), Column("Position", 14), Column("Summary", 50),
    Column("Detail", 60), Column("Citations", 50), Column("Status", 10), Column("Last reviewed", 13),
    Column("Fingerprint", 18),
    Column("Verdict", 12, True), Column("Corrected position", 18, True), Column("Corrected summary", 40, True),
    Column("Corrected pinpoints", 30, True), Column("Comment", 40, True),
)
SHOWN = [c.header for c in COLUMNS if not c.reviewer]
ANSWERS = [c.header for c in COLUMNS if c.reviewer]
# The reviewer's details on the cover sheet: (label, row); the value is in column B.
REVIEWER_CELLS = {"name": 12, "office": 13, "role": 14, "date": 15}


def fingerprint(data: dict) -> str:
    """The entry's data as exported, in 16 hex digits: any change to a value changes it."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


CASES = "practices/cases/"


def is_case(path: str) -> bool:
    return path.startswith(CASES)


def field_of_position(path: str) -> str:
    """The key a row's position is kept under: an entry's position, an analysis's outcome."""
    return "outcome" if is_case(path) else "position"


def allowed(kb: KnowledgeBase, path: str, data: dict) -> list[str]:
    """The values the row's position may take: the topic's positions, or the case outcomes."""
    if is_case(path):
        return list(OUTCOMES)
    topic = kb.topics.get(str(data.get("topic")))
    return list(topic.positions) if topic else []


def analysis_of(case: dict, office: str):
    """The office's analysis in a case's data, or None."""
    found = [a for a in case.get("analyses") or [] if a.get("office") == office]
    return found[0] if len(found) == 1 else None


def shown(kb: KnowledgeBase, path: str, data: dict) -> dict[str, str]:
    """The locked columns of the row of the entry (or case analysis) whose file is PATH and data DATA."""
    if is_case(path):
        case = kb.cases.get(path[len(CASES):].removesuffix(".yaml"))
        about = f"Case: {case.title}" if case else path
        detail = "\n".join(f"{s.get('test')}: {str(s.get('finding', '')).strip()}" for s in data.get("steps") or [])
    else:
        topic = kb.topics.get(str(data.get("topic")))
        about = topic.title if topic else str(data.get("topic"))
        detail = str(data.get("detail") or "").strip()
    citations = []
    for cited in data.get("citations") or []:
        source = kb.sources.get(str(cited.get("source")))
        title = f"{source.title} ({source.edition})" if source else str(cited.get("source"))
        citations.append(f"{title}, {cited.get('pinpoint')}" + (f" {cited['url']}" if cited.get("url") else ""))
    return {
        "File": path,
        "Topic": about,
        "Position": str(data.get(field_of_position(path))),
        "Summary": str(data.get("summary", "")),
        "Detail": detail,
        "Citations": "\n".join(citations),
        "Status": str(data.get("status")),
        "Last reviewed": str(data.get("last_reviewed")),
        "Fingerprint": fingerprint(data),
    }


def rows_of(kb: KnowledgeBase, office: str) -> list[tuple[str, dict]]:
    """(file, data) of each row: the office's entries in topic order, then its case analyses."""
    order = {topic_id: i for i, topic_id in enumerate(kb.topics)}
    entries = sorted((e for e in kb.entries.values() if e.office == office), key=lambda e: (order.get(e.topic, 1 << 30), e.topic))
    rows = [(e.loc.path, e.loc.doc.data) for e in entries]
    for case_id in sorted(kb.cases):
        case = kb.cases[case_id]
        analysis = analysis_of(case.loc.doc.data, office)
        if analysis is not None:
            rows.append((case.loc.path, analysis))
    return rows


def workbook(kb: KnowledgeBase, office: str, today: dt.date) -> bytes:
    """The review workbook of OFFICE, as the bytes of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    the_office = kb.offices[office]
    book = Workbook()
    cover = book.active
    cover.title = COVER
    lines = [
        f"Review of {the_office.name} ({office}) practice entries",
        "",
        "1. Fill in who you are below: your name as your office lists it, your role, and the date.",
        "2. On the sheet 'Entries', read each row: the position (for a worked case, the outcome), summary, detail and "
        "citations as the knowledge base states them.",
        "3. In 'Verdict' choose: confirm (it is right), correct (something is wrong: fill in the corrected columns), "
        "or cannot say.",
        "4. Corrected pinpoints: one line per citation, in the order shown; leave a line empty to keep that pinpoint.",
        "5. Add a comment wherever it helps. Do not change the grey columns; return the file as it is.",
        f"Exported on {today.isoformat()}. Only reviewers listed for {office} in its office.yaml can confirm entries.",
    ]
    for row, text in enumerate(lines, start=1):
        cover.cell(row=row, column=1, value=text)
    cover["A1"].font = Font(bold=True, size=14)
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 40
    roles = DataValidation(type="list", formula1='"' + ",".join(ROLES) + '"', allow_blank=False)
    cover.add_data_validation(roles)
    for label, row in REVIEWER_CELLS.items():
        cover.cell(row=row, column=1, value=f"Reviewer's {label}").font = Font(bold=True)
        cell = cover.cell(row=row, column=2, value=office if label == "office" else None)
        if label != "office":
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        if label == "role":
            roles.add(cell)
    cover.protection.sheet = True

    sheet = book.create_sheet(ROWS)
    for col, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=col, value=column.header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = column.width
    verdicts = DataValidation(type="list", formula1='"' + ",".join(VERDICTS) + '"', allow_blank=True)
    sheet.add_data_validation(verdicts)
    locked_fill, open_fill = PatternFill("solid", fgColor="EEEEEE"), PatternFill("solid", fgColor="FFF2CC")
    for row, (path, data) in enumerate(rows_of(kb, office), start=2):
        values = shown(kb, path, data)
        for col, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=row, column=col, value=values.get(column.header))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.reviewer:
                cell.protection = Protection(locked=False)
                cell.fill = open_fill
            else:
                cell.fill = locked_fill
        verdicts.add(sheet.cell(row=row, column=len(SHOWN) + 1))
        choices = ",".join(allowed(kb, path, data))
        if choices:
            positions = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
            sheet.add_data_validation(positions)
            positions.add(sheet.cell(row=row, column=len(SHOWN) + 2))
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    meta = book.create_sheet(META)
    for row, (key, value) in enumerate((("format", FORMAT), ("office", office), ("exported", today.isoformat())), start=1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True

    stamp = dt.datetime.combine(today, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "cop review export"
    out = io.BytesIO()
    book.save(out)
    # The same knowledge base on the same day gives the same bytes: openpyxl dates the file when
    # it saves it, and zip entries carry their time.
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as saved:
        names = saved.namelist()
        files = {name: saved.read(name) for name in names}
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    files["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when, files["docProps/core.xml"])
    return write_zip(files, stamp, order=names)
