"""The benchmark cannot rot: its quick mode runs here, on a tiny corpus and on the real content,
and the yardstick (a plain Material build of the same pages) follows mkdocs.yml wherever it goes.

No time is asserted: a clock says nothing on a shared machine. What is asserted is that every
figure is there, and that the yardstick built the pages the real build built.
"""

import json
import math
import subprocess
import sys

import yaml
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import baseline  # noqa: E402
import corpus  # noqa: E402
import run  # noqa: E402

# Every corpus has these figures; the synthetic ones also `cop check --changed` and `cop pack`
# (--quick leaves out the pack of the real content, a third of the run).
FIGURES = {
    "size", "entries", "check_s", "check_mb", "build_s", "build_mb", "yardstick_s", "yardstick_mb",
    "build_to_yardstick", "pairs", "yardstick_pages", "pages_only_in_build", "pages_only_in_yardstick",
    "largest_page", "largest_html", "largest_gzip", "matrix_gzip", "office_html", "case_html", "home_html",
    "topic_html", "search_index", "total", "pages", "gz_files",
}
SYNTHETIC = {"changed_s", "pack_s", "pack_mb"}


def positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_the_quick_benchmark_runs_end_to_end_and_reports_every_figure(tmp_path):
    out = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "benchmarks/run.py", "--quick", "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["runs"], report["pairs"], report["uncounted_pairs"]) == (1, 1, 0)
    assert report["command"] == ["benchmarks/run.py", "--quick", "--out", str(out)]
    assert len(report["load_average"]["start"]) == len(report["load_average"]["end"]) == 3
    tiny, real = report["corpora"]
    assert tiny["size"] == "4x3" and real["size"].startswith("real (")
    assert set(tiny) == FIGURES | SYNTHETIC
    assert set(real) == FIGURES
    for figures in (tiny, real):
        numbers = {key: value for key, value in figures.items()
                   if key not in ("size", "largest_page", "pairs", "pages_only_in_build", "pages_only_in_yardstick")}
        assert [key for key, value in numbers.items() if not positive(value)] == [], figures["size"]
        assert len(figures["pairs"]) == 1 and all(positive(t) for t in figures["pairs"][0])
        # The yardstick is the same pages, so the ratio compares like with like.
        assert (figures["pages_only_in_build"], figures["pages_only_in_yardstick"]) == ([], [])
        assert figures["yardstick_pages"] == figures["pages"]
        assert figures["largest_page"].endswith(".html")
        assert f"| {figures['size']} | {figures['entries']} |" in proc.stdout


def test_every_option_in_mkdocs_yml_is_either_kept_or_left_out_by_the_yardstick():
    from mkdocs.config.defaults import MkDocsConfig

    assert baseline.PAGES.isdisjoint(baseline.BUILD)
    assert sorted(set(baseline.project_config(REPO)) - baseline.PAGES - baseline.BUILD) == []
    # Every option MkDocs knows, so that a key added to mkdocs.yml later is classified already.
    assert sorted({name for name, _ in MkDocsConfig._schema} - baseline.PAGES - baseline.BUILD) == []


def test_the_yardstick_builds_the_same_pages_when_mkdocs_yml_has_watch_and_hooks(tmp_path):
    root = corpus.generate(tmp_path / "kb", offices=2, topics=2, cases=1, workshops=1)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    # Paths of the project that the yardstick's folder does not have: MkDocs refuses a missing one.
    (root / "hooks.py").write_text("def on_config(config):\n    return config\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + "watch: [practices, workshops]\nhooks: [hooks.py]\n", encoding="utf-8")
    yardstick = run.make_yardstick(root, tmp_path / "yardstick", corpus.TODAY)
    plain = yaml.safe_load((yardstick / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "watch" not in plain and "hooks" not in plain and plain["plugins"] == ["search"]
    assert plain["nav"] == baseline.project_config(root)["nav"]
    for command, cwd in (([str(run.BIN / "cop"), "build", "--site-dir", str(tmp_path / "site")], root),
                         ([str(run.BIN / "mkdocs"), "build", "-q", "-d", str(tmp_path / "ysite")], yardstick)):
        proc = subprocess.run(command, cwd=cwd, env=run.ENV, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
    pages = run.html_pages(tmp_path / "site")
    assert "index.html" in pages and "compare/index.html" in pages
    assert run.html_pages(tmp_path / "ysite") == pages
