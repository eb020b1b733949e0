"""`cop pack`: one zip per audience for a workshop, reproducible and written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Callable, NamedTuple

from .. import agenda, load
from ..atomic import write_all
from ..check import check_loaded, has_errors
from ..outputs import scratch
from ..parallel import map_shared
from ..rules import nearest
from . import documents, people, slides
from .archive import write_zip

AUDIENCES = ("participant", "facilitator")


class PackError(Exception):
    pass


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def source_revision(root: Path) -> str:
    """The commit the data comes from, marked when the working tree differs from it."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return "unknown (not a git checkout)"
    dirty = _git(root, "status", "--porcelain", "--", "practices", "workshops", "docs", "releases")
    return head + ("+uncommitted-changes" if dirty else "")


def pack_epoch(root: Path, kb, given: int | None = None) -> int:
    """The moment a pack speaks of: the one given, else the last commit, else the newest review date."""
    if given is not None:
        return given
    committed = _git(root, "log", "-1", "--format=%ct")
    if committed and committed.isdigit():
        return int(committed)
    newest = max((e.last_reviewed for e in kb.entries.values()), default=dt.date(1980, 1, 1))
    return int(dt.datetime.combine(newest, dt.time(), tzinfo=dt.timezone.utc).timestamp())


class _Part(NamedTuple):
    """A file of the packs (or the audiences' offline sites), made by one process while another
    core makes the others."""

    name: str
    make: Callable[[], object]
    cost: float  # seconds it took on the real workshop: only the order matters, longest first
    sites: bool = False  # the offline sites, by audience


def make(root: Path, workshop_id: str, audiences: tuple[str, ...], out: Path, progress,
         epoch: int | None = None, participants: Path | None = None) -> list[Path]:
    """epoch: the moment the pack speaks of (seconds since 1970); None for its last commit.
    participants: a CSV of the people attending (people.py; its problems are reported under this path),
    for their certificates and the attendance sheet in the facilitator zip; the list goes into no zip."""
    loaded = load.load(root)
    kb = loaded.kb
    problems = check_loaded(loaded)
    if has_errors(problems):
        raise PackError("cop check found errors; fix them first:\n" + "".join(p.text() + "\n" for p in problems if p.severity == "error"))
    if workshop_id not in kb.workshops:
        hint = nearest(workshop_id, kb.workshops)
        raise PackError(f"no workshop '{workshop_id}' in workshops/" + (f"; {hint}" if hint else ""))
    workshop = kb.workshops[workshop_id]
    # Read before anything is made: a wrong list stops the pack at once.
    attending = (people.read(participants, kb, published=root / "docs")
                 if participants is not None else None)
    certify = attending is not None and "facilitator" in audiences
    epoch = pack_epoch(root, kb, epoch)
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).replace(tzinfo=None)
    when = stamp.date()
    revision = source_revision(root)
    parts = [
        _Part("handout.pdf", lambda: documents.pdf_bytes(documents.handout(kb, workshop, when)), 7.0),
        _Part("slides.pptx", lambda: slides.deck(kb, workshop, when, answers=False), 1.3),
    ]
    if "facilitator" in audiences:
        parts += [
            _Part("facilitator-guide.pdf", lambda: documents.pdf_bytes(
                documents.facilitator_guide(kb, workshop, when, people=certify)), 3.5),
            _Part("facilitator-slides.pptx", lambda: slides.deck(kb, workshop, when, answers=True), 1.3),
        ]
    if certify:
        parts += [
            _Part(people.CERTIFICATES, lambda: people.certificates(kb, workshop, attending), 1.0 + 0.1 * len(attending)),
            _Part(people.ATTENDANCE_SHEET, lambda: people.attendance_sheet(kb, workshop, attending), 0.5),
        ]

    def sites() -> dict[str, dict[str, bytes]]:
        # Participants' edition of the site shows the pack's own exercise cases without their
        # analyses: those are the answer keys of the day. Facilitators' edition shows this
        # workshop's facilitator notes on its page, marked as such. One after the other in one
        # process: the second finds the first's drawings, templates and rendered texts.
        return {audience: offline_site(root, epoch, agenda.case_ids(kb, workshop) if audience == "participant" else [],
                                       [workshop_id] if audience == "facilitator" else [])
                for audience in audiences}

    parts.append(_Part(f"offline site{'s' if len(audiences) > 1 else ''} ({', '.join(audiences)})", sites,
                       4.5 * len(audiences), sites=True))
    steps = len(parts) + 1 + len(audiences)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        progress(f"[{done}/{steps}] {what}")

    made = list(zip(parts, map_shared(lambda part: part.make(), parts, at_least=1, cost=lambda part: part.cost,
                                      started=lambda i: step(parts[i].name))))
    files = {part.name: result for part, result in made if not part.sites}
    site_files = {audience: {f"site/{path}": data for path, data in built.items()}
                  for part, result in made if part.sites for audience, built in result.items()}
    step("checksums")

    def zipped(audience: str) -> bytes:
        names = ["handout.pdf", "slides.pptx"] + (["facilitator-guide.pdf", "facilitator-slides.pptx"]
                                                  if audience == "facilitator" else [])
        if audience == "facilitator" and certify:
            names += [people.CERTIFICATES, people.ATTENDANCE_SHEET]
        content = {name: files[name] for name in names}
        content.update(site_files[audience])
        manifest = {
            "workshop": workshop_id, "title": workshop.title, "audience": audience, "source_revision": revision,
            "generated": when.isoformat(),
            "files": [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                      for name, data in sorted(content.items())],
        }
        content["manifest.json"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
        return write_zip(content, stamp)

    zips = dict(zip([out / f"{workshop_id}-{audience}.zip" for audience in audiences],
                    map_shared(zipped, list(audiences), at_least=1,
                               started=lambda i: step(f"{workshop_id}-{audiences[i]}.zip"))))
    # All or none: a full disk while writing the second zip leaves the first as it was too.
    write_all(zips)
    return list(zips)


def offline_site(root: Path, epoch: int, withheld: list[str] = (), facilitator_view: list[str] = ()) -> dict[str, bytes]:
    """The offline edition of the site, as its files (path in the site -> bytes); a release ships it too."""
    from ..site.build import BuildFailed, build_site
    from ..site.compress import SUFFIXES as COMPRESSED

    # Recorded, so that a signal in the middle of the build leaves nothing in the temp folder.
    with scratch.directory("pack") as tmp:
        target = Path(tmp) / "site"
        try:
            build_site(root, target, offline=True, epoch=epoch, withhold_cases=list(withheld),
                       facilitator_view=list(facilitator_view))
        except BuildFailed as exc:
            raise PackError(f"the offline site did not build: {exc}") from None
        # Precompressed copies serve slow links from a server; a pack is opened from disk.
        return {p.relative_to(target).as_posix(): p.read_bytes()
                for p in sorted(target.rglob("*")) if p.is_file() and p.suffix not in COMPRESSED}


def terminal_progress(message: str) -> None:
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)
