"""The cost of adversarial text: `cop check` and `cop build` must grow linearly with it.

    .venv/bin/python benchmarks/adversarial.py                    # every family, 3 runs each
    .venv/bin/python benchmarks/adversarial.py --runs 1 --families "brackets,backticks"
    .venv/bin/python benchmarks/adversarial.py --pack             # also `cop pack demo` (10 and 100 KB), one run

Each family of pathological Markdown (long runs of brackets, backticks, emphasis markers,
deep nesting, ...) is written, at 10 KB, 100 KB and 1 MB, as the body of one more session of
the fixture knowledge base (tests/fixtures/good, with docs/assets, as the tests copy it), and
at 10 KB and 20 KB (the schema's maximum) as an entry's detail. A 1 MB session is as large as
the file-size limit allows. Every figure is the median wall time of --runs fresh processes;
the fixture alone is measured again before each family, and the ratio 1 MB / 100 KB is that of
the time the text adds to it (linear growth: about 10; quadratic: about 100). A family that
`cop check` rejects is said so, and then built with the check switched off: the renderer must
stay linear on what slips past the check, too. A second table times the renderer and the
rules' patterns on the text alone, in this process, where the machine's noise is smaller.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import BIN, ENV, measure  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "good"
FRONT = "---\ntitle: Adversarial\nminutes: 10\nkind: talk\n---\n"
SESSION = "sessions/99-adversarial.md"
FILE_LIMIT = 1_000_000  # bytes; the file-size rule refuses larger files
SESSION_SIZES = {"10 KB": 10_000, "100 KB": 100_000, "1 MB": FILE_LIMIT}
DETAIL_SIZES = {"10 KB": 10_000, "20 KB": 20_000}


def run_of(unit: str):
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def nested_list(size: int) -> str:
    """Each line a list item indented one level deeper than the one before."""
    lines, total, depth = [], 0, 0
    while total < size:
        line = "  " * depth + "- a\n"
        lines.append(line)
        total, depth = total + len(line), depth + 1
    return "".join(lines)[:size]


def reference_definitions(size: int) -> str:
    """Many `[rN]: https://...` definitions, and links that use some of them."""
    lines, total, n = [], 0, 0
    while total < size - 2000:
        line = f"[r{n}]: https://example.org/{n}\n"
        lines.append(line)
        total, n = total + len(line), n + 1
    uses = "".join(f"[x][r{i}] " for i in range(0, n, max(1, n // 100)))
    return ("".join(lines) + "\n" + uses)[:size]


FAMILIES = {
    "brackets": ("`[[[[`", run_of("[")),
    "bracket-paren": ("`](` runs", run_of("](")),
    "link-openers": ("`[a](` runs", run_of("[a](")),
    "image-openers": ("`![` runs", run_of("![")),
    "angle": ("`<` runs", run_of("<")),
    "autolink-openers": ("`<http:` runs", run_of("<http:")),
    "backticks": ("a backtick run", run_of("`")),
    "code-spans": ("``` a`` ``` runs (unclosed code spans)", run_of("a`` ")),
    "star-emphasis": ("`*a` runs", run_of("*a")),
    "underscore-emphasis": ("`_a` runs", run_of("_a")),
    "strong": ("`**` runs", run_of("**")),
    "nested-lists": ("lists, each line one level deeper", nested_list),
    "block-quotes": ("`>>>>` runs", run_of(">")),
    "long-line": ("a line without spaces", run_of("abcdefghij")),
    "long-paragraph": ("one paragraph of ordinary words", run_of("word ")),
    "reference-definitions": ("link reference definitions", reference_definitions),
    # The sanitizer's time grows with the square of the characters it escapes in one text node.
    "ampersands": ("`&` runs", run_of("&")),
    "no-break-spaces": ("`a` and no-break space runs", run_of("a\u00a0")),
}


# Texts aimed at the patterns of the rules rather than at the renderer (measured in one process).
RULE_FAMILIES = {
    "angle-spaces": ("`<` then spaces", lambda n: "<" + " " * n + "1"),
    "brace-dot": ("`{.a` runs", run_of("{.a")), "brace-key": ("`{a=` runs", run_of("{a=")),
    "brace-colon": ("`{:` runs", run_of("{:")), "handler-name": ("`on` and a long name", lambda n: "on" + "a" * n + " ="),
    "equals": ("`= ` runs", run_of("= ")), "scheme-tabs": ("`&#9;` inside a scheme", lambda n: "j" + "&#9;" * (n // 4) + ":"),
    "reference-zeros": ("zeros in a character reference", lambda n: "j&#" + "0" * n + ":"),
    "data-type": ("a long data: type", lambda n: "data:a/" + "a" * n + ":"),
    "format-characters": ("format characters", run_of("a\u202e")),
    "hash-spaces": ("`#` then spaces", lambda n: "#" + " " * n + "answer"),
    "scheme-words": ("`case:` runs", run_of("case:")),
}


def project(work: Path, name: str) -> Path:
    root = work / name
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    return root


def add_session(root: Path, body: str, size: int) -> None:
    """The text as one more session of the demo workshop, cut to `size` bytes or as much as the file may hold."""
    workshop = root / "workshops" / "demo" / "workshop.yaml"
    text = workshop.read_text()
    minutes = int(text.split("\nminutes: ")[1].split("\n")[0])
    text = text.replace(f"\nminutes: {minutes}\n", f"\nminutes: {minutes + 10}\n")
    workshop.write_text(text.rstrip("\n") + f"\n  - {SESSION}\n")
    # Sizes are bytes in the file (the file-size rule counts bytes): a text of wide characters is cut.
    budget = min(size, FILE_LIMIT - len(FRONT.encode()) - 1)
    body = body.encode("utf-8")[:budget].decode("utf-8", "ignore")
    data = (FRONT + body + "\n").encode("utf-8")
    (workshop.parent / SESSION).write_bytes(data)


def set_detail(root: Path, detail: str) -> None:
    entry = root / "practices" / "EP" / "program-claims.yaml"
    text = entry.read_text()
    head, rest = text.split("\nsummary: ", 1)
    summary, tail = rest.split("\n", 1)
    # JSON strings are YAML double-quoted scalars: any text, on one line, exactly.
    entry.write_text(f"{head}\nsummary: {summary}\ndetail: {json.dumps(detail, ensure_ascii=False)}\n{tail}")


def check_off(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - cop\n", "  - cop:\n      check: false\n"))


def verdict(root: Path) -> tuple[bool, str]:
    """Whether `cop check` accepts the project, and the rules it reports."""
    proc = subprocess.run([str(BIN / "cop"), "check", "--today", "2026-06-01"], cwd=root, env=ENV,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise SystemExit(f"cop check could not run: {proc.stderr[-2000:]}")
    rules = sorted({line.split(": ")[1] for line in proc.stdout.splitlines() if ": " in line})
    return proc.returncode == 0, ", ".join(rules)


def case(work: Path, name: str, runs: int, pack: bool, place) -> dict:
    root = project(work, name)
    place(root)
    ok, rules = verdict(root)
    cop = str(BIN / "cop")
    result = {"accepted": ok, "rules": rules}
    result["check_s"], _ = measure([cop, "check", "--today", "2026-06-01"], root, runs, accept=(0, 1))
    if not ok:
        check_off(root)
    result["build_s"], result["build_mb"] = measure([cop, "build", "--site-dir", str(work / f"site-{name}")], root, runs)
    if pack:
        result["pack_s"], _ = measure([cop, "pack", "demo", "--out", str(work / f"pack-{name}")], root, 1, accept=(0, 1))
    shutil.rmtree(root)
    shutil.rmtree(work / f"site-{name}", ignore_errors=True)
    shutil.rmtree(work / f"pack-{name}", ignore_errors=True)
    return result


def ratio(big: dict, small: dict, base: dict, key: str) -> str:
    """How much the time the adversarial text adds grows from one size to the next (linear: 10)."""
    added_big, added_small = big[key] - base[key], small[key] - base[key]
    if added_small < 0.2:  # too little to divide by: the machine's noise would be most of it
        return f"({added_big:+.2f} s)"
    return f"{added_big / added_small:.1f}"


def in_process(families: list[str], runs: int) -> list[tuple[str, dict]]:
    """Seconds (best of `runs`) that rendering and the text rules take on the text alone, in this process."""
    from cop.packs.slides import _plain
    from cop.referrers import _may_refer
    from cop.rules.answer_key_leak import _ANSWER_HEADING
    from cop.rules.internal_link import LINK
    from cop.rules.unsafe_markup import findings
    from cop.views.safe import markdown_html

    def rules(text: str) -> None:
        """Every pattern that runs over contributed text: the rules', --changed's scan, the slides'."""
        list(findings(text)), list(LINK.finditer(text)), _ANSWER_HEADING.match(text), _plain(text)
        _may_refer(text.encode(), {"practices/cases/x.yaml"}, set())

    steps = {"render": lambda text: markdown_html(text, lambda scheme, value: "x/"), "rules": rules}
    rows = []
    for family in families:
        make = (FAMILIES.get(family) or RULE_FAMILIES[family])[1]
        row = {}
        for size in ("100 KB", "1 MB"):
            text = make(SESSION_SIZES[size])
            for step, function in steps.items():
                best = float("inf")
                for _ in range(runs):
                    start = time.perf_counter()
                    function(text)
                    best = min(best, time.perf_counter() - start)
                row[step, size] = best
        rows.append((family, row))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--families", default=",".join(FAMILIES), help="comma-separated: " + ", ".join(FAMILIES))
    parser.add_argument("--pack", action="store_true", help="also time `cop pack demo`, one run, at 10 and 100 KB")
    parser.add_argument("--rules-only", action="store_true",
                        help="only the second table, in this process, for every family and the rules' own families")
    args = parser.parse_args()
    if args.rules_only:
        print_in_process(in_process(list(FAMILIES) + list(RULE_FAMILIES), args.runs), args.runs)
        return
    families = [f.strip() for f in args.families.split(",") if f.strip()]
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        parser.error(f"unknown families: {', '.join(unknown)}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cop-adversarial-") as tmp:
        work = Path(tmp)
        bases = [case(work, "baseline", args.runs, args.pack, lambda root: None)]
        rows = []
        for family in families:
            label, make = FAMILIES[family]
            # The fixture alone again, just before: what the text adds is not blurred by the machine's load drifting.
            base = case(work, "baseline", args.runs, args.pack, lambda root: None)
            bases.append(base)
            # WeasyPrint lays out a paragraph in time quadratic in its length: pack stops at 100 KB.
            sessions = {size: case(work, f"{family}-s{n}", args.runs, args.pack and n <= 100_000,
                                   lambda root, n=n: add_session(root, make(n), n))
                        for size, n in SESSION_SIZES.items()}
            details = {size: case(work, f"{family}-d{n}", args.runs, False,
                                  lambda root, n=n: set_detail(root, make(n)))
                       for size, n in DETAIL_SIZES.items()}
            rows.append((family, label, base, sessions, details))
            print(f"  {family} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}; medians of {args.runs} run(s); {time.perf_counter() - started:.0f} s in all.\n")
    rendering = in_process(families, args.runs)

    def spread(key: str) -> str:
        values = sorted(b[key] for b in bases)
        return f"{values[0]:.2f} to {values[-1]:.2f} s"

    print(f"Fixture alone, measured before each family: check {spread('check_s')}, build {spread('build_s')}"
          + (f", pack {spread('pack_s')}" if args.pack else "") + ".\n")
    head = ("| family | check 10 KB | check 100 KB | check 1 MB | check 1 MB / 100 KB | build 10 KB | build 100 KB "
            "| build 1 MB | build 1 MB / 100 KB | detail: check 10 / 20 KB | detail: build 10 / 20 KB |"
            + (" pack 10 KB / 100 KB |" if args.pack else ""))
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for family, label, base, s, d in rows:
        small, mid, big = (s[k] for k in SESSION_SIZES)
        verdicts = {"session": s["1 MB"], "detail": d["20 KB"]}
        notes = [f"{where} rejected by {r['rules']}" for where, r in verdicts.items() if not r["accepted"]]
        line = (f"| {label}{' (' + '; '.join(notes) + '; built with the check off)' if notes else ''} | "
                f"{small['check_s']:.2f} | {mid['check_s']:.2f} | {big['check_s']:.2f} | {ratio(big, mid, base, 'check_s')} | "
                f"{small['build_s']:.2f} | {mid['build_s']:.2f} | {big['build_s']:.2f} | {ratio(big, mid, base, 'build_s')} | "
                f"{d['10 KB']['check_s']:.2f} / {d['20 KB']['check_s']:.2f} | "
                f"{d['10 KB']['build_s']:.2f} / {d['20 KB']['build_s']:.2f} |")
        if args.pack:
            line += f" {small['pack_s']:.1f} / {mid['pack_s']:.1f} |"
        print(line)
    print()
    print_in_process(rendering, args.runs)


def print_in_process(rows: list[tuple[str, dict]], runs: int) -> None:
    print(f"The text alone, in one process (best of {runs}): markdown_html, and every pattern run over "
          "contributed text (unsafe-markup, internal-link, answer-key-leak, the --changed scan, the slides).\n")
    print("| family | render 100 KB | render 1 MB | 1 MB / 100 KB | rules 100 KB | rules 1 MB | 1 MB / 100 KB |")
    print("|---|---|---|---|---|---|---|")
    for family, row in rows:
        cells = []
        for step in ("render", "rules"):
            mid, big = row[step, "100 KB"], row[step, "1 MB"]
            # Under 10 ms the clock says more about the machine than about the code.
            cells += [f"{mid:.3f}", f"{big:.3f}", f"{big / mid:.1f}" if mid >= 0.01 else "-"]
        print(f"| {(FAMILIES.get(family) or RULE_FAMILIES[family])[0]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
