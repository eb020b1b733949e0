"""The `cop` command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .missing import MissingTool


def _fail(message: str) -> None:
    click.echo(f"cop: {message}", err=True)
    sys.exit(2)


def _root(option: str | None, paths: tuple[str, ...]) -> Path:
    from .load import find_root

    if option:
        root = Path(option)
        if not (root / "practices").is_dir():
            _fail(f"{option} has no practices/ folder")
        return root.resolve()
    # A single path that is itself a project (it holds practices/) is checked as one.
    if len(paths) == 1 and (Path(paths[0]) / "practices").is_dir():
        return Path(paths[0]).resolve()
    start = Path(paths[0]) if paths else Path.cwd()
    root = find_root(start if start.is_dir() else start.parent)
    if root is None:
        _fail("no practices/ folder here or above; run cop inside the project or pass --root")
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cop")
def main() -> None:
    """Tools for the CII Community of Practice knowledge base."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations")
@click.option("--list-rules", is_flag=True, help="List the rules with a one-line description each, then exit.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from PATHS or here).")
@click.option("--changed", "base", is_flag=False, flag_value="HEAD", default=None, metavar="[BASE]",
              help="Check only what changed since BASE (a git revision; default HEAD, i.e. uncommitted work), "
                   "plus the cross-file rules the change can break.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True, help="Check as of this date.")
def check(paths, fmt, list_rules, root, base, today):
    """Check the knowledge base; report problems as path:line:col: rule-id: message.

    Exit status: 0 no errors (warnings may be printed), 1 errors found, 2 could not run.
    PATHS limit the report to those files or folders; every rule still sees the whole
    knowledge base, since a change in one file can break another.
    """
    from .rules import all_rules, marks, summary

    if list_rules:
        rules = all_rules()
        width = max(len(r.ID) for r in rules)
        for rule in rules:
            click.echo(f"{rule.ID:<{width}}  {summary(rule)}{marks(rule)}")
        return
    from .check import has_errors, run, within
    from .problems import render

    project = _root(root, paths)
    if base is not None:
        from .changes import GitError, changed_files
        from .check import run_changed

        try:
            changed = changed_files(project, base)
        except GitError as exc:
            _fail(f"--changed {base}: {exc}")
        problems = run_changed(project, changed, today.date() if today else None)
    else:
        problems = run(project, today.date() if today else None)
    if paths and not (len(paths) == 1 and Path(paths[0]).resolve() == project):
        problems = within(problems, project, [Path(p) for p in paths])
    sys.stdout.write(render(problems, fmt))
    if fmt == "text" and sys.stderr.isatty() and problems:
        errors = sum(p.severity == "error" for p in problems)
        click.echo(f"{errors} error(s), {len(problems) - errors} warning(s)", err=True)
    sys.exit(1 if has_errors(problems) else 0)


@main.command()
@click.argument("kind", type=click.Choice(["office", "practice", "test", "case", "workshop"]))
@click.argument("ids", nargs=-1, required=True)
@click.option("--all-topics", is_flag=True, help="With practice OFFICE: one entry for every topic that has none yet.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def new(kind, ids, root, all_topics):
    """Write a new data file from a template: office CODE | practice OFFICE TOPIC | test OFFICE ID | case ID | workshop ID.

    Every field is present and commented; values to supply read <<...>> and `cop check`
    names each one left. An existing file is never overwritten.
    """
    import re

    from . import load, scaffold
    from .rules import nearest

    project = _root(root, ())
    loaded = load.load(project)
    kb, files = loaded.kb, loaded.files
    if all_topics:
        if kind != "practice" or len(ids) != 1:
            _fail("--all-topics goes with: cop new practice OFFICE --all-topics")
        missing = [t.id for t in kb.topics_in_order() if not files.has_file("entry", f"{ids[0]}/{t.id}")]
        if files.declared_office(ids[0]):  # it may still hold its own placeholders
            for topic in missing:
                written = scaffold.create(project, kind, (ids[0], topic), kb, _today())
                click.echo(f"wrote {written[0].relative_to(project)}")
            click.echo("fill in every <<...>>, then run: cop check")
            return
        ids = (ids[0], "")  # reported below as an unknown office
    expected = {"office": 1, "practice": 2, "test": 2, "case": 1, "workshop": 1}[kind]
    if len(ids) != expected:
        _fail(f"cop new {kind} takes {expected} argument(s): " + {"office": "CODE", "practice": "OFFICE TOPIC", "test": "OFFICE ID",
                                                                 "case": "ID", "workshop": "ID"}[kind])
    if kind == "office" and not re.fullmatch(r"[A-Z]{2}", ids[0]):
        _fail(f"'{ids[0]}' is not a WIPO ST.3 code: two upper-case letters, e.g. SG")
    if kind in ("practice", "test"):
        code, topic = ids
        if not files.declared_office(code):
            hint = nearest(code, kb.offices)
            _fail(f"no office '{code}' (practices/{code}/office.yaml)" + (f"; {hint}" if hint else "; run cop new office first"))
        if kind == "practice" and topic not in kb.topics:
            hint = nearest(topic, kb.topics)
            _fail(f"no topic '{topic}' in practices/topics.yaml" + (f"; {hint}" if hint else ""))
    name = ids[-1] if kind == "test" else ids[0]
    if kind in ("test", "case", "workshop") and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        _fail(f"'{name}' is not an id: lower-case words joined by hyphens")
    if kind in ("case", "workshop"):
        from .names import reserved_page_id

        reason = reserved_page_id(ids[0])
        if reason:
            _fail(f"{kind} id {reason}; choose another id")
    try:
        written = scaffold.create(project, kind, ids, kb, _today())
    except scaffold.Exists as exc:
        _fail(f"not overwriting {exc}")
    for path in written:
        click.echo(f"wrote {path.relative_to(project)}")
    click.echo("fill in every <<...>>, then run: cop check")


def _today():
    import datetime as dt

    return dt.date.today()


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def stats(fmt, root):
    """What the knowledge base holds, and entries by review status and citations checked, per office."""
    import dataclasses
    import json

    from . import load, stats as office_stats

    project = _root(root, ())
    kb = load.load(project).kb
    figures = office_stats.by_office(kb)
    held = office_stats.contents(kb)
    if fmt == "json":
        click.echo(json.dumps({"contents": dataclasses.asdict(held), "offices": [s.as_dict() for s in figures],
                               "total": office_stats.total(figures).as_dict()}, indent=1))
        return
    click.echo(held.sentence() + "\n")
    table = [office_stats.COLUMNS] + office_stats.rows(figures)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


@main.command()
@click.option("--check", "only_check", is_flag=True, help="Exit 1 if the file is out of date instead of writing it.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def codeowners(only_check, root):
    """Write .github/CODEOWNERS from the maintainers in each office.yaml."""
    from . import load
    from .atomic import write_text
    from .codeowners import PATH, render
    from .outputs.errors import NotWritten, reason
    from .outputs.policy import check_codeowners

    project = _root(root, ())
    try:
        target = check_codeowners(project, PATH)
    except NotWritten as exc:
        _fail(str(exc))
    loaded = load.load(project)
    kb = loaded.kb
    broken = [p for p in loaded.problems if p.path.endswith("/office.yaml") or p.path == "cop.yaml"]
    if broken:
        _fail("an office file or cop.yaml has errors; fix them first (cop check):\n" + "".join(p.text() + "\n" for p in broken))
    wanted = render(kb)
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if only_check:
        if current != wanted:
            click.echo(f"{PATH} is out of date; run: cop codeowners", err=True)
            sys.exit(1)
        click.echo(f"{PATH} is up to date")
        return
    if current != wanted:
        try:
            write_text(target, wanted)
        except OSError as exc:
            _fail(f"cannot write {PATH}: {reason(exc)}")
    click.echo(f"wrote {PATH}")


def _source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention for "the moment this output speaks
    of": read here, at the command line, and passed on as a parameter."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def _waiting(message: str) -> None:
    click.echo(f"cop: {message}", err=True)


@main.command()
@click.option("--offline", is_flag=True, help="Build a folder that works from file://, search included.")
@click.option("--site-dir", type=click.Path(file_okay=False), help="Where to write the site (default: site/, or site-offline/).")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def build(offline, site_dir, root):
    """Build the site with the knowledge base's generated pages.

    The previous site is replaced only when the build succeeds.
    """
    from .outputs.claim import output_folder
    from .outputs.errors import NotWritten
    from .outputs.policy import mark
    from .site.build import BuildFailed, build_site

    project = _root(root, ())
    default = project / ("site-offline" if offline else "site")
    target = Path(site_dir) if site_dir else default
    shown = f"--site-dir {site_dir}" if site_dir else f"{default.name}/"
    try:
        with output_folder(project, target, "cop build", shown=shown, default=target.resolve() == default,
                           waiting=_waiting) as where:
            build_site(project, where, offline=offline, epoch=_source_date_epoch(),
                       before_swap=lambda staging: mark(staging, "cop build"))
    except BuildFailed as exc:
        click.echo(f"cop build: {exc}", err=True)
        sys.exit(1)
    except NotWritten as exc:
        _fail(str(exc))
    click.echo(f"built {target}" + (" (offline: open index.html from the file system)" if offline else ""), err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on (0.0.0.0 for every network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port.")
@click.option("--site-dir", type=click.Path(file_okay=False), help="The built site to serve (default: site/).")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def serve(host, port, site_dir, root):
    """Serve a built site as examiners get it: precompressed, cached, locked down by its headers.

    Build it first with `cop build` (`make serve` does both). Stop with Ctrl-C.
    """
    from .serving.app import ServeError, serve as run_server

    site = Path(site_dir) if site_dir else _root(root, ()) / "site"
    try:
        run_server(site, host, port, ready=lambda url: click.echo(f"serving {site} on {url} (Ctrl-C stops)", err=True))
    except ServeError as exc:
        _fail(str(exc))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def preview(host, port, root):
    """Preview the site while editing: rebuilt and reloaded on every save, the data's problems shown on its pages.

    For contributors (`make preview`); examiners get `cop serve`.
    """
    from .site.preview import PreviewError, preview as run_preview

    try:
        run_preview(_root(root, ()), host, port)
    except PreviewError as exc:
        _fail(str(exc))


@main.command("server-config")
@click.argument("server", type=click.Choice(["nginx", "apache", "iis"]))
@click.option("--site-dir", type=click.Path(file_okay=False), help="The built site (default: site/).")
@click.option("--listen", default="80", show_default=True, help="nginx only: the address and port to listen on.")
@click.option("--brotli", is_flag=True, help="nginx only: also send the .br files (needs the ngx_brotli module).")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def server_config(server, site_dir, listen, brotli, root):
    """Print the configuration that serves a built site with the same headers as `cop serve`.

    nginx: a server block (include it in http {}); apache: an .htaccess for the site's folder;
    iis: a web.config for the site's folder. Run it again after each build.
    """
    from .serving import configs, policy

    site = (Path(site_dir) if site_dir else _root(root, ()) / "site").resolve()
    try:
        rules = policy.read(site)
    except policy.PolicyError as exc:
        _fail(str(exc))
    click.echo(configs.render(server, rules, site, listen=listen, brotli=brotli), nl=False)


@main.group()
def review() -> None:
    """An office's review round without Git: export a workbook, import it filled."""


@review.command("export")
@click.argument("office")
@click.option("--out", type=click.Path(dir_okay=False), help="The workbook to write (default: dist/review/OFFICE.xlsx).")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def review_export(office, out, root):
    """Write the review workbook of OFFICE (one row per entry and case analysis, locked but for the
    reviewer's columns) and a PDF of the same rows beside it, to mark up by hand."""
    from . import load
    from .atomic import write_all
    from .packs.documents import pdf_bytes
    from .review.printed import document
    from .review.sheet import workbook

    project = _root(root, ())
    kb = load.load(project).kb
    code = office.upper()
    if code not in kb.offices:
        _fail(f"no office {office!r}; the offices are {', '.join(sorted(kb.offices))}")
    target = Path(out) if out else project / "dist" / "review" / f"{code}.xlsx"
    paper = target.with_suffix(".pdf")
    today = _today()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_all({target: workbook(kb, code, today), paper: pdf_bytes(document(kb, code, today))})
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(str(target))
    click.echo(str(paper))


@review.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def review_import(workbook, dry_run, root):
    """Apply a filled review workbook to its office's entries; refuse it whole if anything is wrong."""
    from . import load
    from .atomic import write_all
    from .review.importing import ReviewRefused, plan

    project = _root(root, ())
    try:
        changes = plan(project, load.load(project).kb, Path(workbook), _today())
    except ReviewRefused as exc:
        _fail(str(exc))
    if dry_run:
        click.echo(changes.diff(), nl=False)
    else:
        try:
            write_all({project / rel: new.encode("utf-8") for rel, (_, new) in changes.texts.items()})
        except OSError as exc:
            _fail(f"cannot write the entries: {exc.strerror or exc}")
    click.echo(changes.summary(), err=True)


@main.command()
@click.argument("workshop")
@click.option("--audience", type=click.Choice(["participant", "facilitator", "all"]), default="all", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default="dist/packs", show_default=True,
              help="Folder for the zips (relative to the project).")
@click.option("--participants", metavar="CSV",
              help="A CSV of the people attending (a path from here; columns name, office, email, the last two "
                   "optional): adds a certificate for each and the attendance sheet to the facilitator zip. "
                   "The list itself goes into no zip.")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def pack(workshop, audience, out, participants, root):
    """Export a workshop as one zip per audience: handout, slides, offline site, manifest
    (and for facilitators the guide with answer keys and the answer deck).

    A wrong participants' list is reported as CSV:line:col: participants: message, with exit status 1.

    The same input gives the same bytes; an earlier pack is replaced only by a complete one.
    """
    from .outputs import interrupt
    from .outputs.claim import output_folder
    from .outputs.errors import NotWritten

    project = _root(root, ())
    target = Path(out) if Path(out).is_absolute() else project / out
    try:
        with output_folder(project, target, "cop pack", shown=f"--out {out}", into=True, waiting=_waiting) as where:
            # Imported once the output is known to be writable: the import alone takes half a second.
            from .packs.pack import AUDIENCES, PackError, make, terminal_progress
            from .packs.people import ParticipantsError

            def progress(message: str) -> None:
                interrupt.checkpoint()  # a library may have swallowed the signal; stop between steps
                terminal_progress(message)

            try:
                written = make(project, workshop, AUDIENCES if audience == "all" else (audience,), where, progress,
                               epoch=_source_date_epoch(),
                               participants=Path(participants) if participants is not None else None)
            except PackError as exc:
                click.echo(f"cop pack: {exc}", err=True)
                sys.exit(1)
            except ParticipantsError as exc:
                click.echo(str(exc), err=True)  # path:line:col: participants: message, as cop check prints
                sys.exit(1)
    except NotWritten as exc:
        _fail(str(exc))
    for path in written:
        click.echo(str(path))


@main.command()
@click.argument("version")
@click.option("--date", "day", help="The release's date, YYYY-MM-DD (default: today).")
@click.option("--delta", "delta_from", metavar="FROM",
              help="Also write an update that turns release FROM's offline copy into this one's.")
@click.option("--out", type=click.Path(file_okay=False), default="dist/releases", show_default=True,
              help="Folder for the release bundles (relative to the project).")
@click.option("--root", type=click.Path(file_okay=False), help="The project folder (default: found from here).")
def release(version, day, delta_from, out, root):
    """Freeze the knowledge base as data release VERSION (a calendar version such as 2026.11).

    Writes releases/VERSION.json and its line in practices/releases.yaml (commit both), and the
    bundle OUT/VERSION/: JSON with its schema, CSV, XLSX, release notes, the offline site, a
    manifest; with --delta FROM, an update for offline copies of release FROM.
    """
    import datetime as dt

    from .outputs import interrupt
    from .outputs.claim import output_folder
    from .outputs.errors import NotWritten

    project = _root(root, ())
    try:
        date = dt.date.fromisoformat(day) if day else _today()
    except ValueError:
        _fail(f"--date {day}: not a date (YYYY-MM-DD)")
    target = Path(out) if Path(out).is_absolute() else project / out
    try:
        with output_folder(project, target, "cop release", shown=f"--out {out}", into=True, waiting=_waiting) as where:
            from .packs.pack import terminal_progress
            from .releasing import ReleaseError, make

            def progress(message: str) -> None:
                interrupt.checkpoint()
                terminal_progress(message)

            try:
                bundle = make(project, version, date, where, delta_from, progress)
            except ReleaseError as exc:
                click.echo(f"cop release: {exc}", err=True)
                sys.exit(1)
    except NotWritten as exc:
        _fail(str(exc))
    click.echo(str(bundle))


@main.command("update-offline")
@click.argument("update", type=click.Path(dir_okay=False))
@click.argument("folder", type=click.Path(file_okay=False))
def update_offline(update, folder):
    """Apply UPDATE (update-FROM-to-TO.zip of a release bundle) to FOLDER, the offline copy of release
    FROM; afterwards it is byte for byte release TO's. Any other folder is refused, unchanged."""
    from .releasing import UpdateRefused, apply_update

    try:
        written, removed = apply_update(Path(update), Path(folder))
    except UpdateRefused as exc:
        click.echo(f"cop update-offline: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{folder}: {written} files written, {removed} removed")


def run() -> None:
    """Entry point: exit 0, 1 (problems found) or 2 (could not run), 128 + N on signal N; never a traceback.

    A signal raises interrupt.Stopped once; it unwinds the command through its cleanup, and
    whatever temporaries are still recorded are removed here before cop exits.
    """
    from .outputs import interrupt, scratch

    interrupt.install()
    outcome: SystemExit | None = None
    try:
        try:
            try:
                outcome = _invoke()
            finally:
                interrupt.leaving()
        except interrupt.Stopped:
            pass  # the handler raises once, so nothing can raise after this point
    finally:
        scratch.sweep()
    signum = interrupt.received()
    if signum is not None:
        click.echo(f"cop: {interrupt.describe(signum)}", err=True)
        sys.exit(interrupt.exit_status(signum))
    raise outcome if outcome is not None else SystemExit(0)


def _invoke() -> SystemExit:
    try:
        main(standalone_mode=True)
    except SystemExit as exc:
        return exc
    except MissingTool as exc:  # a tool the machine lacks, whichever command met it first
        click.echo(f"cop: {exc}", err=True)
        return SystemExit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for contributors
        if os.environ.get("COP_DEBUG"):
            raise
        click.echo(f"cop: internal error: {type(exc).__name__}: {exc} (set COP_DEBUG=1 for details and please "
                   "report it)", err=True)
        return SystemExit(2)
    return SystemExit(0)


if __name__ == "__main__":  # pragma: no cover
    run()
