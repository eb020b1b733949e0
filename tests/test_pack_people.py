"""`cop pack --participants`: certificates of attendance and the attendance sheet for the facilitators,
nothing of the list for the participants, and every script of the region printed in fonts that have it.

The text of the PDFs is read back with pypdf. For the names that is exact in every script here: each
name is compared whole, after NFC normalisation. For running text in Khmer and Myanmar it cannot be:
a PDF maps each glyph to one text (its ToUnicode map), and a glyph the shaper uses in two different
clusters (Khmer's subscript consonants, Myanmar's medials) reads back everywhere as the cluster it was
first seen in. pdftotext reads the same map and does no better, so there the test checks that every
character is drawn, in a Noto font, instead of the whole string.
"""

from __future__ import annotations

import collections
import html
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import copy_fixture

EPOCH = "1780272000"
# name, office, email: a name in each script of the region. The first is written decomposed (NFD), as
# some systems export it; it must print, and read back, composed.
PEOPLE = [
    (unicodedata.normalize("NFD", "Nguyễn Thị Hương"), "SG", "huong@example.org"),
    ("สมชาย ใจดี", "EP", ""),
    ("សុខ ចាន់ដារ៉ា", "", ""),
    ("ສົມພອນ ແກ້ວມະນີ", "sg", ""),
    ("အောင်ကျော်မင်း", "", "aung@example.org"),
    ("王小明", "", ""),
    ("山田太郎", "EP", ""),
    ("김민준", "", ""),
    ('Maria "Mia" Santos, Jr.', "SG", ""),
]
OFFICES = {"SG": "Intellectual Property Office of Singapore", "EP": "European Patent Office"}
# The workshop's objectives carry a text in each script: the handout must draw every character.
SCRIPTS = {
    "Vietnamese": "Tiếng Việt: Sở hữu trí tuệ và sáng chế",
    "Thai": "ทรัพย์สินทางปัญญา",
    "Khmer": "កម្មសិទ្ធិបញ្ញា",
    "Lao": "ຊັບສິນທາງປັນຍາ",
    "Myanmar": "ဉာဏပစ္စည်း မူပိုင်ခွင့်",
    "Chinese": "知识产权与专利审查",
    "Japanese": "知的財産権と特許のしんさ",
    "Korean": "지식재산권과 특허 심사",
}
# See the module's docstring.
READ_BACK_BY_CHARACTER = {"Khmer", "Myanmar"}


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def csv_text(rows) -> str:
    def field(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value

    return "name,office,email\r\n" + "".join(",".join(field(v) for v in row) + "\r\n" for row in rows)


def workshop_with_scripts(project) -> None:
    objectives = "".join(f'  - "{text}"\n' for text in SCRIPTS.values())
    project.edit("workshops/demo/workshop.yaml", "objectives: [Compare eligibility tests]\n",
                 f"objectives:\n  - Compare eligibility tests\n{objectives}"
                 "dates: {start: 2026-06-02, end: 2026-06-03}\nvenue: Hà Nội\n"
                 "facilitators: [A. Trainer, Trần Văn Bình]\n")


def export(project, out, people_csv, *args):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "cop.cli", "pack", "demo", "--out", str(out),
                           "--participants", str(people_csv), *args],
                          cwd=project.root, capture_output=True, text=True, env=env, timeout=600)


def unpack(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def page_texts(data: bytes) -> list[str]:
    return [nfc(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def flat(value: str) -> str:
    return " ".join(value.split())


def printed(name: str, text: str) -> bool:
    """Whether NAME is in a PDF's TEXT. Spaces are left out of the comparison: a reader guesses them
    from the glyphs' positions, and reads a kerned "Jr." as "Jr ."."""
    return "".join(nfc(name).split()) in "".join(text.split())


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    base = tmp_path_factory.mktemp("people")
    project = copy_fixture(base / "kb")
    workshop_with_scripts(project)
    people_csv = base / "people.csv"  # outside the project, as a trainer keeps it
    people_csv.write_bytes(b"\xef\xbb\xbf" + csv_text(PEOPLE).encode("utf-8"))  # Excel's "CSV UTF-8"
    out = base / "out"
    result = export(project, out, people_csv)
    assert result.returncode == 0, result.stderr
    return project, people_csv, out


def test_the_facilitator_zip_holds_a_certificate_page_for_each_person_with_the_workshops_facts(packs):
    _, _, out = packs
    facilitator = unpack(out / "demo-facilitator.zip")
    pages = page_texts(facilitator["certificates.pdf"])
    assert len(pages) == len(PEOPLE)
    for (name, office, _), text in zip(PEOPLE, pages):
        assert printed(name, text), (name, text)
        for fact in ("Certificate of attendance", "A demonstration workshop", "2\u20133 June 2026", "Hà Nội",
                     "1 hour 15 minutes", "Compare eligibility tests", "A. Trainer", "Trần Văn Bình"):
            assert fact in flat(text), (fact, text)
        own = OFFICES.get(office.upper())
        assert [name for name in OFFICES.values() if name in flat(text)] == ([own] if own else [])


def test_the_attendance_sheet_lists_everyone_for_each_day_with_the_title_on_every_page(packs):
    _, _, out = packs
    pages = page_texts(unpack(out / "demo-facilitator.zip")["attendance-sheet.pdf"])
    whole = "\n".join(pages)
    for day in ("Day 1 of 2: Tuesday 2 June 2026", "Day 2 of 2: Wednesday 3 June 2026"):
        assert day in whole
        [day_text] = [text for text in pages if day in text]  # each day on a page of its own
        for name, _, _ in PEOPLE:
            assert printed(name, day_text), name
        assert "Signature" in day_text
    assert all("A demonstration workshop" in text for text in pages)
    # An email is no one else's business: the sheet goes round the room.
    assert "example.org" not in whole


def test_no_file_of_the_participant_zip_holds_the_list_or_any_name_in_it(packs):
    _, people_csv, out = packs
    from test_pack import _readable_text

    participant = unpack(out / "demo-participant.zip")
    assert "certificates.pdf" not in participant and "attendance-sheet.pdf" not in participant
    assert {"site/search/search_index.json", "site/search/search_index.js"} & set(participant)
    csv_bytes = people_csv.read_bytes()
    wanted = []
    for name, _, email in PEOPLE:
        for form in {nfc(name), unicodedata.normalize("NFD", name)}:
            # As bytes, in HTML, and as JSON writes it (escaped or not) in the search index.
            wanted += [form, html.escape(form), json.dumps(form)[1:-1], json.dumps(form, ensure_ascii=False)[1:-1]]
        wanted += [email] if email else []
    needles = {w.encode("utf-8") for w in wanted}
    for path, data in participant.items():
        assert csv_bytes not in data and not path.endswith(people_csv.name), path
        for needle in needles:
            assert needle not in data, f"{path} holds {needle!r}"
        readable = nfc(_readable_text(path, data))
        for name, _, _ in PEOPLE:
            assert flat(nfc(name)) not in readable, f"{path} shows {name!r}"


def test_the_list_itself_enters_no_zip_and_the_facilitators_site_holds_no_name(packs):
    _, people_csv, out = packs
    facilitator = unpack(out / "demo-facilitator.zip")
    manifest = json.loads(facilitator["manifest.json"])
    listed = {f["path"] for f in manifest["files"]}
    assert {"certificates.pdf", "attendance-sheet.pdf"} <= listed
    assert not any(name.endswith(people_csv.name) for name in facilitator)
    for path, data in facilitator.items():
        assert people_csv.read_bytes() not in data
        if path not in ("certificates.pdf", "attendance-sheet.pdf"):
            for name, _, email in PEOPLE:
                assert nfc(name).encode() not in data and (not email or email.encode() not in data), path


def test_two_packs_with_the_same_list_are_byte_identical(packs):
    project, people_csv, out = packs
    again = out.parent / "again"
    result = export(project, again, people_csv)
    assert result.returncode == 0, result.stderr
    for name in ("demo-participant.zip", "demo-facilitator.zip"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_a_participant_pack_alone_reads_the_list_and_prints_no_certificate(packs, tmp_path):
    from cop.packs import pack
    from cop.packs.people import ParticipantsError

    project, people_csv, _ = packs
    seen = []
    [archive] = pack.make(project.root, "demo", ("participant",), tmp_path, seen.append, epoch=int(EPOCH),
                          participants=people_csv)
    assert "certificates.pdf" not in unpack(archive) and len(seen) == 5
    bad = tmp_path / "bad.csv"
    bad.write_text("name,office\nAna,XX\n", encoding="utf-8")
    with pytest.raises(ParticipantsError, match="participants: no office 'XX'"):
        pack.make(project.root, "demo", ("participant",), tmp_path / "none", seen.append, participants=bad)
    assert not (tmp_path / "none").exists()


# The fonts of the region.

def glyphs(data: bytes) -> list[tuple[str, str]]:
    """(text, font name) of every glyph drawn in the PDF, as pdfplumber reads them."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(char["text"], char["fontname"]) for page in pdf.pages for char in page.chars]


def embedded_fonts(data: bytes) -> set[str]:
    """The /BaseFont of every font the PDF's pages (and their form XObjects) use."""
    found: set[str] = set()

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in PdfReader(io.BytesIO(data)).pages:
        visit(page.get("/Resources"))
    return found


def drawn_glyph_ids(data: bytes) -> dict[str, set[int]]:
    """Font name -> the glyph ids the page content streams show in it (WeasyPrint's fonts are
    Identity-H: two bytes a glyph, the glyph id itself)."""
    from pypdf.generic import ByteStringObject, ContentStream, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    shown: dict[str, set[int]] = collections.defaultdict(set)
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(fonts[operands[0]].get_object()["/BaseFont"])
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for value in strings:
                    if isinstance(value, (ByteStringObject, TextStringObject)):  # not a number of a TJ array
                        raw = value.original_bytes
                        shown[current] |= {int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)}
    return shown


def test_the_handout_draws_every_script_of_the_region_in_a_noto_font(packs):
    _, _, out = packs
    handout = unpack(out / "demo-participant.zip")["handout.pdf"]
    drawn = glyphs(handout)
    fonts_of: dict[str, set[str]] = collections.defaultdict(set)
    for text, font in drawn:
        for char in nfc(text):
            fonts_of[char].add(font)
    latin = {char for char in "".join(SCRIPTS.values()) if char.isascii()}
    for script, value in SCRIPTS.items():
        for char in nfc(value):
            if char.isspace() or char in latin:
                continue
            # Every glyph that reads back as this character, anywhere in the handout, is a Noto font's.
            assert fonts_of[char], f"{script}: {char!r} (U+{ord(char):04X}) is not drawn"
            assert all("Noto" in font for font in fonts_of[char]), (script, char, fonts_of[char])
    # Latin letters are drawn elsewhere in other fonts too (the diagrams are drawn in DejaVu Sans):
    # the Vietnamese line's own glyphs are found where pdfplumber reads the line.
    import pdfplumber

    with pdfplumber.open(io.BytesIO(handout)) as pdf:
        matches = [m for page in pdf.pages for m in page.search(SCRIPTS["Vietnamese"], regex=False)]
    assert matches
    for match in matches:
        assert all("Noto" in char["fontname"] for char in match["chars"] if not char["text"].isspace())
    # And the text reads back: whole, where the PDF's glyph-to-text map allows it (the docstring).
    text = nfc(" ".join(page_texts(handout)))
    for script, value in SCRIPTS.items():
        if script not in READ_BACK_BY_CHARACTER:
            assert nfc(value) in text, script
        else:
            assert set(nfc(value)) - {" "} <= set(text), script


def test_the_handout_embeds_the_noto_fonts_of_each_script_and_draws_no_missing_glyph(packs):
    _, _, out = packs
    handout = unpack(out / "demo-participant.zip")["handout.pdf"]
    names = {re.sub(r"^/?[A-Z]{6}\+", "", name).replace("-", "") for name in embedded_fonts(handout)}
    for family in ("NotoSansThai", "NotoSansKhmer", "NotoSansLao", "NotoSansMyanmar"):
        assert any(name.startswith(family) for name in names), (family, names)
    assert any(name.startswith("NotoSansCJK") for name in names), names
    # Glyph 0 is a font's "missing glyph" box: no font draws it.
    for font, ids in drawn_glyph_ids(handout).items():
        assert 0 not in ids, font


# A wrong list: reported as the checker reports, exit 1, nothing written.

BAD_LISTS = {
    "missing": (None, "1:1", "cannot read the participants' list"),
    "no name column": ("email,office\nana@example.org,EP\n", "1:1", "no 'name' column"),
    "empty name": ("name,office\nAna,EP\n  ,SG\n", "3:1", "empty name"),
    "duplicate": ("name,office\nAna Lim,EP\nBen,\n ana  lim ,ep\n", "4:1",
                  "'ana lim' is listed twice (first on line 2)"),
    "not UTF-8": (b"name\nAna\nJos\xe9\n", "3:4", "byte 0xE9 is not UTF-8"),
    "unknown office": ("name,office\nAna,SGG\n", "2:5", "no office 'SGG' in practices/ (hint: did you mean 'SG'?)"),
    "unclosed quote": ('name,office\n"Ana,EP\n', "2:1", "this quote is never closed"),
}


@pytest.mark.parametrize("case", sorted(BAD_LISTS))
def test_a_wrong_list_is_reported_at_its_line_and_column_and_nothing_is_written(case, project, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cop import cli

    content, where, message = BAD_LISTS[case]
    monkeypatch.chdir(tmp_path)
    if content is not None:
        Path("people.csv").write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["pack", "demo", "--out", str(out), "--participants", "people.csv",
                                           "--root", str(project.root)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"people.csv:{where}: participants: {message}"), result.stderr
    assert re.fullmatch(r"(people\.csv:\d+:\d+: participants: [^\n]+\n)+", result.stderr), result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_every_problem_of_the_rows_is_reported_at_once_in_order(project, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cop import cli

    monkeypatch.chdir(tmp_path)
    Path("people.csv").write_text("name,office,email\n,EP,\nBen,XX,\nCho,SG,not-an-address\nDee,EP,\n",
                                  encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["pack", "demo", "--out", "out", "--participants", "people.csv",
                                           "--root", str(project.root)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "people.csv:2:1: participants: empty name (hint: every row names one participant)",
        "people.csv:3:5: participants: no office 'XX' in practices/ (hint: the offices are EP, SG)",
        "people.csv:4:8: participants: 'not-an-address' is not an email address "
        "(hint: leave the email empty when there is none)",
    ]


# The reader itself, without a pack.

@pytest.fixture(scope="module")
def kb():
    from conftest import GOOD
    from cop.load import load

    return load(GOOD).kb


def read(kb, tmp_path, content: str | bytes, **kwargs):
    from cop.packs import people

    path = tmp_path / "people.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return people.read(path, kb, shown="people.csv", **kwargs)


def problems(kb, tmp_path, content, **kwargs) -> list[str]:
    from cop.packs.people import ParticipantsError

    with pytest.raises(ParticipantsError) as caught:
        read(kb, tmp_path, content, **kwargs)
    return str(caught.value).splitlines()


def test_quoted_fields_blank_rows_and_any_case_read_as_a_spreadsheet_writes_them(kb, tmp_path):
    people = read(kb, tmp_path, '\ufeffName , Office\r\n"Lim, Ana",ep\r\n,\r\n\r\n"Ben ""B"" Tan",\r\n'
                                '"Cho\u00a0 Mei",SG')
    assert [(p.name, p.office, p.email, p.line) for p in people] == [
        ("Lim, Ana", "EP", None, 2), ('Ben "B" Tan', None, None, 5), ("Cho Mei", "SG", None, 6)]


def test_the_reader_points_at_the_field_at_fault(kb, tmp_path):
    assert problems(kb, tmp_path, 'name,office\n"Ana" Lim,EP\n') == [
        "people.csv:2:6: participants: text after a field's closing quote "
        "(hint: put the whole field in quotes and write a quote inside it twice)"]
    assert problems(kb, tmp_path, "name,office\nAna,EP,extra\n") == [
        "people.csv:2:8: participants: this row has 3 fields; the first row names 2 columns "
        "(hint: put a field holding a comma in double quotes)"]
    assert problems(kb, tmp_path, 'name,office\n"Ana\nLim",EP\nBen,XX\n')[0].startswith(
        "people.csv:2:1: participants: a name must be on one line")
    assert problems(kb, tmp_path, 'name,office\n"multi\nline",SG\nBen,XX\n')[1].startswith(
        "people.csv:4:5: participants: no office 'XX'")
    assert problems(kb, tmp_path, "name;office\nAna;EP\n") == [
        "people.csv:1:1: participants: no 'name' column (hint: the first row names the columns: name, and "
        "optionally office and email)",
        "people.csv:1:1: participants: unknown column 'name;office' (hint: separate the columns with commas)"]
    assert problems(kb, tmp_path, "nmae\nAna\n")[1] == (
        "people.csv:1:1: participants: unknown column 'nmae' (hint: did you mean 'name'?)")
    assert problems(kb, tmp_path, "name,email\nAna,a@example.org\nBen,A@Example.org\n") == [
        "people.csv:3:5: participants: the email 'A@Example.org' is listed twice (first on line 2)"]
    assert problems(kb, tmp_path, "name\n") == [
        "people.csv:1:1: participants: the list has no participants: only its header row"]
    assert problems(kb, tmp_path, "") == [
        "people.csv:1:1: participants: the first row must name the columns: name, and optionally office and email"]
    assert problems(kb, tmp_path, "name\n" + "A" * 201 + "\n") == [
        "people.csv:2:1: participants: a name of 201 characters; at most 200 fit"]
    assert problems(kb, tmp_path, "name\nAna\n".encode("utf-16")) == [
        'people.csv:1:1: participants: the file is in UTF-16, not UTF-8 (hint: save it as "CSV UTF-8 (comma '
        'delimited)")']


def test_a_list_inside_the_published_docs_folder_is_refused(kb, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "people.csv").write_text("name\nAna\n", encoding="utf-8")
    from cop.packs import people

    with pytest.raises(people.ParticipantsError, match="which the site publishes"):
        people.read(docs / "people.csv", kb, published=docs)


def test_the_certificate_states_the_hours_of_the_sessions_that_are_not_breaks():
    from cop.packs.people import duration

    assert [duration(m) for m in (45, 60, 75, 121, 390)] == [
        "45 minutes", "1 hour", "1 hour 15 minutes", "2 hours 1 minute", "6 hours 30 minutes"]


def test_the_hours_are_those_of_the_sessions_that_are_not_breaks(kb):
    import dataclasses

    from cop.packs.people import contact_minutes

    workshop = kb.workshops["demo"]
    pause = dataclasses.replace(workshop.sessions[0], title="Coffee", minutes=30, kind="break")
    assert contact_minutes(workshop) == 75
    assert contact_minutes(dataclasses.replace(workshop, sessions=[*workshop.sessions, pause])) == 75


def test_the_first_pages_of_every_pdf_of_both_zips_render_with_ink_on_them(packs, tmp_path):
    """Poppler's renderer draws each PDF's first two pages: a page that renders blank, or as one block
    of colour, is a page that would print wrong."""
    import shutil

    from PIL import Image

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: run .ci/system-packages.sh (Debian package poppler-utils)"
    _, _, out = packs
    rendered = 0
    for audience in ("participant", "facilitator"):
        for name, data in unpack(out / f"demo-{audience}.zip").items():
            if not name.endswith(".pdf") or name.startswith("site/"):
                continue
            source = tmp_path / f"{audience}-{name}"
            source.write_bytes(data)
            subprocess.run([pdftoppm, "-f", "1", "-l", "2", "-r", "40", "-png", str(source), str(source.with_suffix(""))],
                           check=True, timeout=120)
            for image in sorted(tmp_path.glob(f"{source.stem}-*.png")):
                grey = Image.open(image).convert("L")
                inked = sum(grey.histogram()[:200]) / (grey.width * grey.height)
                assert 0.002 < inked < 0.6, f"{image.name}: {inked:.3f} of the page inked"
                rendered += 1
    # The handout twice, the guide, the certificates and the attendance sheet, two pages each at most.
    assert rendered >= 5 * 2 - 1
