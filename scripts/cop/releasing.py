"""`cop release`: freeze the knowledge base as a data release, write its bundle, and updates for offline copies.

A release (VERSION, DATE) writes, in the project, the frozen copy `releases/<VERSION>.json` and its
line in `practices/releases.yaml` (version, date, SHA-256); and, under the output folder,
`<VERSION>/`: the knowledge base as JSON with its JSON Schema, CSV and XLSX, the release notes,
the offline site as a zip, and a manifest with the SHA-256 of every file. `--delta FROM` adds
`update-FROM-to-VERSION.zip`: the offline site's files that changed since release FROM, and
`update.json` saying what the folder holds before and after. The same project and date give the
same bytes. Nothing is left half-done: a failure restores the project's two files.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

from . import load, releases, snapshot
from .atomic import write_all
from .check import check_loaded, has_errors
from .outputs import policy
from .packs.archive import write_zip
from .packs.pack import offline_site, source_revision

VERSION = re.compile(r"[0-9]{4}\.[0-9]{2}(\.[0-9]+)?")
RECORD = "practices/releases.yaml"
UPDATE_FORMAT = 1


class ReleaseError(Exception):
    pass


def _stamp(date: dt.date) -> tuple[dt.datetime, int]:
    moment = dt.datetime.combine(date, dt.time())
    return moment, int(moment.replace(tzinfo=dt.timezone.utc).timestamp())


def _record_line(version: str, date: dt.date, sha256: str) -> str:
    return f'  - version: "{version}"\n    date: {date.isoformat()}\n    sha256: {sha256}\n'


def _recorded(text: str, version: str, date: dt.date, sha256: str) -> str:
    """practices/releases.yaml with one more release at the end of its list."""
    if not text.strip():
        return "# Written by cop release: every data release, oldest first.\nreleases:\n" + _record_line(version, date, sha256)
    if re.search(r"^releases:\s*\[\]\s*$", text, re.M):
        return re.sub(r"^releases:\s*\[\]\s*$", "releases:", text, count=1, flags=re.M).rstrip("\n") + "\n" + \
            _record_line(version, date, sha256)
    return text.rstrip("\n") + "\n" + _record_line(version, date, sha256)


def make(root: Path, version: str, date: dt.date, out: Path, delta_from: str | None = None, progress=lambda m: None) -> Path:
    """Writes the release; returns its bundle folder."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"'{version}' is not a calendar version: YYYY.MM, or YYYY.MM.N for another release that month")
    loaded = load.load(root)
    kb = loaded.kb
    problems = check_loaded(loaded, date)
    if has_errors(problems):
        raise ReleaseError("cop check found errors; fix them first:\n" + "".join(p.text() + "\n" for p in problems if p.severity == "error"))
    previous = kb.releases[-1] if kb.releases else None
    if any(r.version == version for r in kb.releases):
        raise ReleaseError(f"version {version} is already released; a release is never made again")
    if previous and not releases.comes_after(version, date, previous):
        raise ReleaseError(f"release {version} ({date}) must come after {previous.version} ({previous.date})")
    if delta_from is not None and not any(r.version == delta_from for r in kb.releases):
        raise ReleaseError(f"--delta {delta_from}: no such release in {RECORD}")
    bundle, before = out / version, None
    if delta_from is not None:
        before = _offline_of(out / delta_from, delta_from)
    if bundle.exists():
        raise ReleaseError(f"{bundle} exists already; a release bundle is never overwritten")

    frozen = snapshot.of(kb)
    frozen_bytes = snapshot.dumps(frozen)
    old = releases.frozen(root, kb).get(previous.version) if previous else None
    record_path, snap_path = root / RECORD, releases.snapshot_path(root, version)
    record_before = record_path.read_text(encoding="utf-8") if record_path.exists() else ""
    progress("frozen copy and record")
    write_all({snap_path: frozen_bytes,
               record_path: _recorded(record_before, version, date, releases.digest(frozen_bytes)).encode("utf-8")})
    try:
        return _bundle(root, kb, version, date, previous, old, frozen, frozen_bytes, bundle, delta_from, before, progress)
    except BaseException:
        # The project is left as it was: no release is recorded without its bundle.
        if record_before:
            write_all({record_path: record_before.encode("utf-8")})
        else:
            record_path.unlink(missing_ok=True)
        snap_path.unlink(missing_ok=True)
        raise


def _offline_of(folder: Path, version: str) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(folder / "offline-site.zip") as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile) as exc:
        raise ReleaseError(f"--delta {version}: the bundle of release {version} is not in {folder} "
                           f"(its offline-site.zip is what the update applies to): {exc}") from None


def _bundle(root, kb, version, date, previous, old, frozen, frozen_bytes, bundle, delta_from, before, progress) -> Path:
    from .views import downloads

    stamp, epoch = _stamp(date)
    files: dict[str, bytes] = {}
    files[f"cii-{version}.json"] = frozen_bytes
    # The JSON's schema and the parts it refers to, side by side as the references expect them.
    files |= {f"schemas/{name}": data for name, data in snapshot.schemas().items()}
    files[f"cii-{version}.csv"] = downloads.as_csv(kb)
    files[f"cii-{version}.xlsx"] = downloads.as_xlsx(kb, date, version)
    files["release-notes.md"] = releases.notes(version, date.isoformat(), previous, old, frozen).encode("utf-8")
    progress("offline site")
    site = offline_site(root, epoch)
    files["offline-site.zip"] = write_zip(site, stamp)
    if delta_from is not None:
        progress(f"update from {delta_from}")
        files[f"update-{delta_from}-to-{version}.zip"] = update_zip(before, site, delta_from, version, stamp)
    manifest = {"version": version, "date": date.isoformat(), "schema_version": snapshot.SCHEMA_VERSION,
                "source_revision": source_revision(root),
                "files": [{"path": name, "sha256": releases.digest(data), "bytes": len(data)} for name, data in sorted(files.items())]}
    files["manifest.json"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    progress("bundle")
    write_all({bundle / name: data for name, data in files.items()})
    policy.mark(bundle.parent, "cop release")  # the folder of bundles is ours: the next release may write there
    return bundle


def update_zip(before: dict[str, bytes], after: dict[str, bytes], old: str, new: str, stamp: dt.datetime) -> bytes:
    """The files of `after` that `before` lacks or holds otherwise, and update.json: what the folder
    holds before (to refuse the wrong folder), what to remove, and what it holds after."""
    changed = {name: data for name, data in after.items() if before.get(name) != data}
    plan = {"format": UPDATE_FORMAT, "from": old, "to": new,
            "before": {name: releases.digest(data) for name, data in sorted(before.items())},
            "remove": sorted(set(before) - set(after)),
            "after": {name: releases.digest(data) for name, data in sorted(after.items())}}
    files = {f"files/{name}": data for name, data in changed.items()}
    files["update.json"] = (json.dumps(plan, indent=1, sort_keys=True) + "\n").encode()
    return write_zip(files, stamp)


class UpdateRefused(Exception):
    pass


def _folder_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): releases.digest(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def apply_update(update: Path, folder: Path) -> tuple[int, int]:
    """Turns the offline folder of release FROM into that of release TO; refuses any other folder.
    Returns (files written, files removed)."""
    try:
        with zipfile.ZipFile(update) as archive:
            plan = json.loads(archive.read("update.json"))
            payload = {name[len("files/"):]: archive.read(name) for name in archive.namelist() if name.startswith("files/")}
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise UpdateRefused(f"{update} is not an update of an offline copy: {exc}") from None
    if plan.get("format") != UPDATE_FORMAT:
        raise UpdateRefused(f"{update} is an update of another format ({plan.get('format')}); use the cop that made it")
    if not folder.is_dir():
        raise UpdateRefused(f"{folder} is not a folder")
    if any(p.is_symlink() for p in folder.rglob("*")):
        raise UpdateRefused(f"{folder} holds a symbolic link; an offline copy holds none")
    present = _folder_files(folder)
    if present != plan["before"]:
        if present == plan["after"]:
            raise UpdateRefused(f"{folder} is release {plan['to']} already")
        differ = sorted(name for name in set(present) | set(plan["before"]) if present.get(name) != plan["before"].get(name))
        raise UpdateRefused(f"{folder} is not the offline copy of release {plan['from']} ({len(differ)} files differ, "
                            f"first {differ[0]}); nothing was changed")
    for name, data in payload.items():
        if releases.digest(data) != plan["after"].get(name):
            raise UpdateRefused(f"{update} is damaged: {name} is not what update.json says; nothing was changed")
    write_all({folder / name: data for name, data in payload.items()})
    for name in plan["remove"]:
        (folder / name).unlink()
    for parent in sorted({(folder / name).parent for name in plan["remove"]}, key=lambda p: len(p.parts), reverse=True):
        if parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
    return len(payload), len(plan["remove"])

