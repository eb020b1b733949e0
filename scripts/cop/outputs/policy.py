"""Where cop may write: never over the project or its sources, never over files it did not write.

`cop build` deletes the folder it replaces, so a wrong --site-dir could take the project with
it. A target is refused when it is, contains or lies inside the project's sources, contains the
project itself, or holds files that are not an earlier output of the same command. Paths are
compared as the file system sees them: resolved (links, `..`), and by device and inode where
they exist, so a link or another spelling of a name (case-insensitive systems) changes nothing.

Each `cop build` output carries MARKER, naming the command. A site built before markers
existed is taken as the earlier output only at the command's default place (site/,
site-offline/) and only if it looks like a site; anywhere else an unmarked folder is refused.
`cop pack` writes its zips into a folder without replacing it, and recognises an earlier output
by its contents: pack zips (each with its manifest.json) and nothing else.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

from .errors import Refused
from .scratch import PREFIX

MARKER = PREFIX + "output"

# Folders of the project that hold what people write, and what to call them in a message.
SOURCES = {
    "docs": "the hand-written pages",
    "practices": "the knowledge base",
    "workshops": "the workshops",
    "releases": "the data releases' frozen copies",
    ".git": "the git repository",
    ".github": "the repository settings",
    "scripts": "the cop package",
    "tests": "the tests",
    "benchmarks": "the benchmarks",
}

# What file managers drop into any folder they show; it does not make a folder someone's.
IGNORED = {".DS_Store", "Thumbs.db", "desktop.ini"}

# Present in a cop-built site, and absent from it: enough to know one without a marker.
SITE_HAS = ("index.html", "search", "assets")
SITE_LACKS = ("mkdocs.yml", "cop.yaml", "pyproject.toml", ".git")


def check_folder(root: Path, target: Path, command: str, *, shown: str, default: bool = False) -> None:
    """Raise Refused unless COMMAND may write its output folder TARGET (an absolute, resolved path)."""
    check_sources(root, target, command, shown=shown)
    if not os.path.lexists(target):
        return
    if not target.is_dir():
        raise Refused(f"refusing {shown}: {target} is not a folder")
    if _is_empty(target) or written_by(target) == command:
        return
    if command == "cop pack" and _holds_only_packs(target):
        return
    if command == "cop build" and default and _looks_like_site(target):
        return
    other = written_by(target)
    why = f"it was written by {other}" if other else (
        "it holds files other than workshop packs" if command == "cop pack"
        else f"it holds files that {command} did not write (it has no {MARKER})")
    raise Refused(f"refusing {shown}: {why}; empty it, remove it or name another folder")


def check_sources(root: Path, target: Path, command: str, *, shown: str) -> None:
    """Raise Refused if TARGET is, holds or lies in the project or one of its source folders."""
    root = root.resolve()
    if within(root, target):
        what = "is" if within(target, root) else "contains"
        raise Refused(f"refusing {shown}: it {what} the project folder {root}; "
                      f"name a folder for the output of {command} beside the sources, never over them")
    for name, what in SOURCES.items():
        for source in {root / name, (root / name).resolve()}:
            if within(target, source):
                raise Refused(f"refusing {shown}: it is or lies inside {name}/, {what}; name a folder "
                              f"outside the project's sources")
            if within(source, target):
                raise Refused(f"refusing {shown}: it contains {name}/, {what}")


def within(path: Path, folder: Path) -> bool:
    """PATH is FOLDER or lies below it (both absolute and resolved)."""
    key, identity = _key(folder), _identity(folder)
    for step in (path, *path.parents):
        if _key(step) == key or (identity is not None and _identity(step) == identity):
            return True
    return False


def _key(path: Path) -> str:
    return os.path.normcase(str(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as found:
        return [entry for entry in found if entry.name not in IGNORED]


def _is_empty(folder: Path) -> bool:
    return not _entries(folder)


def written_by(folder: Path) -> str | None:
    """The command named in FOLDER's marker, if it has one that is a small regular file."""
    try:
        found = os.lstat(folder / MARKER)
        if not stat.S_ISREG(found.st_mode) or found.st_size > 4096:
            return None
        text = (folder / MARKER).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text.partition("\n")[0].strip() or None


def mark(folder: Path, command: str) -> None:
    (folder / MARKER).write_text(
        f"{command}\n"
        f"This folder is the output of `{command}`, which replaces it whole on its next run.\n"
        "Anything else kept here would be deleted then.\n", encoding="utf-8")


def _looks_like_site(folder: Path) -> bool:
    return (all((folder / name).exists() for name in SITE_HAS)
            and not any(os.path.lexists(folder / name) for name in SITE_LACKS))


def _holds_only_packs(folder: Path) -> bool:
    for entry in _entries(folder):
        if entry.name.startswith(PREFIX):
            continue  # a temporary zip that a killed pack left
        if not (entry.name.endswith(".zip") and entry.is_file(follow_symlinks=False) and _is_pack(Path(entry.path))):
            return False
    return True


def _is_pack(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("manifest.json")
            if info.file_size > 1_000_000:
                return False
            manifest = json.loads(archive.read(info))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    return isinstance(manifest, dict) and {"workshop", "audience", "files"} <= manifest.keys()


def check_codeowners(root: Path, rel: str) -> Path:
    """The path `cop codeowners` may write: a regular file in a real .github/ folder of the project."""
    root = root.resolve()
    folder_name, _, file_name = rel.partition("/")
    folder, target = root / folder_name, root / folder_name / file_name
    for path, kind in ((folder, "folder"), (target, "file")):
        try:
            found = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise Refused(f"refusing to write {rel}: {path}: {exc.strerror}") from None
        shown = path.relative_to(root).as_posix()
        if stat.S_ISLNK(found.st_mode):
            raise Refused(f"refusing to write {rel}: {shown} is a symbolic link; "
                          f"replace it with a real {kind}")
        if kind == "folder" and not stat.S_ISDIR(found.st_mode):
            raise Refused(f"refusing to write {rel}: {shown} is not a folder")
        if kind == "file" and not stat.S_ISREG(found.st_mode):
            raise Refused(f"refusing to write {rel}: {shown} is not a regular file")
    if target.resolve().parent != folder or not within(folder, root):
        raise Refused(f"refusing to write {rel}: it resolves outside the project's {folder_name}/")
    return target
