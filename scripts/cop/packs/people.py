"""A workshop's participants: the list a trainer brings (`cop pack --participants people.csv`), a
certificate of attendance for each person and the attendance sheet, both for the facilitator zip.

The list is personal data: it is read, checked and printed into those two PDFs, and never copied
into any zip. It is a CSV file in UTF-8 (a byte-order mark allowed, as Excel writes "CSV UTF-8"),
with a header row naming its columns: `name`, and optionally `office` (an office code of the
knowledge base) and `email`. Anything wrong with it is reported as `path:line:col: participants:
message` (the checker's format, `Problem.text`), every problem of the rows at once, and the pack
is not made.

The CSV is parsed here rather than by the csv module because each problem points at the line and
column of the field at fault, and a quoted field may span lines: the csv module tells neither.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..model import KnowledgeBase, Workshop
from ..problems import Problem
from ..rules import nearest
from ..views.safe import text
from .fonts import CSS_STACK

ID = "participants"
COLUMNS = ("name", "office", "email")
MAX_BYTES = 2_000_000  # some ten thousand people: a list, not a registration database
MAX_NAME = 200
CERTIFICATES = "certificates.pdf"
ATTENDANCE_SHEET = "attendance-sheet.pdf"

SEPARATOR = " \u00b7 "  # between facts on one line
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Person:
    name: str  # NFC, spacing collapsed
    office: str | None  # an office code of the knowledge base
    email: str | None
    line: int  # where the person is in the CSV


class ParticipantsError(Exception):
    """The list cannot be used. str() is the report: one `path:line:col: participants: ...` a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.text() for p in self.problems))


@dataclass(frozen=True)
class _Cell:
    value: str
    line: int
    col: int


class _Unreadable(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str | None = None):
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


# Reading the list.

def read(path: Path, kb: KnowledgeBase, *, shown: str | None = None, published: Path | None = None) -> list[Person]:
    """The people of the CSV at PATH, in its order; ParticipantsError if anything in it is wrong.

    shown: the path as the person typed it, for the messages. published: a folder whose files the
    site copies as they are (the project's docs/); a list in it would be published, so it is refused.
    """
    shown = shown if shown is not None else str(path)

    def fail(line: int, col: int, message: str, hint: str | None = None) -> ParticipantsError:
        return ParticipantsError([Problem(shown, line, col, ID, message, hint=hint)])

    if published is not None and _inside(path, published):
        raise fail(1, 1, f"the list is inside {published.name}/, which the site publishes as it is",
                   "keep the participants' list outside the project")
    try:
        if path.is_dir():
            raise fail(1, 1, "this is a folder, not a CSV file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise fail(1, 1, f"cannot read the participants' list: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(1, 1, f"the file is larger than {MAX_BYTES:,} bytes; is it the participants' list?")
    try:
        rows = _parse(_decode(raw))
    except _Unreadable as exc:
        raise fail(exc.line, exc.col, exc.message, exc.hint) from None
    people, problems = _people(rows, kb, shown)
    if problems:
        raise ParticipantsError(problems)
    return people


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable(1, 1, "the file is in UTF-16, not UTF-8", 'save it as "CSV UTF-8 (comma delimited)"')
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        col = len(before[start:].decode("utf-8", errors="replace")) + 1
        raise _Unreadable(line, col, f"byte 0x{raw[exc.start]:02X} is not UTF-8",
                          'save the list as "CSV UTF-8 (comma delimited)"') from None
    if "\x00" in decoded:
        line = decoded[:decoded.index("\x00")].count("\n") + 1
        raise _Unreadable(line, 1, "the file holds NUL characters: it is not a text file")
    return decoded


def _parse(source: str) -> list[list[_Cell]]:
    """The records of a CSV (RFC 4180: commas, fields in double quotes may hold commas, doubled quotes
    and line breaks), each field with the line and column where it starts."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[_Cell]] = []
    row: list[_Cell] = []
    i, n, line, col = 0, len(source), 1, 1
    if n == 0:
        return rows
    while True:
        at_line, at_col = line, col
        if i < n and source[i] == '"':
            i, col = i + 1, col + 1
            parts = []
            while True:
                if i >= n:
                    raise _Unreadable(at_line, at_col, "this quote is never closed",
                                      "a quoted field ends with a double quote; a quote inside it is written twice")
                char = source[i]
                if char == '"':
                    if i + 1 < n and source[i + 1] == '"':
                        parts.append('"')
                        i, col = i + 2, col + 2
                        continue
                    i, col = i + 1, col + 1
                    break
                parts.append(char)
                i += 1
                line, col = (line + 1, 1) if char == "\n" else (line, col + 1)
            if i < n and source[i] not in ",\n":
                raise _Unreadable(line, col, "text after a field's closing quote",
                                  "put the whole field in quotes and write a quote inside it twice")
            value = "".join(parts)
        else:
            end = i
            while end < n and source[end] not in ",\n":
                end += 1
            value, col, i = source[i:end], col + end - i, end
        row.append(_Cell(value, at_line, at_col))
        if i >= n:
            rows.append(row)
            return rows
        if source[i] == ",":
            i, col = i + 1, col + 1
            continue
        rows.append(row)
        row = []
        i, line, col = i + 1, line + 1, 1
        if i >= n:
            return rows


def _one_line(value: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value)


def _header(rows: list[list[_Cell]], problem) -> dict[str, int] | None:
    """Column name -> index, or None when the header is unusable (problems said why)."""
    if not rows or all(not c.value.strip() for c in rows[0]):
        problem(1, 1, "the first row must name the columns: name, and optionally office and email")
        return None
    columns: dict[str, int] = {}
    usable = True
    for index, cell in enumerate(rows[0]):
        label = cell.value.strip().casefold()
        if label in columns:
            problem(cell.line, cell.col, f"the column '{cell.value.strip()}' is named twice")
            usable = False
        elif label in COLUMNS:
            columns[label] = index
        else:
            separated = ";" in cell.value or "\t" in cell.value
            hint = ("separate the columns with commas" if separated
                    else nearest(label, COLUMNS) or "the columns are name, office (optional) and email (optional)")
            problem(cell.line, cell.col, f"unknown column '{cell.value.strip()}'", hint)
            usable = False
    if "name" not in columns:
        problem(rows[0][0].line, rows[0][0].col, "no 'name' column",
                "the first row names the columns: name, and optionally office and email")
        usable = False
    return columns if usable else None


def _people(rows: list[list[_Cell]], kb: KnowledgeBase, shown: str) -> tuple[list[Person], list[Problem]]:
    problems: list[Problem] = []

    def problem(line: int, col: int, message: str, hint: str | None = None) -> None:
        problems.append(Problem(shown, line, col, ID, message, hint=hint))

    columns = _header(rows, problem)
    if columns is None:
        return [], problems
    width = len(rows[0])
    people: list[Person] = []
    seen_names: dict[tuple[str, str | None], int] = {}
    seen_emails: dict[str, int] = {}
    for row in rows[1:]:
        if all(not cell.value.strip() for cell in row):
            continue  # a blank line, or a row of empty cells a spreadsheet left behind
        if len(row) > width:
            extra = row[width]
            problem(extra.line, extra.col, f"this row has {len(row)} fields; the first row names {width} columns",
                    "put a field holding a comma in double quotes")
            continue
        first = row[0]

        def cell(column: str) -> _Cell:
            index = columns.get(column)
            if index is None or index >= len(row):
                last = row[-1]
                return _Cell("", last.line, last.col + len(last.value))
            return row[index]

        name_cell, office_cell, email_cell = cell("name"), cell("office"), cell("email")
        if not _one_line(name_cell.value):
            problem(name_cell.line, name_cell.col, "a name must be on one line, without control characters")
            continue
        name = unicodedata.normalize("NFC", " ".join(name_cell.value.split()))
        if not name:
            problem(name_cell.line, name_cell.col, "empty name", "every row names one participant")
            continue
        if len(name) > MAX_NAME:
            problem(name_cell.line, name_cell.col, f"a name of {len(name)} characters; at most {MAX_NAME} fit")
            continue
        office = office_cell.value.strip() or None
        if office is not None:
            code = office.upper()
            if code not in kb.offices:
                hint = nearest(code, kb.offices) or f"the offices are {', '.join(sorted(kb.offices))}"
                problem(office_cell.line, office_cell.col, f"no office '{office}' in practices/", hint)
                continue
            office = code
        email = email_cell.value.strip() or None
        if email is not None and not _EMAIL.fullmatch(email):
            problem(email_cell.line, email_cell.col, f"'{email}' is not an email address",
                    "leave the email empty when there is none")
            continue
        key = (name.casefold(), office)
        if key in seen_names:
            problem(name_cell.line, name_cell.col, f"'{name}' is listed twice (first on line {seen_names[key]})")
            continue
        if email is not None and email.casefold() in seen_emails:
            problem(email_cell.line, email_cell.col,
                    f"the email '{email}' is listed twice (first on line {seen_emails[email.casefold()]})")
            continue
        seen_names[key] = first.line
        if email is not None:
            seen_emails[email.casefold()] = first.line
        people.append(Person(name, office, email, first.line))
    if not people and not problems:
        problem(1, 1, "the list has no participants: only its header row")
    return people, problems


# The workshop's facts as a certificate states them.

def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """3 June 2026 (English month names whatever the machine's locale)."""
    words = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {words}" if weekday else words


def date_range(w: Workshop) -> str | None:
    """3 June 2026; 3\u20135 June 2026; 30 June to 2 July 2026; or None when the workshop gives no dates."""
    if not w.dates:
        return None
    start = w.dates["start"]
    end = w.dates.get("end") or start
    if end <= start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def days(w: Workshop) -> list[dt.date | None]:
    """The workshop's days, from its dates; [None] when it gives none (a sheet with the date left blank)."""
    if not w.dates:
        return [None]
    start = w.dates["start"]
    end = max(w.dates.get("end") or start, start)
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


def contact_minutes(w: Workshop) -> int:
    """The minutes of the workshop's sessions other than breaks."""
    return sum(session.minutes for session in w.sessions if session.kind != "break")


def duration(minutes: int) -> str:
    """90 -> '1 hour 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour" + ("" if hours == 1 else "s")] if hours else []) + \
            ([f"{rest} minute" + ("" if rest == 1 else "s")] if rest or not hours else [])
    return " ".join(parts)


def office_name(kb: KnowledgeBase, person: Person) -> str:
    return kb.offices[person.office].name if person.office in kb.offices else ""


# The certificates.

# A page holds one certificate: each density is tried in turn until every certificate fits on its
# page (one that overflows its box flows onto a second page, so the pages are counted). Should none
# fit (a workshop with pages of objectives), the certificates leave the objectives to the handout.
DENSITIES = ("regular", "compact", "dense")

CERTIFICATE_CSS = """
@page { size: A4 landscape; margin: 9mm; }
html { font-family: FONTS; color: #1b1b1b; }
body { margin: 0; }
.certificate { position: relative; height: 192mm; box-sizing: border-box; overflow: hidden;
               border: 1.6mm solid #1f4f99; padding: 2.2mm; page-break-after: always; }
.certificate:last-child { page-break-after: auto; }
.frame { position: relative; height: 100%; box-sizing: border-box; border: 0.35mm solid #1f4f99;
         padding: 11mm 24mm 0; text-align: center; }
.kicker { font-size: 10pt; letter-spacing: 0.3em; text-transform: uppercase; color: #1f4f99; margin: 0; }
h1 { font-size: 30pt; font-weight: bold; margin: 2mm 0 5mm; color: #1f4f99; }
.lead { font-size: 11pt; margin: 0; color: #444; }
.name { font-size: 28pt; font-weight: bold; margin: 3mm 0 1mm; padding-bottom: 2mm;
        border-bottom: 0.4mm solid #999; display: inline-block; min-width: 55%; }
.office { font-size: 12pt; margin: 1mm 0 0; color: #333; }
.title { font-size: 17pt; font-weight: bold; margin: 1.5mm 0 2mm; }
.facts { font-size: 10.5pt; margin: 0; color: #333; }
.objectives { font-size: 9.5pt; text-align: left; margin: 4mm 0 0; display: inline-block; max-width: 82%; }
.objectives p { margin: 0 0 1mm; font-weight: bold; }
.objectives ul { margin: 0; padding-left: 5mm; }
.signatures { position: absolute; left: 24mm; right: 24mm; bottom: 9mm; text-align: center; }
.signature { display: inline-block; width: 62mm; margin: 0 5mm; vertical-align: top; }
.signature .line { border-top: 0.35mm solid #1b1b1b; margin-top: 14mm; padding-top: 1.2mm; font-size: 9.5pt; }
.signature .role { font-size: 8pt; color: #555; }
.compact h1 { font-size: 24pt; margin-bottom: 3mm; }
.compact .name { font-size: 24pt; }
.compact .title { font-size: 14pt; }
.compact .objectives { font-size: 8pt; margin-top: 2mm; }
.compact .signature .line { margin-top: 10mm; }
.dense h1 { font-size: 18pt; margin: 0 0 1mm; }
.dense .name { font-size: 20pt; }
.dense .title { font-size: 12pt; }
.dense .facts, .dense .office { font-size: 9pt; }
.dense .objectives { font-size: 6.5pt; margin-top: 1mm; }
.dense .objectives li { display: inline; }
.dense .objectives li + li::before { content: " \\2022  "; }
.dense .objectives ul { padding-left: 0; }
.dense .signature .line { margin-top: 8mm; }
"""


def _signatures(w: Workshop) -> str:
    signers = w.facilitators or [""]
    return "".join(f'<div class="signature"><div class="line">{text(signer)}</div>'
                   f'<div class="role">Facilitator</div></div>' for signer in signers)


def certificate(kb: KnowledgeBase, w: Workshop, person: Person, *, objectives: bool = True) -> str:
    office = office_name(kb, person)
    facts = [fact for fact in (date_range(w), w.venue) if fact]
    listed = "".join(f"<li>{text(o)}</li>" for o in w.objectives) if objectives else ""
    return (
        '<section class="certificate"><div class="frame">'
        '<p class="kicker">Community of Practice on computer-implemented inventions</p>'
        "<h1>Certificate of attendance</h1>"
        '<p class="lead">This certifies that</p>'
        f'<p class="name">{text(person.name)}</p>'
        + (f'<p class="office">{text(office)}</p>' if office else "")
        + '<p class="lead">attended the workshop</p>'
        f'<p class="title">{text(w.title)}</p>'
        + (f'<p class="facts">{SEPARATOR.join(text(f) for f in facts)}</p>' if facts else "")
        + f'<p class="facts">{text(duration(contact_minutes(w)))} of sessions</p>'
        + (f'<div><div class="objectives"><p>The workshop\'s objectives</p><ul>{listed}</ul></div></div>' if listed
           else '<p class="facts">The workshop\'s objectives are listed in its handout.</p>' if w.objectives else "")
        + f'<div class="signatures">{_signatures(w)}</div></div></section>')


def certificates_html(kb: KnowledgeBase, w: Workshop, people: list[Person], density: str = DENSITIES[0], *,
                      objectives: bool = True) -> str:
    body = "".join(certificate(kb, w, person, objectives=objectives) for person in people)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Certificates of attendance: {text(w.title)}</title>"
            f"<style>{CERTIFICATE_CSS.replace('FONTS', CSS_STACK)}</style></head>"
            f'<body class="{density}">{body}</body></html>')


def certificates(kb: KnowledgeBase, w: Workshop, people: list[Person]) -> bytes:
    """certificates.pdf: one A4 landscape page per person, in the list's order."""
    from weasyprint import HTML

    for objectives in (True, False):
        for density in DENSITIES:
            document = HTML(string=certificates_html(kb, w, people, density, objectives=objectives)).render()
            if len(document.pages) == len(people):
                return document.write_pdf()
    return document.write_pdf()


# The attendance sheet.

SHEET_CSS = """
@page { size: A4; margin: 24mm 14mm 18mm 14mm;
        @top-left { content: string(workshop); font-size: 9pt; font-weight: bold; color: #222; }
        @top-right { content: string(day); font-size: 9pt; color: #444; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
html { font-family: FONTS; font-size: 9.5pt; color: #111; }
.workshop { string-set: workshop content(); font-size: 15pt; margin: 0; }
.kind { font-size: 10pt; letter-spacing: 0.2em; text-transform: uppercase; color: #1f4f99; margin: 0 0 5mm; }
.day { page-break-before: always; }
.day:first-of-type { page-break-before: auto; }
h2 { string-set: day content(); font-size: 12pt; margin: 0 0 1mm; }
.facts { margin: 0 0 4mm; color: #333; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th { text-align: left; font-size: 8.5pt; border-bottom: 0.6pt solid #111; padding: 1.5mm 1.5mm; }
td { border-bottom: 0.4pt solid #777; padding: 0 1.5mm; height: 11mm; vertical-align: middle; }
tr { page-break-inside: avoid; }
.number { width: 8mm; color: #555; text-align: right; }
.name { width: 38%; }
.office { width: 27%; font-size: 8.5pt; }
.sign { width: auto; border-left: 0.4pt solid #bbb; }
"""


def attendance_html(kb: KnowledgeBase, w: Workshop, people: list[Person]) -> str:
    dates = days(w)
    facts = SEPARATOR.join(text(f) for f in (date_range(w), w.venue) if f)
    parts = []
    for number, day in enumerate(dates, start=1):
        heading = ("Date: ____________________" if day is None else
                   (f"Day {number} of {len(dates)}: " if len(dates) > 1 else "") + long_date(day, weekday=True))
        rows = "".join(f'<tr><td class="number">{index}</td><td class="name">{text(person.name)}</td>'
                       f'<td class="office">{text(office_name(kb, person))}</td><td class="sign"></td></tr>'
                       for index, person in enumerate(people, start=1))
        parts.append(f'<section class="day"><h2>{text(heading)}</h2>'
                     + (f'<p class="facts">{facts}</p>' if facts else "")
                     + '<table><thead><tr><th class="number">#</th><th class="name">Name</th>'
                       '<th class="office">Office</th><th class="sign">Signature</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table></section>")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>Attendance sheet: {text(w.title)}</title>"
            f"<style>{SHEET_CSS.replace('FONTS', CSS_STACK)}</style></head>"
            f'<body><h1 class="workshop">{text(w.title)}</h1><p class="kind">Attendance sheet</p>'
            f'{"".join(parts)}</body></html>')


def attendance_sheet(kb: KnowledgeBase, w: Workshop, people: list[Person]) -> bytes:
    """attendance-sheet.pdf: a table of the people for each day of the workshop, to sign."""
    from weasyprint import HTML

    return HTML(string=attendance_html(kb, w, people)).write_pdf()
