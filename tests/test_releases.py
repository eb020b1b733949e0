"""Data releases: frozen copies, release notes, the JSON API, the changes page and feed, citing, offline updates.

The fixture holds one release, 2026.05, frozen as the fixture stands. The tests change it (a
position, a citation, a case), release 2026.06 with an update for 2026.05's offline copy, and
look at everything a reader, a program or an office's IT would.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import GOOD, copy_fixture
from sites import build

EP_PROG = "practices/EP/program-claims.yaml"
SG_PROG = "practices/SG/program-claims.yaml"
OLD_SUMMARY = "Program claims are allowed when the program has a further technical effect."
NEW_SUMMARY = "Program claims are allowed only with a further technical effect beyond the normal interplay."


def cop(project, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cop.cli", *args], cwd=project.root, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "SOURCE_DATE_EPOCH": "1780272000"})


def change_the_data(project) -> None:
    """A position changes with its reason, a citation is added, a case is new."""
    project.edit(EP_PROG, 'position: "yes"', "position: partly")
    project.edit(EP_PROG, f"summary: {OLD_SUMMARY}", f"summary: {NEW_SUMMARY}")
    project.write(EP_PROG, project.read(EP_PROG) + "history:\n  - date: 2026-05-20\n"
                  "    change: Narrowed to partly after G-II, 3.6 was read again.\n")
    project.edit(SG_PROG, "    pinpoint: s. 13(1)\n", "    pinpoint: s. 13(1)\n  - source: sg-patents-act\n    pinpoint: s. 13(2)\n")
    case = project.read("practices/cases/ai-anomaly-detection.yaml")
    project.write("practices/cases/anomaly-in-turbines.yaml",
                  case.replace("id: ai-anomaly-detection", "id: anomaly-in-turbines")
                  .replace("title: Anomaly detection with a trained model", "title: Anomaly detection in wind turbines"))


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The fixture released as 2026.05 (its frozen copy rebuilt here as cop release writes it),
    changed, and released as 2026.06 with an update for 2026.05's offline copy."""
    project = copy_fixture(tmp_path_factory.mktemp("releases") / "kb")
    out = project.root.parent / "bundles"
    # The fixture's own 2026.05 was made by `cop release`; here it is made again, with its bundle.
    shutil.rmtree(project.path("releases"))
    project.write("practices/releases.yaml", "releases: []\n")
    first = cop(project, "release", "2026.05", "--date", "2026-05-02", "--out", str(out))
    assert first.returncode == 0, first.stderr
    frozen_first = project.path("releases/2026.05.json").read_bytes()
    change_the_data(project)
    second = cop(project, "release", "2026.06", "--date", "2026-06-01", "--delta", "2026.05", "--out", str(out))
    assert second.returncode == 0, second.stderr
    return project, out, frozen_first


def test_a_release_freezes_the_data_records_it_and_writes_a_bundle_with_a_manifest(released):
    project, out, frozen_first = released
    assert frozen_first == (GOOD / "releases/2026.05.json").read_bytes()  # as the fixture holds it
    record = project.read("practices/releases.yaml")
    assert re.findall(r'version: "([0-9.]+)"\n    date: ([0-9-]+)', record) == [("2026.05", "2026-05-02"), ("2026.06", "2026-06-01")]
    bundle = out / "2026.06"
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert {f["path"] for f in manifest["files"]} == {
        "cii-2026.06.json", "cii-2026.06.csv", "cii-2026.06.xlsx", "release-notes.md", "offline-site.zip",
        "update-2026.05-to-2026.06.zip"} | {f"schemas/{name}.schema.json" for name in (
            "knowledge-base", "parts", "index", "office", "topic", "entry", "case")}
    for f in manifest["files"]:
        assert hashlib.sha256((bundle / f["path"]).read_bytes()).hexdigest() == f["sha256"]
    assert (bundle / "cii-2026.06.json").read_bytes() == project.path("releases/2026.06.json").read_bytes()
    assert cop(project, "check", "--today", "2026-06-01").returncode == 0


def test_the_release_notes_give_position_changes_first_then_citations_then_cases(released):
    _, out, _ = released
    assert (out / "2026.06" / "release-notes.md").read_text() == """# Data release 2026.06 (2026-06-01)

Changes since release 2026.05 (2026-05-02): 3.

## Position changes

### EP

- **Program claims**: Yes → Partly
  - 2026-05-20: Narrowed to partly after G-II, 3.6 was read again.

## New citations

### SG

- **Program claims**: Patents Act 1994 (2020 Revised Edition): s. 13(2)

## New cases

### Cases

- **Anomaly detection in wind turbines**: analysed by EP, SG
"""
    assert (out / "2026.05" / "release-notes.md").read_text().startswith("# Data release 2026.05 (2026-05-02)\n\nThe first")


def test_an_update_turns_the_old_offline_copy_into_the_new_one_byte_for_byte(released, tmp_path):
    _, out, _ = released
    folder = tmp_path / "offline"
    with zipfile.ZipFile(out / "2026.05" / "offline-site.zip") as archive:
        archive.extractall(folder)
    update = out / "2026.06" / "update-2026.05-to-2026.06.zip"
    with zipfile.ZipFile(update) as archive:
        shipped = [n for n in archive.namelist() if n.startswith("files/")]
    with zipfile.ZipFile(out / "2026.06" / "offline-site.zip") as archive:
        wanted = {name: archive.read(name) for name in archive.namelist()}
    assert 0 < len(shipped) < len(wanted)  # only what changed travels
    done = subprocess.run([sys.executable, "-m", "cop.cli", "update-offline", str(update), str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == wanted
    again = subprocess.run([sys.executable, "-m", "cop.cli", "update-offline", str(update), str(folder)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "is release 2026.06 already" in again.stderr


def test_an_update_refuses_a_folder_that_is_not_the_old_release_and_changes_nothing(released, tmp_path):
    _, out, _ = released
    folder = tmp_path / "offline"
    with zipfile.ZipFile(out / "2026.05" / "offline-site.zip") as archive:
        archive.extractall(folder)
    (folder / "index.html").write_text("edited by hand")
    before = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "cop.cli", "update-offline",
                           str(out / "2026.06" / "update-2026.05-to-2026.06.zip"), str(folder)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "is not the offline copy of release 2026.05" in done.stderr and "nothing was changed" in done.stderr
    assert {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_release_is_refused_whole_when_it_cannot_be_made(released, tmp_path):
    project, out, _ = released
    record = project.read("practices/releases.yaml")
    for args, said in (
        (("2026.6",), "is not a calendar version"),
        (("2026.06", "--date", "2026-06-02"), "already released"),
        (("2026.07", "--date", "2026-05-30"), "must come after 2026.06"),
        (("2026.07", "--date", "2026-07-01", "--delta", "2025.12"), "--delta 2025.12: no such release"),
    ):
        done = cop(project, "release", *args, "--out", str(out))
        assert done.returncode == 1 and said in done.stderr, (args, done.stderr)
        assert project.read("practices/releases.yaml") == record
        assert sorted(p.name for p in project.path("releases").iterdir()) == ["2026.05.json", "2026.06.json"]
    project.edit(EP_PROG, "position: partly", "position: perhaps")
    try:
        done = cop(project, "release", "2026.07", "--date", "2026-07-01", "--out", str(out))
        assert done.returncode == 1 and "unknown-position" in done.stderr
        assert not (out / "2026.07").exists() and not project.path("releases/2026.07.json").exists()
    finally:
        project.edit(EP_PROG, "position: perhaps", "position: partly")


def test_the_same_data_and_date_give_the_same_release_bytes(tmp_path):
    bundles = []
    for name in ("one", "two"):
        project = copy_fixture(tmp_path / name / "kb")
        shutil.rmtree(project.path("releases"))
        project.write("practices/releases.yaml", "releases: []\n")
        assert cop(project, "release", "2026.05", "--date", "2026-05-02", "--out", str(tmp_path / name / "out")).returncode == 0
        folder = tmp_path / name / "out" / "2026.05"
        bundles.append({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})
    manifests = [json.loads(b.pop("manifest.json")) for b in bundles]
    for m in manifests:
        m.pop("source_revision")  # each copy is its own (git-less) checkout
    assert bundles[0] == bundles[1] and manifests[0] == manifests[1]


# The site built from the released project.


@pytest.fixture(scope="module")
def site(released):
    project, _, _ = released
    # A change after the last release: the site speaks of data newer than 2026.06.
    project.edit(SG_PROG, "summary: Nothing specific is published; the general test for an invention applies.",
                 "summary: The actual contribution decides, read as a whole.")
    try:
        return build(project, project.root / "site")
    finally:
        project.edit(SG_PROG, "summary: The actual contribution decides, read as a whole.",
                     "summary: Nothing specific is published; the general test for an invention applies.")


def test_every_api_document_validates_against_the_schema_it_names(site):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    api = site / "api" / "v1"
    schemas = {p.name: json.loads(p.read_text()) for p in (api / "schemas").glob("*.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    index = json.loads((api / "index.json").read_text())
    assert index["data_version"] == "2026.06+changes"
    assert json.loads((site / "downloads" / "cii-entries.json").read_text())["data_version"] == "2026.06+changes"
    assert [r["version"] for r in index["releases"]] == ["2026.05", "2026.06"]
    paths = ["api/v1/index.json"] + [p for group in ("offices", "topics", "entries", "cases") for p in index[group]]
    assert "api/v1/entries/EP/program-claims.json" in paths and len(index["entries"]) == 4
    for path in paths:
        doc = json.loads((site / path).read_text())
        schema_file = (site / path).parent / doc["$schema"]
        assert schema_file.resolve().parent == (api / "schemas").resolve()
        errors = list(Draft202012Validator(schemas[schema_file.name], registry=registry).iter_errors(doc))
        assert errors == [], (path, errors[:1])
        assert doc["canonical_url"] == path  # no site_url in the fixture's mkdocs.yml
    for release in index["releases"]:
        frozen = (site / release["path"]).read_bytes()
        assert hashlib.sha256(frozen).hexdigest() == release["sha256"]
        assert not list(Draft202012Validator(schemas["knowledge-base.schema.json"], registry=registry)
                        .iter_errors(json.loads(frozen)))


def test_the_atom_feed_lists_one_entry_per_change_and_feed_readers_read_it(site):
    import feedparser

    parsed = feedparser.parse((site / "changes.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert sorted(e.title for e in parsed.entries) == sorted([
        "EP: Program claims: position changes, Yes → Partly",
        "SG: Program claims: corrections, Nothing specific is published; the general test for an invention applies. "
        "→ The actual contribution decides, read as a whole.",
        "SG: Program claims: new citations, Patents Act 1994 (2020 Revised Edition): s. 13(2)",
        "Anomaly detection in wind turbines: new cases, analysed by EP, SG",
    ])
    assert len({e.id for e in parsed.entries}) == 4 and all(e.id.startswith("tag:cii-cop,2026:change/") for e in parsed.entries)


def test_the_changes_page_lists_exactly_the_changes_of_each_period(site):
    html = (site / "changes" / "index.html").read_text()

    def rows(section: str) -> list[list[str]]:
        part = html.split(f'id="{section}"', 1)[1].split("<h2", 1)[0]
        return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
                for row in re.findall(r"<tr><td>.*?</tr>", part, re.S)]

    assert rows("unreleased") == [["Program claims", "Corrections",
                                   "Nothing specific is published; the general test for an invention applies.",
                                   "The actual contribution decides, read as a whole.", ""]]
    assert rows("release-2026-06") == [
        ["Program claims", "Position changes", "Yes", "Partly", "2026-05-20: Narrowed to partly after G-II, 3.6 was read again."],
        ["Program claims", "New citations", "", "Patents Act 1994 (2020 Revised Edition): s. 13(2)", ""],
        ["Anomaly detection in wind turbines", "New cases", "", "analysed by EP, SG", ""],
    ]
    assert "The first data release" in html.split('id="release-2026-05"', 1)[1]


def test_the_changes_page_starts_from_the_last_cop_meeting(released, tmp_path):
    project, _, _ = released
    workshop = project.read("workshops/demo/workshop.yaml")
    project.write("workshops/demo/workshop.yaml", workshop + "dates: {start: 2026-05-10}\n")
    try:
        html = (build(project, tmp_path / "site") / "changes" / "index.html").read_text()
    finally:
        project.write("workshops/demo/workshop.yaml", workshop)
    said = re.sub(r"<[^>]+>", "", re.search(r'<p class="cop-since-meeting">.*?</p>', html, re.S).group(0))
    assert said == ("The last CoP meeting, A demonstration workshop, began on 2026-05-10. It had data release 2026.05; "
                    "what changed since then: data release 2026.06.")
    assert 'href="#release-2026-06"' in html


def test_a_permalink_keeps_the_text_it_was_cited_for_after_the_entry_changed(site):
    topic = (site / "compare" / "program-claims" / "index.html").read_text()
    ep = topic.split('id="ep-program-claims"', 1)[1].split('id="sg-program-claims"', 1)[0]
    # EP changed in 2026.06 and not since: its citation points at 2026.06's frozen page.
    cite = re.search(r'<details class="cop-cite"[^>]*>.*?</details>', ep, re.S).group(0)
    assert "data release 2026.06 (2026-06-01)" in cite and 'href="../../releases/2026.06/#ep-program-claims"' in cite
    modified = re.search(r'<details class="cop-modified"[^>]*>.*?</details>', ep, re.S).group(0)
    assert ">Yes</td><td>Partly</td>" in modified and OLD_SUMMARY in modified and NEW_SUMMARY in modified
    # SG changed after the last release: cited as today's data, with 2026.06's text beside it.
    sg = topic.split('id="sg-program-claims"', 1)[1]
    cite = re.search(r'<details class="cop-cite"[^>]*>.*?</details>', sg, re.S).group(0)
    assert "not yet in a data release" in cite and "releases/2026.06/#sg-program-claims" in cite
    # The frozen pages keep what each release said.
    for version, summary, label in (("2026.05", OLD_SUMMARY, "Yes"), ("2026.06", NEW_SUMMARY, "Partly")):
        frozen = (site / "releases" / version / "index.html").read_text()
        entry = frozen.split('id="ep-program-claims"', 1)[1].split("<h3", 1)[0]
        assert summary in entry and f"<strong>{label}</strong>" in entry


def test_a_case_is_cited_by_its_release_and_the_downloads_page_lists_every_release(site):
    case = (site / "cases" / "ai-anomaly-detection" / "index.html").read_text()
    assert 'href="../../releases/2026.06/#case-ai-anomaly-detection"' in case
    downloads = (site / "downloads" / "index.html").read_text()
    assert [version for version in re.findall(r'<a href="\.\./releases/([0-9.]+)/">', downloads)] == ["2026.06", "2026.05"]
    assert "../changes/#release-2026-06" in downloads


def test_a_frozen_page_is_left_out_of_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not any(doc["location"].startswith("releases/") for doc in index["docs"])
    assert any(doc["location"].startswith("changes/") for doc in index["docs"])
