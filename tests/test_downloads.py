"""The downloads open well where people open them, and read back to the entries they came from.

The CSV reads back in Excel on Windows (byte-order mark) with Thai and Vietnamese text intact; the
workbook has widths, frozen headers, filters, the site's position colours and real dates; the JSON
says its shape. Every file is read back the way a reader would: csv with `utf-8-sig`, openpyxl,
json.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from conftest import GOOD, REPO, TODAY
from cop.load import load
from cop.views import downloads, vocabulary

DAY = dt.date.fromisoformat(TODAY)
THAI = "การประดิษฐ์ที่ใช้คอมพิวเตอร์ต้องมีลักษณะทางเทคนิค"
VIETNAMESE = "Sáng chế liên quan đến chương trình máy tính phải có tính kỹ thuật"
WORLDWIDE = f"{THAI} / {VIETNAMESE}"
OWN_URL = "https://iposinternational.com/guidelines/chapter-8"
FORMULA = '=HYPERLINK("https://evil.example/","Open")'


@pytest.fixture(scope="module")
def kb():
    return load(GOOD).kb


@pytest.fixture
def worldwide(project):
    """The fixture with SG's country given, Thai and Vietnamese in an entry's summary, and a citation
    with its own deep link before one that takes its source's URL."""
    project.edit("practices/SG/office.yaml", "short_name: IPOS\n", "short_name: IPOS\ncountry: Singapore\n")
    project.edit("practices/SG/program-claims.yaml",
                 "summary: Nothing specific is published; the general test for an invention applies.",
                 f'summary: "{WORLDWIDE}"')
    project.edit("practices/SG/program-claims.yaml", "citations:\n",
                 f"citations:\n  - source: sg-ipos-guidelines\n    pinpoint: Ch. 8\n    url: {OWN_URL}\n")
    assert project.problems() == []
    return load(project.root).kb


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def width(sheet, letter: str) -> float | None:
    """The width a column was given (xlsxwriter writes neighbours of one width as one range)."""
    index = column_index_from_string(letter)
    for dim in sheet.column_dimensions.values():
        if dim.min and dim.max and dim.min <= index <= dim.max and dim.customWidth:
            return dim.width
    return None


# The CSV

def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf8(kb):
    data = downloads.as_csv(kb)
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert data[3:].decode("utf-8").startswith("office,")


def test_the_csv_reads_back_with_utf8_sig_to_every_entry_with_thai_and_vietnamese_intact(worldwide):
    rows = csv_rows(downloads.as_csv(worldwide))
    assert list(rows[0]) == downloads.COLUMNS
    assert [(r["office"], r["topic"]) for r in rows] == sorted(worldwide.entries)
    row = next(r for r in rows if (r["office"], r["topic"]) == ("SG", "program-claims"))
    assert row["summary"] == WORLDWIDE
    assert THAI in row["summary"] and VIETNAMESE in row["summary"]


def test_the_csv_has_office_name_country_detail_and_each_citations_url_in_order(worldwide):
    rows = {(r["office"], r["topic"]): r for r in csv_rows(downloads.as_csv(worldwide))}
    ep = rows["EP", "eligibility-framework"]
    assert ep["office_name"] == "European Patent Office" and ep["country"] == ""
    assert ep["detail"] == worldwide.entries["EP", "eligibility-framework"].detail
    assert ep["detail"].startswith("Any technical means in the claim is enough")
    assert ep["source_urls"] == "https://www.epo.org/en/legal/guidelines-epc/2025/index.html"
    sg = rows["SG", "program-claims"]
    assert sg["office_name"] == "Intellectual Property Office of Singapore" and sg["country"] == "Singapore"
    assert sg["detail"] == ""
    # The citation's own URL first, then the Act's, which the citation takes from its source.
    assert sg["source_urls"].split(downloads.URL_SEPARATOR) == [OWN_URL, "https://sso.agc.gov.sg/Act/PA1994"]
    # Two citations of two sources: each source's URL, in the order cited.
    assert rows["SG", "eligibility-framework"]["source_urls"].split(downloads.URL_SEPARATOR) == [
        "https://iposinternational.com/guidelines/", "https://example.org/commentary"]
    # The columns it had before are still there.
    assert (ep["position"], ep["position_label"], ep["status"], ep["last_reviewed"], ep["file"]) == (
        "technical-character", "Technical character", "verified", "2026-05-01", "practices/EP/eligibility-framework.yaml")
    assert ep["citations"] == "ep-guidelines-2025 (2025): G-II, 1"


def test_a_formula_looking_detail_is_text_in_the_csv_and_a_string_in_the_workbook(project):
    project.edit("practices/EP/program-claims.yaml", "status: draft\n", f"status: draft\ndetail: '{FORMULA}'\n")
    kb = load(project.root).kb
    assert kb.entries["EP", "program-claims"].detail == FORMULA
    rows = {(r["office"], r["topic"]): r for r in csv_rows(downloads.as_csv(kb))}
    assert rows["EP", "program-claims"]["detail"] == "'" + FORMULA
    # No other cell of any row, new columns included, was touched.
    assert all(not value.startswith("'") for key, row in rows.items() for name, value in row.items()
               if (key, name) != (("EP", "program-claims"), "detail"))
    sheet = workbook(downloads.as_xlsx(kb, DAY))["Entries"]
    column = get_column_letter(downloads.COLUMNS.index("detail") + 1)
    cells = [sheet[f"{column}{r}"] for r in range(2, sheet.max_row + 1)]
    [cell] = [c for c in cells if c.value == FORMULA]
    assert cell.data_type == "s"


def test_every_csv_cell_passes_the_formula_guard(monkeypatch, kb):
    guarded = []
    monkeypatch.setattr(downloads, "csv_cell", lambda value: guarded.append(value) or value)
    downloads.as_csv(kb)
    assert len(guarded) == len(kb.entries) * len(downloads.COLUMNS)


# The workbook

def test_both_sheets_freeze_their_header_and_the_matrix_its_topic_column(kb):
    book = workbook(downloads.as_xlsx(kb, DAY))
    assert book.sheetnames == ["Matrix", "Entries"]
    assert book["Matrix"].freeze_panes == "B2"
    assert book["Entries"].freeze_panes == "A2"


def test_both_sheets_have_an_autofilter_over_all_their_data(kb):
    book = workbook(downloads.as_xlsx(kb, DAY))
    topics, offices = len(kb.topics), len(kb.offices)
    assert book["Matrix"].auto_filter.ref == f"A1:{get_column_letter(offices + 1)}{topics + 1}" == "A1:C3"
    entries = book["Entries"]
    assert entries.auto_filter.ref == f"A1:{get_column_letter(len(downloads.COLUMNS))}{len(kb.entries) + 1}"
    assert (entries.max_row, entries.max_column) == (len(kb.entries) + 1, len(downloads.COLUMNS))


def test_every_column_has_a_width_that_suits_its_content_within_the_cap(kb):
    book = workbook(downloads.as_xlsx(kb, DAY))
    for sheet in book:
        for c in range(1, sheet.max_column + 1):
            letter = get_column_letter(c)
            given = width(sheet, letter)
            assert given is not None, (sheet.title, letter)
            longest = max(len(line) for row in sheet.iter_rows(min_col=c, max_col=c) for cell in row
                          if isinstance(cell.value, str) for line in cell.value.splitlines() or [""])
            assert min(longest, downloads.MAX_WIDTH) <= given <= downloads.MAX_WIDTH + 3, (sheet.title, letter, given)
    matrix, entries = book["Matrix"], book["Entries"]
    assert width(matrix, "A") >= len("Eligibility framework")
    assert width(entries, "A") < width(entries, "B")  # an office code is narrower than its name
    summary = get_column_letter(downloads.COLUMNS.index("summary") + 1)
    assert downloads.MAX_WIDTH <= width(entries, summary) <= downloads.MAX_WIDTH + 1  # capped


def test_a_wide_script_is_measured_by_what_it_shows():
    assert downloads.text_width("abc") == 3
    assert downloads.text_width("ที่") == 1  # a consonant with a vowel and a tone mark above it
    assert downloads.text_width("e\u0301") == 1  # e with a combining acute accent
    assert downloads.text_width("特許") == 4
    assert downloads.text_width("short\nthe longest line") == len("the longest line")


def test_a_matrix_cell_is_filled_with_its_positions_colour_and_keeps_its_label(kb):
    matrix = workbook(downloads.as_xlsx(kb, DAY))["Matrix"]
    # EP, eligibility framework: technical character, blue in the fixture's topics.
    expected = {"B2": ("Technical character", "blue"), "C2": ("Actual contribution", "orange"),
                "B3": ("Yes", "green"), "C3": ("No guidance", "grey")}
    for ref, (label, colour) in expected.items():
        cell = matrix[ref]
        assert cell.value == label and cell.data_type == "s"
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.upper().endswith(vocabulary.POSITION_COLOURS[colour].lstrip("#").upper()), ref
        assert cell.font.b and cell.font.color.rgb.upper().endswith("FFFFFF")
    assert matrix["A2"].value == "Eligibility framework" and matrix["B1"].value == "EP"


def test_the_position_colours_are_the_sites(kb):
    css = (REPO / "docs" / "assets" / "cop.css").read_text(encoding="utf-8")
    site = {name: hex_value.lower() for name, hex_value in re.findall(r"\.cop-(\w+)\s*\{\s*--cop:\s*(#[0-9a-fA-F]{6})\s*;", css)}
    assert site == vocabulary.POSITION_COLOURS
    schema = json.loads((REPO / "scripts" / "cop" / "schemas" / "topics.schema.json").read_text(encoding="utf-8"))
    allowed = set(re.findall(r'"colour": \{"enum": \[([^]]*)\]', json.dumps(schema))[0].replace('"', "").split(", "))
    assert allowed == set(vocabulary.POSITION_COLOURS)


def test_the_review_date_is_a_real_date_and_every_other_cell_is_text(worldwide):
    sheet = workbook(downloads.as_xlsx(worldwide, DAY))["Entries"]
    assert [c.value for c in sheet[1]] == downloads.COLUMNS
    reviewed = downloads.COLUMNS.index("last_reviewed")
    for line in sheet.iter_rows(min_row=2):
        date = line[reviewed]
        assert date.is_date and isinstance(date.value, (dt.datetime, dt.date))
        day = date.value.date() if isinstance(date.value, dt.datetime) else date.value
        assert day == dt.date(2026, 5, 1)
        assert date.number_format == downloads.DATE_FORMAT
        assert all(c.data_type == "s" for i, c in enumerate(line) if i != reviewed and c.value is not None)
    rows = {(r[0].value, r[3].value): [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    sg = dict(zip(downloads.COLUMNS, rows["SG", "program-claims"]))
    assert sg["summary"] == WORLDWIDE and sg["country"] == "Singapore"
    assert sg["office_name"] == "Intellectual Property Office of Singapore"
    assert sg["source_urls"] == downloads.URL_SEPARATOR.join([OWN_URL, "https://sso.agc.gov.sg/Act/PA1994"])


# The JSON

def test_the_json_states_its_schema_version_and_each_offices_country(worldwide):
    data = json.loads(downloads.as_json(worldwide, DAY, "2026.06"))
    assert data["schema_version"] == downloads.ENTRIES_JSON_SCHEMA_VERSION == 1
    assert type(data["schema_version"]) is int
    assert (data["generated"], data["data_version"]) == (TODAY, "2026.06")
    assert {o["code"]: o["country"] for o in data["offices"]} == {"EP": None, "SG": "Singapore"}
    [entry] = [e for e in data["entries"] if (e["office"], e["topic"]) == ("SG", "program-claims")]
    assert entry["summary"] == WORLDWIDE
    assert [c["url"] for c in entry["citations"]] == [OWN_URL, "https://sso.agc.gov.sg/Act/PA1994"]


# All three

def test_the_same_data_gives_the_same_bytes(worldwide, project):
    first = downloads.build(worldwide, DAY, "2026.06")
    again = downloads.build(load(project.root).kb, DAY, "2026.06")
    assert list(first) == list(downloads.FILES)
    assert first == again
    # The workbook is dated by the build, not the clock.
    assert workbook(first["cii-matrix.xlsx"]).properties.created == dt.datetime(2026, 6, 1)
