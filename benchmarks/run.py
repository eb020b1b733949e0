"""The benchmark: cost of checking, building and packing as the knowledge base grows.

    .venv/bin/python benchmarks/run.py                    # 15x15, 50x50, 100x100 and the real content
    .venv/bin/python benchmarks/run.py --sizes "" --pairs 5 --out report.json   # the real content alone
    .venv/bin/python benchmarks/run.py --quick --out report.json   # 4x3 and the real content, once each
    .venv/bin/python benchmarks/run.py --check-only --sizes 100x100 --runs 9   # the --changed budget

Every figure is a median over fresh processes, with its peak memory (maximum resident set
size): `cop check`, `cop check --changed` and `cop pack` over --runs runs (3 by default; pack
once, of every real workshop, the slowest reported). The build is compared with the yardstick, a plain Material for MkDocs build of the same
pages (benchmarks/baseline.py), in --pairs alternated pairs (5 by default): each pair builds
the site with `cop build` (which compresses every text asset into a .gz beside it; the
yardstick does not compress) and the yardstick, the one first in even pairs and the other first
in odd ones, after one pair that is not counted (it fills the file cache and leaves a site for
the next build to replace, as every later build has). The ratio reported is the median of the
pairs' ratios. Every corpus's yardstick must build the same HTML pages as the real build, or
the benchmark fails.

--quick is the benchmark's own test (tests/test_benchmark.py runs it): one tiny synthetic
corpus and the real content, one run and one pair each, no pair left uncounted and no pack of
the real content. Its figures mean nothing; that every one of them is there does.

--out FILE writes every figure as JSON, with the machine, its load and the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780272000"}
# The real content is dated today, so it is checked and built as of today.
TODAY_ENV = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
QUICK_SIZES = ["4x3"]
FULL_SIZES = ["15x15", "50x50", "100x100"]


def sample(command: list[str], cwd: Path, *, accept=(0,), env=None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in accept:
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} (in {cwd}) failed with status {proc.returncode}:\n"
                             f"{err.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(command: list[str], cwd: Path, runs: int, *, accept=(0,), env=None) -> tuple[float, float]:
    """Median wall seconds and median peak memory (MB) of `runs` fresh processes."""
    samples = [sample(command, cwd, accept=accept, env=env) for _ in range(runs)]
    return statistics.median(s for s, _ in samples), statistics.median(m for _, m in samples)


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def site_figures(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    largest = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
    office = site / "offices" / "AA" / "index.html"
    if not office.exists():
        office = site / "offices" / "EP" / "index.html"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".gz")
    return {
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_html": largest.stat().st_size,
        "largest_gzip": len(gzip.compress(largest.read_bytes(), 9, mtime=0)),
        "matrix_gzip": len(gzip.compress((site / "compare" / "index.html").read_bytes(), 9, mtime=0)),
        "office_html": office.stat().st_size,
        # Pages that list neither every office nor every topic: their size must not grow with the corpus.
        "case_html": sorted((site / "cases").glob("*/index.html"))[0].stat().st_size,
        "home_html": (site / "index.html").stat().st_size,
        "topic_html": (site / "compare" / sorted(p.name for p in (site / "compare").iterdir() if p.is_dir())[0] / "index.html").stat().st_size,
        "search_index": (site / "search" / "search_index.json").stat().st_size,
        "total": total,
        "pages": len(pages),
        # `cop build` writes a .gz beside every text asset; its time is in build_s.
        "gz_files": sum(1 for _ in site.rglob("*.gz")),
    }


def make_yardstick(root: Path, out: Path, today: str) -> Path:
    """Writes the yardstick project in a separate process, so this one stays small: a child's
    peak memory as the kernel reports it includes the parent's at the moment of the fork."""
    code = (f"import sys, datetime; sys.path.insert(0, {str(HERE)!r}); import baseline; from pathlib import Path; "
            f"baseline.generate(Path({str(root)!r}), Path({str(out)!r}), datetime.date.fromisoformat({today!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return out


def build_against_yardstick(root: Path, yardstick: Path, site: Path, ysite: Path, pairs: int, warmup: int,
                            env: dict) -> dict:
    """`cop build` of ROOT against the plain Material build of its yardstick, in alternated pairs."""
    build = [str(BIN / "cop"), "build", "--site-dir", str(site)]
    plain = [str(BIN / "mkdocs"), "build", "-q", "-d", str(ysite)]
    measured = []
    for n in range(warmup + pairs):
        if n % 2 == 0:
            ours = sample(build, root, env=env)
            theirs = sample(plain, yardstick, env=env)
        else:
            theirs = sample(plain, yardstick, env=env)
            ours = sample(build, root, env=env)
        if n >= warmup:
            measured.append((ours, theirs))
    built, plain_pages = html_pages(site), html_pages(ysite)
    return {
        "build_s": statistics.median(o[0] for o, _ in measured),
        "build_mb": statistics.median(o[1] for o, _ in measured),
        "yardstick_s": statistics.median(t[0] for _, t in measured),
        "yardstick_mb": statistics.median(t[1] for _, t in measured),
        "build_to_yardstick": statistics.median(o[0] / t[0] for o, t in measured),
        "pairs": [[round(o[0], 3), round(t[0], 3)] for o, t in measured],
        "yardstick_pages": len(plain_pages),
        "pages_only_in_build": sorted(built - plain_pages),
        "pages_only_in_yardstick": sorted(plain_pages - built),
    }


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def bench_check(work: Path, offices: int, topics: int, runs: int) -> tuple[Path, dict]:
    """The corpus in a git checkout, and the cost of `cop check` and of `cop check --changed` after one edit."""
    root = corpus.generate(work / f"kb-{offices}x{topics}", offices, topics, cases=10, workshops=1)
    # Whatever the user's git configuration: an identity, and no signing that would ask for a key.
    who = ("-c", "user.name=b", "-c", "user.email=b@example.org", "-c", "commit.gpgsign=false")
    git(root, "init", "-q")
    git(root, *who, "add", "-A")
    git(root, *who, "commit", "-qm", "corpus")
    cop = str(BIN / "cop")
    result = {"size": f"{offices}x{topics}", "entries": offices * topics}
    # (the synthetic corpus is clean, so check exits 0; any problem fails the benchmark)
    result["check_s"], result["check_mb"] = measure([cop, "check", "--today", "2026-06-01"], root, runs)
    one = root / "practices" / "AA" / "topic-001.yaml"
    original = one.read_text()
    one.write_text(original.replace("in the way its guidelines set out", "as its guidelines set out"))
    result["changed_s"], _ = measure([cop, "check", "--changed", "--today", "2026-06-01"], root, runs)
    one.write_text(original)
    return root, result


def bench_size(work: Path, offices: int, topics: int, runs: int, pairs: int, warmup: int) -> dict:
    root, result = bench_check(work, offices, topics, runs)
    name = f"{offices}x{topics}"
    yardstick = make_yardstick(root, work / f"yardstick-{name}", corpus.TODAY)
    site = work / f"site-{name}"
    result.update(build_against_yardstick(root, yardstick, site, work / f"ysite-{name}", pairs, warmup, ENV))
    result.update(site_figures(site))
    result["pack_s"], result["pack_mb"] = measure(
        [str(BIN / "cop"), "pack", "workshop-0", "--out", str(work / f"packs-{name}")], root, 1)
    return result


def bench_real(work: Path, runs: int, pairs: int, warmup: int, pack: bool) -> dict:
    offices = len(list((REPO / "practices").glob("*/office.yaml")))
    entries = len([p for p in (REPO / "practices").glob("*/*.yaml") if p.name != "office.yaml"
                   and p.parent.name != "cases"])
    workshops = sorted(p.parent.name for p in (REPO / "workshops").glob("*/workshop.yaml"))
    cop = str(BIN / "cop")
    result = {"size": f"real ({offices} offices)", "entries": entries}
    result["check_s"], result["check_mb"] = measure([cop, "check"], REPO, runs, env=TODAY_ENV)
    yardstick = make_yardstick(REPO, work / "yardstick-real", dt.date.today().isoformat())
    site = work / "site-real"
    result.update(build_against_yardstick(REPO, yardstick, site, work / "ysite-real", pairs, warmup, TODAY_ENV))
    result.update(site_figures(site))
    if pack and workshops:
        # Every real workshop, both audiences; the figure is the slowest, each is in the report.
        result["packs"] = {w: measure([cop, "pack", w, "--out", str(work / f"packs-real-{w}")], REPO, 1, env=TODAY_ENV)
                           for w in workshops}
        slowest = max(result["packs"], key=lambda w: result["packs"][w][0])
        result["pack_s"], result["pack_mb"] = result["packs"][slowest]
    return result


def _f(r: dict, key: str, spec: str, scale: float = 1) -> str:
    return format(r[key] / scale, spec) if key in r else "-"


def table(results: list[dict]) -> str:
    kb = 1024
    lines = [
        "| corpus | entries | check s (MB) | check --changed s | check / changed | build s (MB) | yardstick s (MB) "
        "| build / yardstick | largest page KB (gzip KB) | matrix gzip KB | office page KB | topic page KB "
        "| case page KB | home page KB | search index KB | site MB | pack s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio_changed = f"{r['check_s'] / r['changed_s']:.1f}x" if "changed_s" in r else "-"
        lines.append(
            f"| {r['size']} | {r['entries']} | {r['check_s']:.2f} ({r['check_mb']:.0f}) | {_f(r, 'changed_s', '.2f')} | "
            f"{ratio_changed} | {r['build_s']:.2f} ({r['build_mb']:.0f}) | {r['yardstick_s']:.2f} "
            f"({r['yardstick_mb']:.0f}) | {r['build_to_yardstick']:.2f} | "
            f"{r['largest_html'] / kb:.0f} ({r['largest_gzip'] / kb:.0f}) | "
            f"{r['matrix_gzip'] / kb:.1f} | {r['office_html'] / kb:.1f} | {r['topic_html'] / kb:.1f} | "
            f"{r['case_html'] / kb:.1f} | {r['home_html'] / kb:.1f} | "
            f"{r['search_index'] / kb:.0f} | {r['total'] / kb / kb:.1f} | {_f(r, 'pack_s', '.1f')} |")
    return "\n".join(lines)


def pairs_table(results: list[dict]) -> str:
    lines = ["| corpus | pairs: build s / yardstick s | median ratio |", "|---|---|---|"]
    lines += [f"| {r['size']} | {', '.join(f'{b:.2f} / {y:.2f}' for b, y in r['pairs'])} | "
              f"{r['build_to_yardstick']:.2f} |" for r in results if "pairs" in r]
    return "\n".join(lines)


def check_table(results: list[dict]) -> str:
    lines = ["| corpus | entries | check s (MB) | check --changed s | check / changed |", "|---|---|---|---|---|"]
    lines += [f"| {r['size']} | {r['entries']} | {r['check_s']:.2f} ({r['check_mb']:.0f}) | {r['changed_s']:.2f} | "
              f"{r['check_s'] / r['changed_s']:.1f}x |" for r in results]
    return "\n".join(lines)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"the benchmark's own test: {','.join(QUICK_SIZES)} and the real content, once each")
    parser.add_argument("--runs", type=int, help="runs of check, check --changed (3; --quick: 1)")
    parser.add_argument("--pairs", type=int, help="alternated pairs of build and yardstick (5; --quick: 1)")
    parser.add_argument("--sizes", help=f"synthetic corpora, OFFICESxTOPICS, comma-separated; \"\" for none "
                                        f"({','.join(FULL_SIZES)}; --quick: {','.join(QUICK_SIZES)})")
    parser.add_argument("--no-real", action="store_true", help="leave out the real content")
    parser.add_argument("--check-only", action="store_true",
                        help="only cop check and cop check --changed of the synthetic corpora (their budget), in a minute")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    pairs = args.pairs or (1 if args.quick else 5)
    warmup = 0 if args.quick else 1
    sizes = [s for s in (args.sizes.split(",") if args.sizes is not None
                         else QUICK_SIZES if args.quick else FULL_SIZES) if s.strip()]
    real = not (args.no_real or args.check_only)
    # cop as the set-up leaves it (`make bytecode`): compiled, not compiled again at every start.
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(REPO / "scripts" / "cop")], check=True)
    started, load_before, when = time.perf_counter(), _load(), dt.datetime.now(dt.timezone.utc)
    results = []
    with tempfile.TemporaryDirectory(prefix="cop-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            offices, topics = (int(x) for x in size.strip().split("x"))
            results.append(bench_check(work, offices, topics, runs)[1] if args.check_only
                           else bench_size(work, offices, topics, runs, pairs, warmup))
            print(f"  {size} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        if real:
            results.append(bench_real(work, runs, pairs, warmup, pack=not args.quick))
    seconds = time.perf_counter() - started
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.platform()}")
    print(f"Machine: {machine}; load average {' '.join(map(str, load_before))} at the start, "
          f"{' '.join(map(str, _load()))} at the end; medians of {runs} run(s)"
          + ("" if args.check_only else f" and {pairs} alternated pair(s) of builds") + f"; {seconds:.0f} s in all.\n")
    print(check_table(results) if args.check_only else table(results) + "\n\n" + pairs_table(results))
    if args.out:
        report = {
            "command": ["benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)],
            "started": when.isoformat(timespec="seconds"),
            "machine": machine,
            "load_average": {"start": load_before, "end": _load()},
            "runs": runs, "pairs": 0 if args.check_only else pairs, "uncounted_pairs": 0 if args.check_only else warmup,
            "seconds": round(seconds, 1),
            "corpora": [{k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()} for r in results],
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1, allow_nan=False) + "\n", encoding="utf-8")
    differ = [r["size"] for r in results if r.get("pages_only_in_build") or r.get("pages_only_in_yardstick")]
    if differ:
        print(f"The yardstick did not build the same pages as cop build for: {', '.join(differ)}", file=sys.stderr)
        return 1
    bad = [f"{r['size']}: {k}" for r in results for k, v in r.items()
           if isinstance(v, float) and not (math.isfinite(v) and v > 0)]
    if bad:
        print(f"Figures that are not positive numbers: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
