"""Defence in depth: payloads that slip past the check are inert in the built site; outputs are atomic."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest

from sites import build

PAYLOADS = [
    '<script>window.PWNED=1</script>',
    '<img src=x onerror="window.PWNED=1">',
    '[click](javascript:window.PWNED=1)',
    '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuUFdORUQ9MTwvc2NyaXB0Pg==)',
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:window.PWNED=1">x</a>',
    'text {: onclick="window.PWNED=1"}',
    '<svg onload="window.PWNED=1"></svg>',
    '{{ config.extra }} {% raw %}',
]


class Live(HTMLParser):
    """Anything in a page that could run: scripts, handlers, script URLs, frames."""

    def __init__(self):
        super().__init__()
        self.found, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "PWNED" in data:
            self.found.append("<script> with the payload")


def plant(project):
    """Every payload in every kind of contributed text field, with the checker switched off.

    One-line fields have length limits, so they take the payloads in turns; long fields take all.
    """
    project.edit("mkdocs.yml", "  - cop\n", "  - cop:\n      check: false\n")

    def q(text):
        return text.replace("\\", "\\\\").replace('"', '\\"')

    quoted = q(" ".join(PAYLOADS))
    short = [q(p) for p in PAYLOADS]
    project.edit("practices/EP/program-claims.yaml", "summary: Program claims are allowed when the program has a further technical effect.",
                 f'summary: "{short[0]}"\ndetail: "{quoted}"\napplies: "{short[1]}"')
    project.edit("practices/EP/program-claims.yaml", "note: Pinpoint not yet checked against the 2025 text.", f'note: "{quoted}"')
    project.edit("practices/EP/program-claims.yaml", "pinpoint: G-II, 3.6", f'pinpoint: "{short[2]}"')
    project.edit("practices/glossary.yaml", "definition: What a claim needs to be an invention under the EPC.", f'definition: "{quoted}"')
    project.edit("practices/cases/ai-anomaly-detection.yaml", "title: Anomaly detection with a trained model", f'title: "{short[4]}"')
    project.edit("practices/cases/ai-anomaly-detection.yaml", "finding: The method uses a computer and sensors.", f'finding: "{quoted}"')
    project.edit("practices/SG/office.yaml", "name: Intellectual Property Office of Singapore", f'name: "{short[7]}"')


def test_payloads_that_slip_past_the_check_are_inert_in_every_page(project, tmp_path):
    import datetime as dt

    from cop.check import run
    from cop.load import load

    from conftest import TODAY

    plant(project)
    assert {p.rule for p in run(project.root, dt.date.fromisoformat(TODAY))} == {"unsafe-markup"}  # the check would have refused them
    assert load(project.root).files.broken == set()  # every planted file is read and shown
    site = build(project, tmp_path / "site")
    pages = list(site.rglob("*.html"))
    planted = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        planted += "PWNED" in text
        parser = Live()
        parser.feed(text)
        assert parser.found == [], f"{path.relative_to(site)}: {parser.found}"
    assert planted >= 5  # the payloads are there, as text


def test_an_exception_in_the_middle_of_a_build_leaves_the_previous_site(project, tmp_path, monkeypatch):
    site = build(project, tmp_path / "site")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    def explode(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr("cop.views.downloads.build", explode)
    with pytest.raises(RuntimeError, match="power cut"):
        build(project, tmp_path / "site")
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb", "site"]


def test_an_interrupted_write_leaves_the_previous_file_and_no_temporary(project, monkeypatch):
    from cop import atomic

    target = project.path(".github/CODEOWNERS")
    before = target.read_bytes()

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "something else\n")
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["CODEOWNERS"]
