"""`cop pack`: the zips a trainer takes into a room, unpacked and read."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import copy_fixture

EPOCH = "1780272000"
SESSIONS = ["Opening", "Case exercise"]
ANSWERS = ["A technical purpose (fault detection in a machine) gives the model technical character.",
           "The actual contribution is a fault-detection technique.",
           "Both offices find the claim eligible; the model serves a technical purpose."]
NOTES = ["Start on time."]


def export(project, out, *args):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "cop.cli", "pack", "demo", "--out", str(out), *args],
                          cwd=project.root, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    project = copy_fixture(tmp_path_factory.mktemp("pack") / "kb")
    out = project.root.parent / "out"
    result = export(project, out)
    assert result.returncode == 0, result.stderr
    return project, out, result


def unpack(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_text(data: bytes) -> str:
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)
    # pypdf reads a gap before a full stop or comma from the Noto fonts' spacing: not a word of the text.
    return re.sub(r" (?=[.,;:)])", "", text)


def test_one_zip_per_audience_with_the_expected_files(packs):
    _, out, result = packs
    participant, facilitator = unpack(out / "demo-participant.zip"), unpack(out / "demo-facilitator.zip")
    assert {"handout.pdf", "slides.pptx", "manifest.json", "site/index.html", "site/compare/index.html",
            "site/search/search_index.js"} <= set(participant)
    assert "facilitator-guide.pdf" not in participant and "facilitator-slides.pptx" not in participant
    # The data releases' frozen copies hold the exercises' analyses: only facilitators get them.
    assert set(facilitator) - set(participant) == {"facilitator-guide.pdf", "facilitator-slides.pptx",
                                                   "site/api/v1/releases/2026.05.json"}
    assert result.stderr == ""  # no progress lines when not on a terminal


def test_the_handout_holds_every_session_and_no_answer_or_note(packs):
    _, out, _ = packs
    text = pdf_text(unpack(out / "demo-participant.zip")["handout.pdf"])
    for title in SESSIONS:
        assert title in text
    assert "Anomaly detection with a trained model" in text  # the exercise, without its answers
    assert "Appendix: the offices' practice, topic by topic" in text and "Page 1 of" in text
    for secret in ANSWERS + NOTES:
        assert " ".join(secret.split()) not in text


def test_the_facilitator_guide_holds_the_answer_keys_and_notes(packs):
    _, out, _ = packs
    text = pdf_text(unpack(out / "demo-facilitator.zip")["facilitator-guide.pdf"])
    for expected in ANSWERS + NOTES + ["Timing plan", "Answer keys", "Technical character"]:
        assert " ".join(expected.split()) in text


def test_the_decks_open_with_the_expected_slide_titles(packs):
    from cop.packs.slides import titles

    _, out, _ = packs
    participant = Presentation(io.BytesIO(unpack(out / "demo-participant.zip")["slides.pptx"]))
    assert titles(participant) == ["A demonstration workshop", "Agenda", "Opening", "Positions of the offices",
                                   "Is it an invention, and which features count (EP)", "Case exercise",
                                   "Exercise: Anomaly detection with a trained model", "Questions"]
    facilitator = Presentation(io.BytesIO(unpack(out / "demo-facilitator.zip")["facilitator-slides.pptx"]))
    assert titles(facilitator)[-1] == "Answers: Anomaly detection with a trained model"


def test_libreoffice_renders_one_page_per_slide(packs, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run .ci/system-packages.sh (Debian package libreoffice-impress-nogui)"
    _, out, _ = packs
    for name, zip_name in (("slides.pptx", "demo-participant.zip"), ("facilitator-slides.pptx", "demo-facilitator.zip")):
        deck = tmp_path / name
        deck.write_bytes(unpack(out / zip_name)[name])
        profile = tmp_path / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True, timeout=300)
        pages = len(PdfReader(str(deck.with_suffix(".pdf"))).pages)
        assert pages == len(Presentation(str(deck)).slides)


def test_the_manifest_lists_every_file_with_its_checksum_and_the_source(packs):
    _, out, _ = packs
    files = unpack(out / "demo-facilitator.zip")
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["workshop"] == "demo" and manifest["audience"] == "facilitator"
    assert manifest["source_revision"]
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_two_exports_of_the_same_input_are_byte_identical(packs):
    project, out, _ = packs
    again = out.parent / "again"
    assert export(project, again).returncode == 0
    for name in ("demo-participant.zip", "demo-facilitator.zip"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_the_parts_made_on_two_cores_make_the_same_zips_as_made_on_one(packs, tmp_path, monkeypatch):
    """The handout, decks and offline sites are shared between this process and a forked one
    (cop.parallel, longest first); the zips may not depend on which process made what."""
    from cop import parallel
    from cop.packs import pack

    project, _, _ = packs
    from cop.packs import documents

    makers = tmp_path / "makers"
    makers.mkdir()

    def noting_its_process(make):
        def noted(*args, **kwargs):
            (makers / str(os.getpid())).touch()  # a file: a forked child's memory is gone with it
            return make(*args, **kwargs)
        return noted

    monkeypatch.setattr(pack, "offline_site", noting_its_process(pack.offline_site))
    monkeypatch.setattr(documents, "pdf_bytes", noting_its_process(documents.pdf_bytes))
    shared = pack.make(project.root, "demo", pack.AUDIENCES, tmp_path / "shared", lambda m: None, epoch=int(EPOCH))
    assert parallel.cores() >= 2 and len(list(makers.iterdir())) == 2
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    alone = pack.make(project.root, "demo", pack.AUDIENCES, tmp_path / "alone", lambda m: None, epoch=int(EPOCH))
    assert [p.read_bytes() for p in shared] == [p.read_bytes() for p in alone]


def test_a_failed_export_leaves_the_earlier_pack_intact(packs, monkeypatch):
    from cop.packs import documents, pack

    project, out, _ = packs
    before = (out / "demo-participant.zip").read_bytes()

    def fail(html):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(documents, "pdf_bytes", fail)
    with pytest.raises(RuntimeError):
        pack.make(project.root, "demo", ("participant",), out, lambda message: None)
    assert (out / "demo-participant.zip").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["demo-facilitator.zip", "demo-participant.zip"]


def test_a_disk_full_after_the_first_zip_leaves_both_earlier_zips_as_they_were(packs, monkeypatch):
    """The participant and facilitator zips of one export are a pair: a failure while the second
    is written must not leave the first replaced (a new handout beside an old guide)."""
    import builtins
    import errno

    from cop.packs import pack

    project, out, _ = packs
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open, written = builtins.open, []

    def open_in_out(file, mode="r", *args, **kwargs):
        # A file descriptor (a pipe to Graphviz) is no file in the output folder.
        if any(m in mode for m in "wxa") and not isinstance(file, int) and Path(file).parent == out:
            written.append(Path(file).name)
            if len(written) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return real_open(file, mode, *args, **kwargs)

    # Path.write_bytes goes through io.open, a plain open() through builtins: both are watched.
    monkeypatch.setattr(builtins, "open", open_in_out)
    monkeypatch.setattr(io, "open", open_in_out)
    # Another moment (a day later): every zip entry's timestamp changes, so a zip rewritten in place would differ.
    with pytest.raises(OSError, match="No space left"):
        pack.make(project.root, "demo", ("participant", "facilitator"), out, lambda message: None,
                  epoch=int(EPOCH) + 86400)
    assert len(written) == 2, written  # the failure came after the first zip was complete
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_unknown_workshop_is_named_with_the_nearest(packs, tmp_path):
    project, _, _ = packs
    result = subprocess.run([sys.executable, "-m", "cop.cli", "pack", "dem", "--out", str(tmp_path)],
                            cwd=project.root, capture_output=True, text=True)
    assert result.returncode == 1 and "did you mean 'demo'?" in result.stderr and "Traceback" not in result.stderr


def test_each_step_reports_progress_and_the_terminal_printer_is_quiet_off_a_terminal(packs, tmp_path, monkeypatch, capsys):
    from cop.packs import pack

    project, _, _ = packs
    seen = []
    pack.make(project.root, "demo", ("participant",), tmp_path, seen.append, epoch=int(EPOCH))
    # The parts are made on both cores, each reported as it starts here or arrives from the other
    # process, so their order varies; the count runs on, and the checksums and zip come last.
    assert [line.split("] ")[0] for line in seen] == [f"[{n}/5" for n in range(1, 6)]
    assert sorted(line.split("] ")[1] for line in seen[:3]) == ["handout.pdf", "offline site (participant)", "slides.pptx"]
    assert [line.split("] ")[1] for line in seen[3:]] == ["checksums", "demo-participant.zip"]

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    pack.terminal_progress("[1/5] handout.pdf")
    assert terminal.getvalue() == "[1/5] handout.pdf\n"
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    pack.terminal_progress("[1/5] handout.pdf")
    assert sys.stderr.getvalue() == ""


def _readable_text(name: str, data: bytes) -> str:
    """What a participant could read in one file of the zip, whitespace collapsed."""
    import html as html_module
    import re

    if name.endswith(".pdf"):
        return pdf_text(data)
    if name.endswith((".pptx", ".xlsx", ".docx")):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            data = b" ".join(inner.read(n) for n in inner.namelist() if n.endswith(".xml"))
    text = data.decode("utf-8", errors="replace")
    if name.endswith((".html", ".xml", ".pptx", ".xlsx", ".docx")):
        text = re.sub(r"<[^>]+>", " ", text)
    if name.endswith((".js", ".json")):
        text = text.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
        text = re.sub(r"<[^>]+>", " ", text)  # the search index holds each page's text with its tags
    return " ".join(html_module.unescape(text).split())


def visible(markdown_text: str) -> str:
    """What a reader sees of a contributed Markdown text, whitespace collapsed."""
    import html as html_module
    import re

    from cop.views.safe import markdown_html

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", markdown_html(markdown_text, lambda *_: None))).split())


def secrets_of(kb, workshop, *, sentences: bool) -> list[str]:
    """Every answer and facilitator text of a workshop as a reader sees it: whole, or as sentences.

    A text that also answers a case outside the workshop is public already, and is left out.
    """
    import re

    from cop import agenda

    ours = agenda.cases(kb, workshop)
    public = {visible(t) for case in kb.cases.values() if case not in ours for t in agenda.answer_texts(case)}
    texts = [visible(t) for case in ours for t in agenda.answer_texts(case)]
    texts += [visible(note) for session in workshop.sessions for note in agenda.facilitator_notes(session)]
    texts = [t for t in texts if t not in public]
    if sentences:
        texts = [s for t in texts for s in re.split(r"(?<=[.;:!?])\s+", t)]
    return [t for t in texts if len(t) >= 30]


def _secrets(project) -> list[str]:
    from cop.load import load

    kb = load(project.root).kb
    return secrets_of(kb, kb.workshops["demo"], sentences=True)


def test_no_file_of_the_participant_zip_holds_an_answer_or_a_facilitator_note(packs):
    project, out, _ = packs
    secrets = _secrets(project)
    assert len(secrets) >= 5
    participant = {name: _readable_text(name, data) for name, data in unpack(out / "demo-participant.zip").items()}
    assert "site/search/search_index.js" in participant or "site/search/search_index.json" in participant
    for name, text in participant.items():
        for secret in secrets:
            assert secret not in text, f"{name} holds {secret!r}"
    # The same search finds them where they belong, so it can see them at all.
    facilitator = {name: _readable_text(name, data) for name, data in unpack(out / "demo-facilitator.zip").items()}
    for secret in secrets:
        assert any(secret in text for text in facilitator.values()), secret
    assert any(secret in facilitator["site/cases/ai-anomaly-detection.html"] for secret in secrets)


def test_the_participant_site_shows_the_exercise_cases_claim_and_facts_only(packs):
    _, out, _ = packs
    page = unpack(out / "demo-participant.zip")["site/cases/ai-anomaly-detection.html"].decode("utf-8")
    assert "detecting faults in a machine" in page and "cop-withheld" in page
    assert "cop-outcomes" not in page and "cop-analysis" not in page


def test_no_participant_zip_of_the_real_workshops_holds_their_answers_or_notes(tmp_path):
    from conftest import REPO
    from cop.load import load
    from cop.packs import pack

    kb = load(REPO).kb
    assert kb.workshops
    for workshop_id, workshop in sorted(kb.workshops.items()):
        secrets = secrets_of(kb, workshop, sentences=False)
        assert len(secrets) >= 10, workshop_id
        [archive] = pack.make(REPO, workshop_id, ("participant",), tmp_path / workshop_id, lambda _: None)
        for name, data in unpack(archive).items():
            text = _readable_text(name, data)
            for secret in secrets:
                assert secret not in text, f"{workshop_id}: {name} holds {secret[:60]!r}"
