"""What a change can break besides itself, for `cop check --changed`.

Other files name an entry, a case or a workshop by where it is: `entry:EP/program-claims`,
`case:<id>` and `workshop:<id>` links in any text, and a session's `cases:`. So a changed,
added or deleted file can break the files that refer to it, and the answer-key-leak rule
reads the cases a session lists. Some problems of a file are reported in another file: an
office's coverage at its office.yaml (and a misnamed folder at the folder), a workshop's
agenda at its workshop.yaml, and what a workshop.yaml lists or leaves out at its sessions.

`files_to_read` says which entries, cases and workshops a partial load must read for every
rule to see, for the files in question, what it sees in a full check; `reported` then says,
from what was read, whose problems the change may have caused. The files that might refer to
a change are found by a scan of their raw text, which may only err towards reading more.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .files import read_bytes
from .index import Index
from .kinds import classify, path_of
from .parallel import map_shared
from .rules.internal_link import LINK

_CASES = "practices/cases/"
_SCHEME_WORD = re.compile(r"\b(entry|case|workshop):")
# A link target runs to the first ')', '>' or white space, as internal_link.LINK reads it; no id
# holds ':' or ']', so stopping there too loses nothing and keeps a run of "case:" one pass.
_REST = re.compile(r"[^)\]\s>:]*")


def link_target(scheme: str, rest: str) -> str | None:
    """The file an `entry:`, `case:` or `workshop:` link resolves to, as KnowledgeBase.has_file finds it."""
    return path_of(scheme, rest) if scheme in ("entry", "case", "workshop") else None


def workshop_folder(rel: str) -> str | None:
    """workshops/<id> for a path inside a workshop's folder."""
    parts = rel.split("/")
    return "/".join(parts[:2]) if len(parts) >= 3 and parts[0] == "workshops" else None


def belongs_to_workshop(rel: str) -> bool:
    """workshop.yaml, or a Markdown file it may list as a session (anywhere in the workshop's folder)."""
    return workshop_folder(rel) is not None and (rel.endswith(".md") or classify(rel) == "workshop")


def declared(rel: str) -> str | None:
    """The file that references to what `rel` declares resolve to: itself for an entry or a case;
    for a workshop.yaml and each of its sessions, the workshop.yaml."""
    if classify(rel) in ("entry", "case"):
        return rel
    if belongs_to_workshop(rel):
        return workshop_folder(rel) + "/workshop.yaml"
    return None


def landing(changed: set[str]) -> tuple[set[str], set[str]]:
    """Files, and folders (as prefixes), where problems caused by the changed files are reported."""
    files: set[str] = set()
    prefixes: set[str] = set()
    for rel in changed:
        kind = classify(rel)
        if kind == "entry":
            folder = rel.rsplit("/", 1)[0]
            files |= {folder, folder + "/office.yaml"}  # folder-matches-office, coverage
        elif kind == "workshop":
            # What it lists decides which sessions are read at all, and which are unlisted.
            prefixes.add(workshop_folder(rel) + "/")
        elif belongs_to_workshop(rel):
            files.add(workshop_folder(rel) + "/workshop.yaml")  # workshop-minutes, workshop-session
    return files, prefixes


def referrers(index: Index, targets: set[str]) -> set[str]:
    """The loaded files that link to one of `targets` or list it as a case."""
    found = {ref.loc.path for ref in index.refs
             if ref.kind == "case" and link_target("case", ref.value) in targets}
    for rel, _, _, text in index.texts:
        if rel in found or "](" not in text:
            continue
        for match in LINK.finditer(text):
            scheme, _, rest = match.group(1).partition(":")
            if link_target(scheme, rest) in targets:
                found.add(rel)
                break
    return found


def reported(loaded, changed: set[str]) -> tuple[set[str], set[str]]:
    """Files and folder prefixes whose problems --changed reports: the changed files, the files
    that refer to what they declare, and where their problems land."""
    targets = {t for t in map(declared, changed) if t}
    files, prefixes = landing(changed)
    return set(changed) | referrers(Index(loaded.kb, loaded.files), targets) | files, prefixes


def files_to_read(root: Path, changed: set[str]) -> set[str]:
    """The changed files, every file that may refer to what they declare, and every case a
    session of a workshop so read may list (answer-key-leak compares a session with its cases)."""
    targets = {t for t in map(declared, changed) if t}
    stems = {t[len(_CASES): -len(".yaml")] for t in targets if classify(t) == "case"}
    files = _readable_files(root)

    def refers(item: tuple[str, str]) -> bool:
        rel, path = item
        # Only a session names a case by its bare id (front matter `cases:`); elsewhere by a link.
        return _may_refer(_raw(path), targets, stems if rel.endswith(".md") else set())

    listed = list(files.items())
    wanted = set(changed) | {rel for (rel, _), found in zip(listed, map_shared(refers, listed)) if found}
    workshops = {workshop_folder(rel) for rel in wanted if belongs_to_workshop(rel)}
    return wanted | _cases_listed(files, workshops)


def _cases_listed(files: dict[str, str], workshops: set[str]) -> set[str]:
    """Every case whose id a Markdown file of one of `workshops` may list (never a false no)."""
    cases = {rel[len(_CASES): -len(".yaml")]: rel for rel in files if classify(rel) == "case"}
    listed: set[str] = set()
    for rel, path in files.items():
        if rel.endswith(".md") and workshop_folder(rel) in workshops:
            raw = _raw(path)
            listed |= {case for stem, case in cases.items() if _may_refer(raw, set(), {stem})}
    return listed


def _may_refer(raw: bytes | None, targets: set[str], case_stems: set[str]) -> bool:
    """Whether a file's bytes might link to one of `targets` or hold one of `case_stems` (never a false no)."""
    if raw is None:
        return False  # the loader cannot read it either
    if b"\\" in raw:
        return True  # a YAML escape (\x65 for e, a quoted line break) can spell any reference
    if not case_stems and b"entry:" not in raw and b"case:" not in raw and b"workshop:" not in raw:
        return False  # most files link to nothing, and a plain search of the bytes says so
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False  # the loader refuses it, so it refers to nothing
    # In single quotes YAML writes ' as ''; a reference is looked for as written and as read.
    for reading in {text, text.replace("''", "'")}:
        if any(stem in reading for stem in case_stems):
            return True
        for match in _SCHEME_WORD.finditer(reading):
            if link_target(match.group(1), _REST.match(reading, match.end()).group()) in targets:
                return True
    return False


def _readable_files(root: Path) -> dict[str, str]:
    """The files a full check may read besides the core ones: practices/<folder>/<name>.yaml
    (entries and cases), and each workshop.yaml and Markdown file under workshops/.

    Relative path to file-system path; regular files only, as the loader reads no link.
    Workshops are walked into hidden folders too: a workshop.yaml may list a session anywhere
    in its folder.
    """
    found = {}
    for folder in _entries(os.path.join(root, "practices")):
        if folder.is_dir(follow_symlinks=False) and not folder.name.startswith("."):
            found.update((f"practices/{folder.name}/{item.name}", item.path) for item in _entries(folder.path)
                         if item.name.endswith(".yaml") and not item.name.startswith(".")
                         and item.name != "office.yaml" and item.is_file(follow_symlinks=False))
    stack = [("workshops", os.path.join(root, "workshops"))]
    while stack:
        rel, path = stack.pop()
        for item in _entries(path):
            if item.is_dir(follow_symlinks=False):
                stack.append((f"{rel}/{item.name}", item.path))
            elif item.is_file(follow_symlinks=False) and belongs_to_workshop(f"{rel}/{item.name}"):
                found[f"{rel}/{item.name}"] = item.path
    return found


def _entries(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as items:
            return list(items)
    except OSError:
        return []  # no such folder, or unreadable: the loader finds nothing there either


def _raw(path: str) -> bytes | None:
    try:
        return read_bytes(path, follow=False)
    except OSError:
        return None  # the loader cannot read it either
