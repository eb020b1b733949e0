"""The benchmark: cost of checking, building and packing as the knowledge base grows.

    .venv/bin/python benchmarks/run.py            # 15x15, 50x50, 100x100 and the real content
    .venv/bin/python benchmarks/run.py --quick    # one run each, 15x15 and 50x50 only
    .venv/bin/python benchmarks/run.py --check-only --sizes 100x100 --runs 9   # the --changed budget

Every figure is a median over --runs runs (3 by default) of a fresh process, with its peak
memory (maximum resident set size). Builds are compared with a plain Material for MkDocs
build of the same pages, written out as Markdown files (benchmarks/baseline.py), measured in
the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
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


def measure(command: list[str], cwd: Path, runs: int, *, accept=(0,), env=None) -> tuple[float, float]:
    """Median wall seconds and median peak memory (MB) of `runs` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in accept:
            raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode()[-2000:]}")
    return statistics.median(times), statistics.median(peaks)


def site_figures(site: Path) -> dict[str, float]:
    pages = [p for p in site.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    office = site / "offices" / "AA" / "index.html"
    if not office.exists():
        office = site / "offices" / "EP" / "index.html"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".gz")
    return {
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_html": largest.stat().st_size,
        "largest_gzip": len(gzip.compress(largest.read_bytes(), 9)),
        "matrix_gzip": len(gzip.compress((site / "compare" / "index.html").read_bytes(), 9)),
        "office_html": office.stat().st_size,
        # Pages that list neither every office nor every topic: their size must not grow with the corpus.
        "case_html": sorted((site / "cases").glob("*/index.html"))[0].stat().st_size,
        "home_html": (site / "index.html").stat().st_size,
        "topic_html": (site / "compare" / sorted(p.name for p in (site / "compare").iterdir() if p.is_dir())[0] / "index.html").stat().st_size,
        "search_index": (site / "search" / "search_index.json").stat().st_size,
        "total": total,
        "pages": len(pages),
    }


def make_baseline(root: Path, out: Path, today: str) -> Path:
    """Writes the baseline project in a separate process, so this one stays small: a child's
    peak memory as the kernel reports it includes the parent's at the moment of the fork."""
    code = (f"import sys, datetime; sys.path.insert(0, {str(HERE)!r}); import baseline; from pathlib import Path; "
            f"baseline.generate(Path({str(root)!r}), Path({str(out)!r}), datetime.date.fromisoformat({today!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return out


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def bench_check(work: Path, offices: int, topics: int, runs: int) -> tuple[Path, dict]:
    """The corpus in a git checkout, and the cost of `cop check` and of `cop check --changed` after one edit."""
    root = corpus.generate(work / f"kb-{offices}x{topics}", offices, topics, cases=10, workshops=1)
    git(root, "init", "-q")
    git(root, "-c", "user.name=b", "-c", "user.email=b@example.org", "add", "-A")
    git(root, "-c", "user.name=b", "-c", "user.email=b@example.org", "commit", "-qm", "corpus")
    cop = str(BIN / "cop")
    result = {"size": f"{offices}x{topics}", "entries": offices * topics}
    result["check_s"], result["check_mb"] = measure([cop, "check", "--today", "2026-06-01"], root, runs)
    # (the synthetic corpus is clean, so check exits 0; any problem fails the benchmark)
    one = root / "practices" / "AA" / "topic-001.yaml"
    original = one.read_text()
    one.write_text(original.replace("in the way its guidelines set out", "as its guidelines set out"))
    result["changed_s"], _ = measure([cop, "check", "--changed", "--today", "2026-06-01"], root, runs)
    one.write_text(original)
    return root, result


def bench_size(work: Path, offices: int, topics: int, runs: int) -> dict:
    root, result = bench_check(work, offices, topics, runs)
    cop = str(BIN / "cop")
    site = work / f"site-{offices}x{topics}"
    result["build_s"], result["build_mb"] = measure([cop, "build", "--site-dir", str(site)], root, runs)
    result.update(site_figures(site))
    base = make_baseline(root, work / f"base-{offices}x{topics}", "2026-06-01")
    result["baseline_s"], result["baseline_mb"] = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / f"bsite-{offices}x{topics}")], base, runs)
    result["pack_s"], result["pack_mb"] = measure(
        [cop, "pack", "workshop-0", "--out", str(work / "packs")], root, 1)
    return result


def bench_real(work: Path, runs: int) -> dict:
    offices = len(list((REPO / "practices").glob("*/office.yaml")))
    entries = len([p for p in (REPO / "practices").glob("*/*.yaml") if p.name != "office.yaml"
                   and p.parent.name != "cases"])
    workshops = sorted(p.parent.name for p in (REPO / "workshops").glob("*/workshop.yaml"))
    site = work / "site-real"
    cop = str(BIN / "cop")
    result = {"size": f"real ({offices} offices)", "entries": entries}
    # The real content is dated today, so it is built as of today.
    today = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}
    result["check_s"], result["check_mb"] = measure([cop, "check"], REPO, runs, env=today)
    result["changed_s"] = float("nan")
    result["build_s"], result["build_mb"] = measure([cop, "build", "--site-dir", str(site)], REPO, runs, env=today)
    result.update(site_figures(site))
    base = make_baseline(REPO, work / "base-real", dt.date.today().isoformat())
    result["baseline_s"], result["baseline_mb"] = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "bsite-real")], base, runs)
    workshop = workshops[0] if workshops else None
    result["pack_s"], result["pack_mb"] = (measure([cop, "pack", workshop, "--out", str(work / "packs")], REPO, 1, env=today)
                                           if workshop else (float("nan"), float("nan")))
    return result


def table(results: list[dict]) -> str:
    kb = 1024
    lines = [
        "| corpus | entries | check s (MB) | check --changed s | check / changed | build s (MB) | baseline s | build / baseline "
        "| largest page KB (gzip KB) | matrix gzip KB | office page KB | topic page KB | case page KB | home page KB "
        "| search index KB | site MB | pack s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio_changed = r["check_s"] / r["changed_s"] if r["changed_s"] == r["changed_s"] else float("nan")
        lines.append(
            f"| {r['size']} | {r['entries']} | {r['check_s']:.2f} ({r['check_mb']:.0f}) | {r['changed_s']:.2f} | "
            f"{ratio_changed:.1f}x | {r['build_s']:.1f} ({r['build_mb']:.0f}) | {r['baseline_s']:.1f} | "
            f"{r['build_s'] / r['baseline_s']:.2f} | {r['largest_html'] / kb:.0f} ({r['largest_gzip'] / kb:.0f}) | "
            f"{r['matrix_gzip'] / kb:.1f} | {r['office_html'] / kb:.1f} | {r['topic_html'] / kb:.1f} | "
            f"{r['case_html'] / kb:.1f} | {r['home_html'] / kb:.1f} | "
            f"{r['search_index'] / kb:.0f} | {r['total'] / kb / kb:.1f} | {r['pack_s']:.1f} |")
    return "\n".join(lines)


def check_table(results: list[dict]) -> str:
    lines = ["| corpus | entries | check s (MB) | check --changed s | check / changed |", "|---|---|---|---|---|"]
    lines += [f"| {r['size']} | {r['entries']} | {r['check_s']:.2f} ({r['check_mb']:.0f}) | {r['changed_s']:.2f} | "
              f"{r['check_s'] / r['changed_s']:.1f}x |" for r in results]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run each, 15x15 and 50x50 only")
    parser.add_argument("--sizes", default="15x15,50x50,100x100")
    parser.add_argument("--check-only", action="store_true",
                        help="only cop check and cop check --changed of the synthetic corpora (their budget), in a minute")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    sizes = ["15x15", "50x50"] if args.quick else args.sizes.split(",")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="cop-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            offices, topics = (int(x) for x in size.split("x"))
            results.append(bench_check(work, offices, topics, runs)[1] if args.check_only
                           else bench_size(work, offices, topics, runs))
            print(f"  {size} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        if not args.check_only:
            results.append(bench_real(work, runs))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; medians of {runs} run(s); {time.perf_counter() - started:.0f} s in all.\n")
    print(check_table(results) if args.check_only else table(results))


if __name__ == "__main__":
    main()
