"""`cop review import`: a filled review workbook back into the office's entry files.

The workbook is refused whole, and nothing written, when it is not a review workbook, when its
office or its reviewer does not hold (the reviewer must be listed with that role in the office's
own office.yaml: the rule of rule `review-status`), when a locked cell was changed, or when an
answer cannot be applied (an unknown verdict or position). An entry changed since the export
(its fingerprint differs) is left alone and reported as a conflict. Files are edited with
ruamel.yaml's round trip, which keeps comments, key order, quoting and layout: every entry,
office and case file of the project loads and dumps to the same bytes (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..model import ROLE_OF_STATUS, KnowledgeBase
from . import sheet


class ReviewRefused(Exception):
    """The workbook cannot be imported; nothing was written."""


@dataclass
class Reviewer:
    name: str
    office: str
    role: str
    date: dt.date

    def said(self) -> str:
        return f"{self.name} ({self.office}, {self.role})"


@dataclass
class Plan:
    office: str
    reviewer: Reviewer
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old text, new text)
    confirmed: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    cannot_say: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def diff(self) -> str:
        out = []
        for path, (old, new) in sorted(self.texts.items()):
            out += difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}")
        return "".join(out)

    def summary(self) -> str:
        lines = [f"review of {self.office} by {self.reviewer.said()} on {self.reviewer.date.isoformat()}: "
                 f"{len(self.confirmed)} confirmed, {len(self.corrected)} corrected, "
                 f"{len(self.cannot_say)} could not say, {len(self.conflicts)} conflicts"]
        lines += [f"corrected, for a contributor to finish: {path}" for path in self.corrected]
        lines += [f"conflict: {item}" for item in self.conflicts]
        return "\n".join(lines)


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never fold a line that was one line
    y.indent(mapping=2, sequence=4, offset=2)
    # The same date written twice must not become an anchor and an alias, which data files refuse.
    y.representer.ignore_aliases = lambda data: True
    return y


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        raise ReviewRefused(f"{where}: the date must be YYYY-MM-DD, not {_text(value)!r}") from None


def read(path: Path):
    """The workbook's office, reviewer and rows; ReviewRefused when it is not a review workbook."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is no workbook
        raise ReviewRefused(f"{path}: not a review workbook ({type(exc).__name__}: {exc})") from None
    if {sheet.COVER, sheet.ROWS, sheet.META} - set(book.sheetnames):
        raise ReviewRefused(f"{path}: not a review workbook: it lacks the sheets {sheet.COVER!r}, {sheet.ROWS!r}")
    meta = {_text(r[0]): _text(r[1]) for r in book[sheet.META].iter_rows(min_row=1, max_col=2, values_only=True) if r[0]}
    if meta.get("format") != sheet.FORMAT:
        raise ReviewRefused(f"{path}: not a review workbook of this version (format {meta.get('format')!r})")
    cover = book[sheet.COVER]
    given = {label: cover.cell(row=row, column=2).value for label, row in sheet.REVIEWER_CELLS.items()}
    office = meta.get("office", "")
    if _text(given["office"]) != office:
        raise ReviewRefused(f"{path}: the cover sheet names office {_text(given['office'])!r}, the workbook is for {office!r}")
    if not _text(given["name"]):
        raise ReviewRefused(f"{path}: the reviewer's name on the cover sheet is empty")
    role = _text(given["role"])
    if role not in sheet.ROLES:
        raise ReviewRefused(f"{path}: the reviewer's role must be one of {', '.join(sheet.ROLES)}, not {role!r}")
    reviewer = Reviewer(_text(given["name"]), office, role, _date(given["date"], f"{path}: the reviewer's date"))
    rows_sheet = book[sheet.ROWS]
    header = [_text(c) for c in next(rows_sheet.iter_rows(min_row=1, max_row=1, values_only=True))]
    if header != [c.header for c in sheet.COLUMNS]:
        raise ReviewRefused(f"{path}: the columns of {sheet.ROWS!r} were changed")
    rows = []
    for number, values in enumerate(rows_sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(v is None for v in values):
            continue
        rows.append((number, dict(zip(header, values))))
    return office, reviewer, rows


def plan(root: Path, kb: KnowledgeBase, path: Path, today: dt.date) -> Plan:
    """What importing the workbook at PATH would change; ReviewRefused when it cannot be imported."""
    office, reviewer, rows = read(path)
    if reviewer.date > today:
        raise ReviewRefused(f"{path}: the reviewer's date {reviewer.date.isoformat()} is after today ({today.isoformat()})")
    if office not in kb.offices:
        raise ReviewRefused(f"{path}: office {office!r} is not in the knowledge base")
    if not kb.offices[office].authorises(reviewer.name, reviewer.role):
        raise ReviewRefused(f"{path}: {reviewer.name} is not listed with role {reviewer.role} under reviewers in "
                            f"practices/{office}/office.yaml; the office's maintainers add the name there first")
    result = Plan(office, reviewer)
    yaml = _yaml()
    prefix = f"practices/{office}/"
    seen: dict[str, int] = {}
    for number, row in rows:
        where = f"{path}: {sheet.ROWS} row {number}"
        rel = _text(row["File"])
        folder = sheet.CASES if sheet.is_case(rel) else prefix
        name = rel[len(folder):] if rel.startswith(folder) else ""
        if not name.endswith(".yaml") or "/" in name or name == "office.yaml" or ".." in name:
            raise ReviewRefused(f"{where}: {rel!r} is not an entry or a case analysis of {office}")
        if rel in seen:
            raise ReviewRefused(f"{where}: it repeats the file of row {seen[rel]}")
        seen[rel] = number
        verdict = _text(row["Verdict"]).lower()
        file = root / rel
        if file.is_symlink() or not file.is_file():
            result.conflicts.append(f"{rel} (row {number}): the file no longer exists")
            continue
        old = file.read_text(encoding="utf-8", errors="replace")
        try:
            whole = yaml.load(old)
        except Exception:  # noqa: BLE001 - ruamel raises many kinds; cop check says what is wrong with the file
            result.conflicts.append(f"{rel} (row {number}): cannot be read now (run cop check); not touched")
            continue
        if not isinstance(whole, dict):
            result.conflicts.append(f"{rel} (row {number}): not an entry now (run cop check); not touched")
            continue
        # The row's data: the entry, or the office's analysis within the case
        data = sheet.analysis_of(whole, office) if sheet.is_case(rel) else whole
        if data is None:
            result.conflicts.append(f"{rel} (row {number}): no analysis of {office} any more; not touched")
            continue
        current = _plain(data)
        if sheet.fingerprint(current) != _text(row["Fingerprint"]):
            if verdict:
                result.conflicts.append(f"{rel} (row {number}): changed since the export; not touched")
            continue
        expected = sheet.shown(kb, rel, current)
        changed = [h for h in sheet.SHOWN if _text(row[h]) != expected[h].strip()]
        if changed:
            raise ReviewRefused(f"{where}: locked cells were changed ({', '.join(changed)}); export the workbook again")
        if not verdict:
            continue
        if verdict not in sheet.VERDICTS:
            raise ReviewRefused(f"{where}: verdict {verdict!r} is not one of {', '.join(sheet.VERDICTS)}")
        comment = _text(row["Comment"])
        if verdict == "confirm":
            _confirm(data, reviewer, comment)
            result.confirmed.append(rel)
        elif verdict == "correct":
            _correct(data, rel, kb, reviewer, row, comment, where)
            result.corrected.append(rel)
        else:
            _history(data, reviewer.date, f"Reviewed by {reviewer.said()}, who could not say" + (f": {comment}" if comment else "."))
            result.cannot_say.append(rel)
        out = io.StringIO()
        yaml.dump(whole, out)
        result.texts[rel] = (old, out.getvalue())
    return result


def _plain(data):
    """ruamel's round-trip data as the plain values the reader gives (dates as text)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()[:10]
    if isinstance(data, bool) or data is None or isinstance(data, (int, float)):
        return data
    return str(data)


def _history(data, date: dt.date, change: str) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    line = CommentedMap([("date", date), ("change", change)])
    if data.get("history") is None:
        data["history"] = CommentedSeq()
    data["history"].append(line)


def _confirm(data, reviewer: Reviewer, comment: str) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    status = next(s for s, role in ROLE_OF_STATUS.items() if role == reviewer.role)
    data["status"] = status
    data["last_reviewed"] = reviewer.date
    if data.get("reviewers") is None:
        data["reviewers"] = CommentedSeq()
    listed = data["reviewers"]
    added = CommentedMap([("name", reviewer.name), ("office", reviewer.office), ("role", reviewer.role),
                          ("date", reviewer.date)])
    if listed and getattr(listed[-1], "fa", None) is not None and listed[-1].fa.flow_style():
        added.fa.set_flow_style()  # written as the reviewers before it are
    listed.append(added)
    word = "Confirmed" if status == "reviewed" else "Endorsed"
    _history(data, reviewer.date, f"{word} by {reviewer.said()}" + (f": {comment}" if comment else "."))


def _correct(data, rel: str, kb: KnowledgeBase, reviewer: Reviewer, row: dict, comment: str, where: str) -> None:
    what = []
    position = _text(row["Corrected position"])
    key = sheet.field_of_position(rel)
    if position and position != str(data.get(key)):
        allowed = sheet.allowed(kb, rel, _plain(data))
        if position not in allowed:
            whose = "a case analysis" if sheet.is_case(rel) else "the topic"
            raise ReviewRefused(f"{where}: corrected {key} {position!r} is not one {whose} allows ({', '.join(allowed) or 'none'})")
        what.append(f"{key} {data.get(key)} -> {position}")
        data[key] = position
    summary = " ".join(_text(row["Corrected summary"]).split())
    if summary and summary != str(data.get("summary")):
        if len(summary) > 200:
            raise ReviewRefused(f"{where}: the corrected summary is {len(summary)} characters; the limit is 200")
        what.append("summary")
        data["summary"] = summary
    pinpoints = _text(row["Corrected pinpoints"]).splitlines()
    citations = data.get("citations") or []
    if any(p.strip() for p in pinpoints):
        if len(pinpoints) > len(citations):
            raise ReviewRefused(f"{where}: {len(pinpoints)} corrected pinpoints for {len(citations)} citations")
        for i, pinpoint in enumerate(pinpoints):
            if pinpoint.strip() and pinpoint.strip() != str(citations[i].get("pinpoint")):
                what.append(f"pinpoint {i + 1} {citations[i].get('pinpoint')} -> {pinpoint.strip()}")
                citations[i]["pinpoint"] = pinpoint.strip()
                for key in ("verified_against", "checked_in"):  # checked against the old pinpoint only
                    citations[i].pop(key, None)
    if not what and not comment:
        raise ReviewRefused(f"{where}: verdict 'correct' with nothing corrected and no comment")
    data["status"] = "draft"
    unchecked = (f"Corrected in review by {reviewer.said()} on {reviewer.date.isoformat()}"
                 f" ({'; '.join(what) or 'see the comment in the history'}); not yet checked against the cited text.")
    note = _text(data.get("note"))
    data["note"] = f"{unchecked} {note}" if note else unchecked
    said = f"Corrected by {reviewer.said()}: {'; '.join(what) or 'nothing changed'}" + (f". Comment: {comment}" if comment else ".")
    _history(data, reviewer.date, said)
