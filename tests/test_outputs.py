"""Outputs are never the project, never half-written, never debris.

`cop build`, `cop pack` and `cop codeowners` run as real commands: a refused target is left
byte for byte as it was, a marked earlier output is replaced, writers of one folder take turns,
a signal leaves no temporary behind and gives 128 + its number, and an I/O failure is one plain
line with exit 2 while the previous output stays.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, CliResult

EPOCH = "1780272000"
PREFIX = ".cop-"


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry below FOLDER, links not followed: file bytes, 'dir', or where a link points."""
    found: dict[str, object] = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = path.read_bytes()
    return found


def debris(*folders: Path) -> list[str]:
    """Temporaries left in these folders: cop's staging, swap and probe names (lock files and the
    output marker are meant to stay)."""
    left = []
    for folder in folders:
        if folder.is_dir():
            left += [str(p) for p in folder.iterdir()
                     if p.name.startswith(PREFIX) and not p.name.endswith(".lock") and p.name != ".cop-output"]
    return left


def env(tmp: Path | None = None) -> dict[str, str]:
    extra = {"SOURCE_DATE_EPOCH": EPOCH}
    if tmp is not None:
        extra["TMPDIR"] = str(tmp)
    return {**os.environ, **extra}


def start(project, *args: str, tmp: Path | None = None, limit: int | None = None) -> subprocess.Popen:
    def child():
        # A test runner started in the background may pass SIGINT on ignored; cop would keep it so.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.Popen([sys.executable, "-m", "cop.cli", *args], cwd=project.root, env=env(tmp),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=child)


def finish(proc: subprocess.Popen) -> CliResult:
    out, err = proc.communicate(timeout=120)
    return CliResult(proc.returncode, out, err)


def run(project, *args: str, tmp: Path | None = None, limit: int | None = None) -> CliResult:
    return finish(start(project, *args, tmp=tmp, limit=limit))


def wait_for(found, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not found():
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.01)


def plain_failure(result: CliResult, start: str) -> None:
    assert result.code == 2, result.err
    assert result.err.startswith(f"cop: {start}"), result.err
    assert "internal error" not in result.err and "Traceback" not in result.err


def fake_pack(path: Path) -> None:
    """A zip such as `cop pack` writes, enough for it to know its own earlier output."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", '{"workshop": "demo", "audience": "participant", "files": []}')


@pytest.fixture
def sources(project):
    """The fixture project with the other things a checkout holds: git, code, someone's notes."""
    project.write(".git/HEAD", "ref: refs/heads/main\n")
    project.write("scripts/cop/cli.py", "print('the package')\n")
    project.write("notes/keep.txt", "mine\n")
    project.write("README.md", "a file, not a folder\n")
    (project.root / "alias").symlink_to(project.root)
    (project.root / "pages").symlink_to(project.root / "docs")
    return project


REFUSED = [".", "..", "alias", "docs", "docs/new", "pages", "practices", "practices/EP", "workshops",
           ".git", "scripts", "notes", "docs/../practices/.."]


@pytest.mark.parametrize("target", REFUSED)
def test_cop_build_refuses_the_project_its_sources_and_unmarked_folders_touching_nothing(sources, tmp_path, target):
    before = snapshot(tmp_path)
    result = sources.cop("build", "--site-dir", target)
    plain_failure(result, f"refusing --site-dir {target}: ")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", [".", "..", "docs", "practices/EP"])
def test_build_site_itself_never_replaces_the_project_or_its_sources(sources, tmp_path, target):
    from cop.outputs.errors import Refused
    from cop.site.build import build_site

    before = snapshot(tmp_path)
    with pytest.raises(Refused, match="refusing"):
        build_site(sources.root, sources.root / target)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", [".", "..", "docs", "workshops", ".git", "notes", "site-elsewhere"])
def test_cop_pack_refuses_the_same_before_rendering_anything(sources, tmp_path, target):
    if target == "site-elsewhere":  # another command's output is not a pack folder either
        assert sources.cop("build", "--site-dir", "site-elsewhere").code == 0
    before = snapshot(tmp_path)
    result = sources.cop("pack", "demo", "--out", target)
    plain_failure(result, f"refusing --out {target}: ")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("arrange, reason", [
    ("github-link", ".github is a symbolic link"),
    ("codeowners-link", ".github/CODEOWNERS is a symbolic link"),
    ("github-file", ".github is not a folder"),
    ("codeowners-folder", ".github/CODEOWNERS is not a regular file"),
])
def test_cop_codeowners_writes_only_a_real_file_in_the_projects_github_folder(project, tmp_path, arrange, reason):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "CODEOWNERS").write_text("someone else's\n")
    github = project.path(".github")
    for child in github.iterdir():
        child.unlink()
    github.rmdir()
    if arrange == "github-link":
        github.symlink_to(elsewhere)
    elif arrange == "github-file":
        github.write_text("not a folder\n")
    else:
        github.mkdir()
        if arrange == "codeowners-link":
            (github / "CODEOWNERS").symlink_to(elsewhere / "CODEOWNERS")
        else:
            (github / "CODEOWNERS").mkdir()
    before = snapshot(tmp_path)
    for args in (("codeowners",), ("codeowners", "--check")):
        result = project.cop(*args)
        plain_failure(result, "refusing to write .github/CODEOWNERS: ")
        assert reason in result.err
    assert snapshot(tmp_path) == before


def test_cop_codeowners_writes_a_real_file(project):
    project.write(".github/CODEOWNERS", "stale\n")
    result = project.cop("codeowners")
    assert result.code == 0, result.err
    assert project.read(".github/CODEOWNERS").startswith("# Generated by `cop codeowners`")
    assert sorted(p.name for p in project.path(".github").iterdir()) == ["CODEOWNERS"]


def test_a_marked_earlier_output_is_replaced_whole(project):
    assert project.cop("build", "--site-dir", "out").code == 0
    out = project.path("out")
    assert (out / ".cop-output").read_text().splitlines()[0] == "cop build"
    (out / "stray.txt").write_text("from the earlier output\n")
    result = project.cop("build", "--site-dir", "out")
    assert result.code == 0, result.err
    assert not (out / "stray.txt").exists() and (out / "index.html").is_file()
    assert (out / ".cop-output").read_text().splitlines()[0] == "cop build"
    assert debris(project.root, out) == []


def test_a_site_from_before_markers_is_taken_at_the_default_place_only(project):
    """A checkout's site/ from before this change has no marker: it is a site, at the place cop
    build writes by default, so it is replaced; the same folder elsewhere is someone's files."""
    assert project.cop("build", "--site-dir", "out").code == 0
    (project.path("out") / ".cop-output").unlink()
    shutil.copytree(project.path("out"), project.path("site"))
    result = project.cop("build")
    assert result.code == 0, result.err
    assert project.path("site/.cop-output").is_file()
    before = snapshot(project.path("out"))
    plain_failure(project.cop("build", "--site-dir", "out"), "refusing --site-dir out: it holds files")
    assert snapshot(project.path("out")) == before
    project.write("site-offline/notes.txt", "not a site\n")
    plain_failure(project.cop("build", "--offline"), "refusing site-offline/: ")
    assert project.read("site-offline/notes.txt") == "not a site\n"


def test_builds_into_one_folder_at_once_take_turns_and_leave_no_staging(project):
    procs = [start(project, "build", "--site-dir", "out") for _ in range(4)]
    results = [finish(proc) for proc in procs]
    for result in results:
        assert result.code == 0, result.err
        assert "internal error" not in result.err
    assert sum("waiting for another cop command" in r.err for r in results) >= 1
    assert debris(project.root, project.path("out")) == []
    assert project.path("out/index.html").is_file() and project.path("out/.cop-output").is_file()


def test_a_writer_that_waits_too_long_gives_up_with_a_clear_message(project, monkeypatch):
    from filelock import FileLock

    from cop.outputs import lock
    from cop.outputs.claim import output_folder
    from cop.outputs.errors import Busy

    target = project.path("out")
    monkeypatch.setattr(lock, "TIMEOUT", 0.3)
    said = []
    with FileLock(str(lock.path_for(target))):
        with pytest.raises(Busy, match="another cop command has been writing .*out for over 0 s"):
            with output_folder(project.root, target, "cop build", shown="--site-dir out", waiting=said.append):
                pytest.fail("entered while another writer held the lock")
    assert said == [f"waiting for another cop command to finish writing {target}"]


@pytest.mark.parametrize("signals, status, word", [
    ((signal.SIGTERM,), 143, "terminated"),
    ((signal.SIGINT,), 130, "interrupted"),
    ((signal.SIGTERM, signal.SIGINT, signal.SIGTERM), 143, "terminated"),  # more while cleaning up
])
def test_a_signal_during_cop_build_leaves_the_previous_site_and_no_staging(project, signals, status, word):
    assert project.cop("build", "--site-dir", "out").code == 0
    before = snapshot(project.path("out"))
    proc = start(project, "build", "--site-dir", "out")
    wait_for(lambda: any(p.name.startswith(".cop-new-out-") for p in project.root.iterdir()), "the staging folder")
    time.sleep(0.05)  # into the build proper: loading, checking, rendering take a second from here
    for signum in signals:
        proc.send_signal(signum)
        time.sleep(0.005)
    result = finish(proc)
    assert result.code == status, result.err
    assert result.err.strip().splitlines()[-1] == f"cop: {word}"
    assert "Aborted!" not in result.err and "Traceback" not in result.err
    assert debris(project.root, project.path("out")) == []
    assert snapshot(project.path("out")) == before


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_cop_pack_leaves_nothing_in_the_temp_folder(project, tmp_path, signum, status):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start(project, "pack", "demo", "--out", "packs", tmp=tmp)
    # Mid-way through the offline site: the pack's work folder holds a staging folder of its own.
    wait_for(lambda: any(tmp.glob(".cop-pack-*/.cop-new-site-*")), "the offline site's staging folder")
    proc.send_signal(signum)
    result = finish(proc)
    assert result.code == status, result.err
    assert "Traceback" not in result.err and "Aborted!" not in result.err
    assert list(tmp.iterdir()) == []
    assert debris(project.root) == [] and not project.path("packs").exists()


def test_a_read_only_output_is_one_plain_line(project, tmp_path):
    if os.geteuid() == 0:  # root writes through any mode bits; /proc takes no new files from anyone
        target = "/proc/cop-site"
    else:
        (tmp_path / "ro").mkdir(mode=0o555)
        target = str(tmp_path / "ro" / "site")
    plain_failure(project.cop("build", "--site-dir", target), f"cannot write {target}: ")
    plain_failure(project.cop("pack", "demo", "--out", target), f"cannot write {target}: ")


def test_an_output_below_a_file_is_one_plain_line(project):
    project.write("README.md", "a file\n")
    readme = project.root.resolve() / "README.md"
    result = project.cop("build", "--site-dir", "README.md/site")
    plain_failure(result, f"cannot write {readme}/site: {readme} is not a folder")
    result = project.cop("pack", "demo", "--out", "README.md/packs")
    plain_failure(result, f"cannot write {readme}/packs: {readme} is not a folder")
    assert project.read("README.md") == "a file\n"


def test_a_file_size_limit_during_cop_build_keeps_the_previous_site(project):
    assert project.cop("build", "--site-dir", "out").code == 0
    before = snapshot(project.path("out"))
    result = run(project, "build", "--site-dir", "out", limit=300_000)
    plain_failure(result, "cannot write ")
    assert "File too large" in result.err
    assert snapshot(project.path("out")) == before
    assert debris(project.root, project.path("out")) == []


def test_a_file_size_limit_during_cop_pack_keeps_the_previous_packs(project, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    packs = project.path("packs")
    packs.mkdir()
    fake_pack(packs / "demo-participant.zip")
    fake_pack(packs / "demo-facilitator.zip")
    before = snapshot(packs)
    result = run(project, "pack", "demo", "--out", "packs", tmp=tmp, limit=500_000)
    plain_failure(result, "cannot write ")
    assert "File too large" in result.err
    assert snapshot(packs) == before
    assert list(tmp.iterdir()) == [] and debris(project.root, packs) == []


def test_several_files_are_replaced_all_or_none(tmp_path):
    """The zips of one pack: when the second cannot be written, the first is not replaced either."""
    from cop.atomic import write_all

    first = tmp_path / "demo-participant.zip"
    first.write_bytes(b"earlier")
    (tmp_path / "blocked").write_text("a file where a folder would be\n")
    with pytest.raises(OSError):
        write_all({first: b"newer", tmp_path / "blocked" / "demo-facilitator.zip": b"newer"})
    assert first.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "demo-participant.zip"]


def test_cop_pack_finds_an_unwritable_output_before_rendering_anything(project, monkeypatch):
    from click.testing import CliRunner

    from cop import cli
    from cop.packs import documents, pack, slides

    def rendered(*args, **kwargs):
        raise AssertionError("rendered before finding out that the output cannot be written")

    for module, name in ((documents, "pdf_bytes"), (pack, "offline_site"), (slides, "deck"), (documents, "handout")):
        monkeypatch.setattr(module, name, rendered)
    project.write("README.md", "a file\n")
    result = CliRunner().invoke(cli.main, ["pack", "demo", "--out", "README.md/packs", "--root", str(project.root)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("cop: cannot write ") and "is not a folder" in result.stderr


def test_usage_errors_keep_clicks_message_and_exit_2(project):
    for args, message in ((("build", "--no-such-option"), "No such option"), (("pack",), "Missing argument")):
        result = project.cop(*args)
        assert result.code == 2 and message in result.err and "Usage:" in result.err, result.err


@pytest.fixture
def handlers(monkeypatch):
    """cli.run takes over SIGINT and SIGTERM; the test process gets its own back."""
    from cop.outputs import interrupt

    monkeypatch.setattr(interrupt, "_state", interrupt._State())
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def test_a_real_bug_is_still_an_internal_error(monkeypatch, capsys, handlers):
    from cop import cli

    def bug(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "main", bug)
    monkeypatch.delenv("COP_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 2
    assert "cop: internal error: RuntimeError: a bug" in capsys.readouterr().err


def test_gitignore_lists_the_prefix_of_every_temporary_and_lock():
    assert PREFIX + "*" in (REPO / ".gitignore").read_text().splitlines()


def test_a_signal_caught_where_python_swallows_exceptions_prints_nothing_and_stops_at_the_next_checkpoint(tmp_path):
    # A weakref callback or a finalizer is a place where Python prints "Exception ignored" and a
    # traceback for any exception, Stopped included: the red team saw one during an import.
    script = tmp_path / "swallowed.py"
    script.write_text(textwrap.dedent("""
        import os, signal, weakref
        from cop.outputs import interrupt
        interrupt.install()
        class Thing:
            pass
        thing = Thing()
        def callback(ref):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs here, inside the callback
                pass
        ref = weakref.ref(thing, callback)
        del thing
        print("carried on")
        try:
            interrupt.checkpoint()
        except interrupt.Stopped as stopped:
            print("stopped", stopped.signum)
    """), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert (result.stdout.split("\n"), result.stderr) == (["carried on", f"stopped {int(signal.SIGTERM)}", ""], "")
