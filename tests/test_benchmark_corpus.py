"""The benchmark's synthetic corpus is valid data: what it measures is a clean check and a real build."""

import sys

from conftest import REPO, cop

sys.path.insert(0, str(REPO / "benchmarks"))
import corpus  # noqa: E402


def test_a_synthetic_corpus_passes_the_check_and_is_the_same_every_time(tmp_path):
    first = corpus.generate(tmp_path / "a", offices=4, topics=3, cases=2, workshops=1)
    second = corpus.generate(tmp_path / "b", offices=4, topics=3, cases=2, workshops=1)
    result = cop("check", "--today", "2026-06-01", cwd=first)
    assert (result.code, result.out) == (0, "")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert len([f for f in files if f.parts[0] == "practices" and f.parts[1] not in ("cases",)
                and f.name not in ("office.yaml", "topics.yaml", "sources.yaml", "glossary.yaml")]) == 12
