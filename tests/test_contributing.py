"""CONTRIBUTING.md, followed to the letter on a copy of the repository, adds an office to the matrix."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, cop

CODE = "ZZ"
BIN = str(Path(sys.executable).parent) + "/"


def section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end > 0 else None]


def blocks(text: str) -> list[tuple[str, str]]:
    """Fenced blocks as a reader sees them: without the indentation of the fence itself."""
    found = []
    for indent, lang, body in re.findall(r"^( *)```(\w+)\n(.*?)\n *```", text, re.S | re.M):
        found.append((lang, "\n".join(line[len(indent):] for line in body.splitlines()) + "\n"))
    return found


def run_lines(script: str, cwd: Path) -> None:
    for line in script.splitlines():
        command = line.split("#")[0].strip().replace(".venv/bin/", BIN).replace("XX", CODE)
        if command:
            proc = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"


VALUES = {
    "full name of the office": "Patent Office of Zedland",
    "short name, e.g. IPOS": "ZPO",
    "country": "Zedland",
    "group such as ASEAN": "ASEAN",
    "https://... the office's home page": "https://www.example.org/zz",
    "language code such as en": "en",
    "source id of the examination guidelines": "zz-guidelines-2025",
    "@handle of a maintainer": "'@zz-examiner'",
    "position id from the list above": "no-guidance",
    "one-line summary": "Nothing specific is published; the general test for an invention applies.",
    "two or three short paragraphs": "Examiners apply the general definition of an invention.",
    "general provision that applies, or delete this line": "Examination Guidelines, chapter on patentable subject matter",
    "source id": "zz-guidelines-2025",
    "section, paragraph or article, e.g. G-II, 3.6": "Chapter 2",
    "what is not yet checked against the source": "The chapter number is not yet checked.",
}


def fill(path: Path) -> None:
    out = []
    for line in path.read_text().splitlines():
        if line.lstrip().startswith("#"):
            out.append(line)
            continue
        found = re.findall(r"<<([^<>\n]*)>>", line)
        if any(name not in VALUES and name.endswith("or delete this line") for name in found):
            continue  # an optional field the office has nothing for
        out.append(re.sub(r"<<([^<>\n]*)>>", lambda m: VALUES[m.group(1)], line))
    path.write_text("\n".join(out) + "\n")


def test_adding_an_office_as_contributing_md_says_ends_with_a_clean_check_and_the_office_in_the_matrix(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("practices", "workshops", "docs", "releases"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, repo / name)
    for name in ("mkdocs.yml", "cop.yaml", "CONTRIBUTING.md", ".github/CODEOWNERS"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, repo / name)

    steps = section((REPO / "CONTRIBUTING.md").read_text(), "Add an office")
    (lang1, source), (lang2, scaffold), (lang3, check_and_build) = blocks(steps)
    assert (lang1, lang2, lang3) == ("yaml", "sh", "sh")

    # 1. the office's guidelines, appended to sources.yaml as shown
    sources = repo / "practices" / "sources.yaml"
    sources.write_text(sources.read_text() + source.replace("XX", CODE).replace("xx", CODE.lower()))
    # 2. scaffold
    run_lines(scaffold, repo)
    created = sorted((repo / "practices" / CODE).glob("*.yaml"))
    from cop.load import load

    assert len(created) == 1 + len(load(repo).kb.topics)
    # 3. fill every <<...>>
    before = cop("check", cwd=repo)
    assert before.code == 1 and all(": unfilled-placeholder: " in line or ": warning: " in line for line in before.lines)
    for path in created:
        fill(path)
    # 4. check and build
    run_lines(check_and_build, repo)
    after = cop("check", cwd=repo)
    assert after.code == 0 and not any(line.startswith(f"practices/{CODE}/") for line in after.lines)
    assert f"/practices/{CODE}/ @zz-examiner" in (repo / ".github" / "CODEOWNERS").read_text()
    matrix = (repo / "site" / "compare" / "index.html").read_text()
    assert f'data-office="{CODE}" data-groups="ASEAN"' in matrix
    assert f'id="{CODE.lower()}-program-claims"' in matrix
