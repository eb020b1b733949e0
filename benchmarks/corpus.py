"""A synthetic knowledge base of N offices x M topics, with cases and workshops, that passes `cop check`.

    python benchmarks/corpus.py OUT --offices 100 --topics 100

The data is shaped like the real content (entries with detail, two citations, history;
cases analysed by four offices; a workshop whose sessions use them) so that measured
costs carry over. The same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import string
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"


def office_codes(n: int) -> list[str]:
    letters = string.ascii_uppercase
    return ["".join(pair) for pair in itertools.islice(itertools.product(letters, letters), n)]


def topic_ids(m: int) -> list[str]:
    return [f"topic-{i:03d}" for i in range(1, m + 1)]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, offices: int, topics: int, cases: int = 10, workshops: int = 1, site: bool = True) -> Path:
    codes, ids = office_codes(offices), topic_ids(topics)
    practices = out / "practices"
    write(out / "cop.yaml", "stale_after_days: 730\n")
    lines = ["areas:", "  - id: cii", "    title: Computer-implemented inventions", "position_sets:", "  yes-partly-no:"]
    for pid, label, colour in (("yes", "Yes", "green"), ("partly", "Partly", "amber"), ("no", "No", "red"),
                               ("no-guidance", "No guidance", "grey")):
        lines.append(f'    - {{id: "{pid}", label: "{label}", meaning: the meaning of {label.lower()}, colour: {colour}}}')
    lines.append("topics:")
    for i, tid in enumerate(ids, 1):
        lines += [f"  - id: {tid}", "    area: cii", f"    order: {i}", f"    title: Topic number {i}",
                  f"    question: What does an office do about question {i}?", "    positions: yes-partly-no"]
    write(practices / "topics.yaml", "\n".join(lines) + "\n")
    lines = ["sources:"]
    for code in codes:
        low = code.lower()
        for sid, kind, title in ((f"{low}-guidelines", "guidelines", "Examination Guidelines"), (f"{low}-act", "law", "Patents Act")):
            lines += [f"  - id: {sid}", f"    title: {title} of office {code}", f"    publisher: Office {code}",
                      f"    kind: {kind}", '    edition: "2025"', f"    url: https://example.org/{low}/{kind}",
                      "    official: true", "    current: true"]
    write(practices / "sources.yaml", "\n".join(lines) + "\n")
    write(practices / "glossary.yaml", "terms:\n  - id: cii\n    term: Computer-implemented invention\n"
                                         "    abbreviation: CII\n    definition: An invention involving a computer.\n")
    for n, code in enumerate(codes):
        low = code.lower()
        group = "IP5" if n % 3 == 0 else "ASEAN"
        write(practices / code / "office.yaml",
              f"code: {code}\nname: Patent office {code}\nshort_name: PO-{code}\ngroups: [{group}]\n"
              f"website: https://example.org/{low}\nguidelines: [{low}-guidelines]\nlaws: [{low}-act]\n"
              f"worksharing:\n  aspec: {{participates: {str(group == 'ASEAN').lower()}}}\n  pph: {{partners: [{codes[0]}]}}\n"
              f"maintainers: ['@office-{low}']\n")
        for t, tid in enumerate(ids):
            position = ("yes", "partly", "no", "no-guidance")[(n + t) % 4]
            applies = "applies: Patents Act s. 13\n" if position == "no-guidance" else ""
            write(practices / code / f"{tid}.yaml",
                  f"office: {code}\ntopic: {tid}\nposition: \"{position}\"\n{applies}"
                  f"summary: Office {code} treats topic {t + 1} in the way its guidelines set out.\n"
                  "detail: |\n"
                  f"  The office applies its published test to claims on this topic; see [the topic](topic:{tid})\n"
                  "  and the guidelines cited below. Examiners look at the claim as a whole and ask whether it\n"
                  "  solves a technical problem with technical means.\n\n"
                  "  A second paragraph explains the conditions and points to the examples the office publishes.\n"
                  f"citations:\n  - source: {low}-guidelines\n    pinpoint: Part {t % 9 + 1}, {t % 7 + 1}.{n % 5 + 1}\n"
                  f"    verified_against: https://example.org/{low}/guidelines/{t}\n"
                  f"  - source: {low}-act\n    pinpoint: s. {t % 40 + 1}\n"
                  f"    verified_against: https://example.org/{low}/act\n"
                  f"effective_since: 2024-0{t % 9 + 1}-01\nlast_reviewed: {TODAY}\nstatus: verified\n"
                  f"see_also: [{ids[(t + 1) % len(ids)]}]\n"
                  f"history:\n  - date: 2025-01-1{t % 9}\n    change: Checked against the 2025 edition.\n")
    for c in range(cases):
        chosen = [codes[(c + k) % len(codes)] for k in range(min(4, len(codes)))]
        analyses = "".join(
            f"  - office: {code}\n    outcome: eligible\n    summary: Eligible under office {code}'s test.\n"
            f"    steps:\n      - test: Subject matter\n        finding: The claim uses a computer.\n"
            f"      - test: Inventive step\n        finding: Turns on the prior art.\n"
            f"    citations:\n      - source: {code.lower()}-guidelines\n        pinpoint: Part 1, 1.1\n"
            f"    status: draft\n    note: Illustrative.\n    last_reviewed: {TODAY}\n" for code in chosen)
        write(practices / "cases" / f"case-{c:03d}.yaml",
              f"id: case-{c:03d}\ntitle: Synthetic case {c}\norigin:\n  kind: written-for-cop\n"
              f"claim: |\n  A computer-implemented method number {c}.\ntopics: [{ids[c % len(ids)]}]\nanalyses:\n{analyses}")
    for w in range(workshops):
        base = out / "workshops" / f"workshop-{w}"
        sessions = []
        for s in range(6):
            name = f"sessions/{s + 1:02d}-part.md"
            sessions.append(name)
            case_ref = f"cases: [case-{s % max(cases, 1):03d}]\n" if cases else ""
            write(base / name, f"---\ntitle: Session {s + 1}\nminutes: 60\nkind: {'exercise' if s % 2 else 'talk'}\n"
                               f"{case_ref}topics: [{ids[s % len(ids)]}]\n---\nParticipant text for session {s + 1}.\n\n"
                               "::: facilitator\nNotes for the facilitator.\n:::\n")
        write(base / "workshop.yaml", f"id: workshop-{w}\ntitle: Workshop {w}\naudience: examiners\n"
                                      f"objectives: [Compare practice]\nstart: \"09:00\"\nminutes: 360\nsessions:\n"
                                      + "".join(f"  - {name}\n" for name in sessions))
    if site:
        write(out / "mkdocs.yml", (REPO / "tests" / "fixtures" / "good" / "mkdocs.yml").read_text())
        write(out / "docs" / "index.md", "# Synthetic knowledge base\n\n{{ term('cii') }}\n")
        shutil.copytree(REPO / "docs" / "assets", out / "docs" / "assets", dirs_exist_ok=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--offices", type=int, default=15)
    parser.add_argument("--topics", type=int, default=15)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--workshops", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.offices, args.topics, args.cases, args.workshops)
    print(f"wrote {args.offices} x {args.topics} to {args.out}")


if __name__ == "__main__":
    main()
