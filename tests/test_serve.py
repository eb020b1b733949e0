"""`cop serve` serves what examiners get: precompressed, cached by fingerprint, locked down by headers;
and nginx, configured by `cop server-config`, sends the same headers."""

from __future__ import annotations

import gzip
import http.client
import os
import time
import shutil
import subprocess
import sys
import xml.dom.minidom
from urllib.parse import urlsplit

import brotli
import pytest

from conftest import cop
from sites import BUILD_EPOCH, chromium, cop_serve, fixture_site, servers, watched_tab

BUNDLE = "/assets/javascripts/bundle.a5f9d56c.min.js"
SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
            "Permissions-Policy", "Cross-Origin-Opener-Policy")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return fixture_site(tmp_path_factory, "serve")[1]


@pytest.fixture(scope="module")
def served(site):
    with cop_serve(site) as url:
        yield url


def fetch(url: str, path: str, method: str = "GET", **headers) -> tuple[int, dict[str, str], bytes]:
    """One request, headers as given (no Accept-Encoding unless asked): status, headers, raw body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return response.status, {k.title(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_the_build_writes_the_policy_with_a_hash_for_each_script_of_its_pages(site):
    from cop.serving import policy

    headers = (site / "_headers").read_text(encoding="utf-8")
    written = policy.read(site)
    scripts = {h for page in site.rglob("*.html") for h in policy.inline_script_hashes(page.read_text(encoding="utf-8"))}
    assert len(scripts) >= 3  # the theme's storage scope, palette and tabs
    assert all(f"'{h}'" in written.everywhere["Content-Security-Policy"] for h in scripts)
    assert headers.count("'sha256-") == len(scripts)
    assert BUNDLE in written.immutable and "/assets/cop.js" not in written.immutable


def test_every_page_fetches_its_scripts_at_low_priority_so_the_stylesheets_come_first(site):
    import re

    pages = sorted(site.rglob("*.html"))
    scripts = [tag for page in pages for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))]
    assert len(scripts) >= 2 * len(pages)  # the theme's bundle and ours, on every page, 404 included
    assert [tag for tag in scripts if 'fetchpriority="low"' not in tag] == []


def test_every_response_carries_the_security_headers_whatever_its_status(served, site):
    page = fetch(served, "/compare/")
    etag = page[1]["Etag"]
    responses = {
        "page": page,
        "asset": fetch(served, "/assets/cop.css"),
        "missing": fetch(served, "/no/such/page/"),
        "redirect": fetch(served, "/compare"),
        "revalidated": fetch(served, "/compare/", If_None_Match=etag),
        "head": fetch(served, "/offices/SG/", "HEAD"),
        "range": fetch(served, "/assets/cop.css", Range="bytes=0-9"),
        "not allowed": fetch(served, "/", "POST"),
    }
    assert {name: r[0] for name, r in responses.items()} == {
        "page": 200, "asset": 200, "missing": 404, "redirect": 302, "revalidated": 304, "head": 200, "range": 206,
        "not allowed": 405}
    for name, (_, headers, _) in responses.items():
        assert [h for h in SECURITY if h not in headers] == [], name
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self' 'sha256-" in csp and "frame-ancestors 'none'" in csp
        assert "http" not in csp and "unsafe" not in csp, name
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert responses["range"][2] == (site / "assets" / "cop.css").read_bytes()[:10]
    assert responses["head"][2] == b"" and int(responses["head"][1]["Content-Length"]) > 0
    # The site's own 404 page, themed, not a bare message
    assert b"md-header" in responses["missing"][2] and responses["missing"][1]["Content-Type"].startswith("text/html")


def test_fingerprinted_assets_are_immutable_and_everything_else_is_revalidated(served):
    assert fetch(served, BUNDLE)[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/compare/", "/assets/cop.js", "/search/search_index.json", "/no/such/page"):
        headers = fetch(served, path)[1]
        assert headers["Cache-Control"] == "no-cache", path
    page = fetch(served, "/")[1]
    assert page["Etag"] and page["Last-Modified"]


@pytest.mark.parametrize("accept, encoding, unpack", [
    ("gzip, deflate, br", "br", brotli.decompress),
    ("gzip", "gzip", gzip.decompress),
    ("br;q=0, gzip", "gzip", gzip.decompress),
    ("", None, lambda body: body),
])
def test_the_precompressed_copy_the_browser_accepts_is_sent(served, site, accept, encoding, unpack):
    for path, file in (("/compare/", "compare/index.html"), ("/search/search_index.json", "search/search_index.json")):
        status, headers, body = fetch(served, path, Accept_Encoding=accept) if accept else fetch(served, path)
        assert status == 200 and headers.get("Content-Encoding") == encoding, (path, accept)
        assert headers["Vary"] == "Accept-Encoding"
        assert unpack(body) == (site / file).read_bytes()


def test_the_policy_file_itself_is_not_served(served):
    assert fetch(served, "/_headers")[0] == 404


def test_serving_a_folder_that_is_no_built_site_is_refused_with_a_clear_error(tmp_path, site):
    bare = tmp_path / "bare"
    shutil.copytree(site, bare)
    (bare / "_headers").unlink()
    result = cop("serve", "--site-dir", str(bare), "--port", str(servers.free_port()), cwd=tmp_path)
    assert result.code == 2 and "_headers is missing: build the site with `cop build` first" in result.err
    assert "Traceback" not in result.err
    result = cop("serve", "--site-dir", str(tmp_path / "nothing"), "--port", str(servers.free_port()), cwd=tmp_path)
    assert result.code == 2 and "is not a built site" in result.err


def test_a_site_with_a_symbolic_link_is_not_served(tmp_path, site):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (tmp_path / "secret.txt").write_text("not for readers")
    os.symlink(tmp_path / "secret.txt", copy / "assets" / "notes.txt")
    result = cop("serve", "--site-dir", str(copy), "--port", str(servers.free_port()), cwd=tmp_path)
    assert result.code == 2 and "symbolic links" in result.err and "site/assets/notes.txt" in result.err


def test_a_port_already_taken_is_a_clear_error(served, tmp_path, site):
    result = cop("serve", "--site-dir", str(site), "--port", str(urlsplit(served).port), cwd=tmp_path)
    assert result.code == 2 and "cannot listen on 127.0.0.1:" in result.err and "--port" in result.err
    assert "Traceback" not in result.err


# In a real browser --------------------------------------------------------------------------


browser = pytest.fixture(scope="module")(chromium)


def test_in_the_browser_pages_come_compressed_and_the_theme_from_its_cache(browser, served):
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        seen: list[tuple[str, str, int]] = []  # request id, path, status
        cached: set[str] = set()  # request ids the browser answered from its cache, asking nobody
        cdp.on("Network.responseReceived",
               lambda e: seen.append((e["requestId"], urlsplit(e["response"]["url"]).path, e["response"]["status"])))
        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
        first = page.goto(f"{served}/compare/")
        asked = first.request.all_headers().get("accept-encoding", "")
        assert "gzip" in asked and first.headers["content-encoding"] in [e.strip() for e in asked.split(",")]
        assert [(status, rid in cached) for rid, path, status in seen if path == BUNDLE] == [(200, False)]
        seen.clear()
        page.goto(f"{served}/offices/SG/")
        page.wait_for_load_state("load")
        # Another page: the bundle comes from the browser's cache, not even revalidated ...
        assert [(status, rid in cached) for rid, path, status in seen if path == BUNDLE] == [(200, True)]
        # ... while the page itself is asked for
        assert [rid in cached for rid, path, _ in seen if path == "/offices/SG/"] == [False]
    finally:
        context.close()


def test_a_script_planted_into_a_built_page_does_not_run_and_the_browser_reports_it(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page_file = copy / "compare" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</body>", "<script>window.PLANTED = 1</script></body>", 1), encoding="utf-8")
    for suffix in (".gz", ".br"):  # the planted page is the one every browser gets
        (copy / "compare" / f"index.html{suffix}").unlink()
    with cop_serve(copy) as url, watched_tab(browser) as (tab, refused):
        tab.goto(f"{url}/compare/")
        tab.wait_for_load_state("load")
        assert "window.PLANTED = 1" in tab.content()
        assert tab.evaluate("() => window.PLANTED") is None
        # The theme's own scripts ran, as the policy lists them
        assert tab.evaluate("() => typeof __md_get") == "function"
        tab.wait_for_timeout(200)
        assert len(refused) == 1 and "inline script" in refused[0] and "script-src 'self' 'sha256-" in refused[0], refused


def test_the_theme_palette_switch_works_under_the_policy(browser, served):
    with watched_tab(browser) as (tab, refused):
        tab.goto(f"{served}/")
        before = tab.get_attribute("body", "data-md-color-scheme")
        tab.click("label.md-header__button[for^='__palette']:visible")
        after = tab.get_attribute("body", "data-md-color-scheme")
        assert before != after
        tab.reload()
        assert tab.get_attribute("body", "data-md-color-scheme") == after  # remembered in local storage
        assert refused == []


# Other servers -------------------------------------------------------------------------------


def test_nginx_configured_by_cop_server_config_sends_the_headers_of_cop_serve(served, site, tmp_path):
    missing = servers.nginx_missing()
    if missing:
        pytest.fail(missing)
    paths = ["/", "/compare/", BUNDLE, "/assets/cop.css", "/search/search_index.json", "/no/such/page/", "/_headers"]
    compared = (*SECURITY, "Cache-Control", "Content-Encoding", "Vary")
    with servers.nginx_server(site, tmp_path / "nginx") as (nginx, _):
        for accept in ("gzip, deflate, br", "gzip", None):
            for path in paths:
                extra = {"Accept_Encoding": accept} if accept else {}
                ours, theirs = fetch(served, path, **extra), fetch(nginx, path, **extra)
                assert ours[0] == theirs[0], (path, accept)
                for name in compared:
                    if name == "Vary" and ours[0] == 404:
                        continue  # nginx does not vary its error page
                    assert ours[1].get(name) == theirs[1].get(name), (path, accept, name)
                assert ours[2] == theirs[2], (path, accept)


@pytest.mark.parametrize("server", ["apache", "iis"])
def test_the_apache_and_iis_configurations_carry_every_header_of_the_policy(site, tmp_path, server):
    from cop.serving import policy

    result = cop("server-config", server, "--site-dir", str(site), cwd=tmp_path)
    assert result.code == 0, result.err
    rules = policy.read(site)
    if server == "iis":
        xml.dom.minidom.parseString(result.out)  # well-formed
    for name, value in rules.everywhere.items():
        assert name in result.out and (value in result.out or value.replace("'", "&apos;") in result.out), name
    for path in rules.immutable:
        assert path.lstrip("/") in result.out


def test_the_serving_benchmark_runs_end_to_end(tmp_path):
    """Its figures mean nothing here; that every one of them is there does."""
    import json

    out = tmp_path / "serving.json"
    proc = subprocess.run([sys.executable, str(servers.HERE / "serving.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert set(report["paint"]) == {"cop serve", "cop serve, gzip only", "nginx", "raw"}
    assert all(0 < v < 60 for figures in report["paint"].values() for v in figures.values())
    assert set(report["first_search"]) == {"home", "matrix"} and all(0 < v < 120 for v in report["first_search"].values())
    index = report["search_index"]
    assert all(0 < v < index["raw_bytes"] for v in index["transferred_bytes"].values())  # gzip'd on the way
    assert all(0 < index["received_s"][page] <= report["first_search"][page] for page in ("home", "matrix"))
    assert index["unique_text_bytes"] > 0 and index["ratio"] == round(index["raw_bytes"] / index["unique_text_bytes"], 2)
    assert set(report["load"]) == {"cop serve", "nginx"}
    for figures in report["load"].values():
        assert figures["errors"] == 0 and figures["requests"] > 0 and figures["p99_ms"] >= figures["p50_ms"] > 0
        assert figures["peak_mb"] > 0


# The contributors' preview -------------------------------------------------------------------


def test_the_live_preview_shows_the_datas_problems_on_its_pages_and_never_hangs(browser, project):
    entry = "practices/EP/program-claims.yaml"
    good = project.read(entry)
    project.write(entry, good.replace('position: "yes"', "position: perhaps"))
    port = servers.free_port()
    command = [sys.executable, "-m", "cop.cli", "preview", "--port", str(port), "--root", str(project.root)]
    # The preview speaks of the fixture's day, as a build given that epoch does: not stale on any
    # other day. It runs on the real clock: under libfaketime (.ci/run's second pass) the file
    # watcher's timed waits never see a change.
    env = servers.real_clock(dict(os.environ))
    env["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    with servers.running(command, port, "cop preview", timeout=120, env=env) as preview:

        def problems(expected: bool) -> str:
            """The problems shown at the top of the page, once they are (or are no longer) there.

            Each look is a new reader (a new browser context), with scripts off: the problems are
            in the page as served, and the live-reload script's long poll, left pending, once held
            the closing of a context for ten minutes (twice in the clock-shifted pass of CI)."""
            from playwright.sync_api import TimeoutError

            for _ in range(60):
                with watched_tab(browser, scripts=False) as (tab, _):
                    try:
                        tab.goto(f"http://127.0.0.1:{port}/compare/", timeout=10_000)
                    except TimeoutError:
                        raise AssertionError("the preview left the page waiting; it said:\n" + preview.said()) from None
                    shown = tab.locator(".cop-preview-problems")
                    if (shown.count() > 0) == expected:
                        return (shown.inner_text() if expected else "") + ("\n(with its page)" if tab.locator("article h1").count() else "")
                time.sleep(1)
            raise AssertionError(f"the preview did not {'show' if expected else 'clear'} the problems:\n" + preview.said())

        # Started on broken data: the first build shows the problem, at its file, line and column
        shown = problems(True)
        assert f"{entry}:3:11: unknown-position: position 'perhaps' is not allowed" in shown
        assert shown.endswith("(with its page)")  # the page itself is there under the problems
        project.write(entry, good)
        assert problems(False) == "\n(with its page)"
        # Broken while it runs: the next save rebuilds and the page says so
        project.write(entry, good + "summary: twice\n")
        assert f"{entry}:11:1: duplicate-key: key 'summary' is already defined at line 4" in problems(True)
