"""The serving benchmark: first paint and first search result on a slow link, and load, for `cop serve` beside nginx.

    .venv/bin/python benchmarks/serving.py --out serving.json       # the real content: about 5 minutes
    .venv/bin/python benchmarks/serving.py --quick                  # the benchmark's own test
    .venv/bin/python benchmarks/serving.py --search-only            # the first search result alone

The real content is built once (`cop build`, as `make serve` does) and served three ways from
the same folder: by `cop serve`; by nginx with the configuration `cop server-config nginx`
prints (gzip_static and brotli_static); and, for comparison, by Python's http.server, which
sends every file raw, as MkDocs' development server does.

Slow link: Chromium (Debian's) with the network throttled by the DevTools protocol to a 400 ms
round trip and 50 KB/s each way, a new profile each time (nothing cached); the figure is the
page's first contentful paint, median of --paints loads (5) of the home page and the matrix.
Chromium asks for brotli only over HTTPS (and from the loopback address), so `cop serve` is also
measured with `Accept-Encoding: gzip, deflate`, as an office's intranet over plain HTTP gets it.

First search result: on that link, gzip only, through `cop serve`, a new profile each load,
"technical character" typed into the search box as soon as it takes a click; the figure is the
page's performance.now() (from navigation start, as first paint) when the first
`.md-search-result__item` is in the page, median of --paints loads of the home page and the
matrix. Material shows results only once its worker has the whole search index, so this
includes fetching search/search_index.json; the bytes that took (the DevTools protocol's
encodedDataLength, headers included) are reported with it, and so are the index's sizes and
its bytes per byte of unique text (benchmarks/searchindex.py). --search-only measures just that,
through `cop serve` alone (no nginx, no wrk): about 2 minutes on the real content.

Load: wrk, 50 connections on 2 threads for --seconds (10), every connection cycling through a
mix of pages, theme assets and the search index with `Accept-Encoding: gzip, br`, as browsers
send it; requests per second, p50 and p99 latency, errors (non-2xx or socket errors), and the
server's peak memory (VmHWM). Server and load share the machine's cores.

--quick is this benchmark's own test (tests/test_serve.py): the fixture knowledge base, one
load of each page, a second of load with 5 connections. Its figures mean nothing; that every
one is there does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import searchindex  # benchmarks/searchindex.py: on the path as this file's folder, or as the tests put it

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
MIME_TYPES = "/etc/nginx/mime.types"
SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
PAGES = {"home": "/", "matrix": "/compare/"}


def real_clock(env: dict[str, str]) -> dict[str, str]:
    """ENV without libfaketime (.ci/run's second pass fakes the clock of every process): a server
    or a browser that waits on timers runs on the real clock, or its timed waits never end."""
    return {k: v for k, v in env.items() if not k.startswith("FAKETIME") and k != "LD_PRELOAD"}


@contextmanager
def chromium():
    """Debian's Chromium, driven by Playwright, both on the real clock; closed on the way out."""
    from playwright.sync_api import sync_playwright

    # The driver copies this process's environment, and Chromium the driver's.
    faked = {k: os.environ.pop(k) for k in set(os.environ) - set(real_clock(dict(os.environ)))}
    try:
        driver = sync_playwright().start()
    finally:
        os.environ.update(faked)
    try:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        driver.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, what: str, log, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{what} stopped with status {proc.returncode}:\n{log.read().decode(errors='replace')[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port} in {timeout} s")


@contextmanager
def running(command: list[str], port: int, what: str, *, timeout: float = 30, env: dict | None = None):
    """COMMAND, a server, once it listens on PORT; stopped as Ctrl-C would (SIGINT) on the way out.
    What it says goes to a file, never a pipe nobody reads (a full pipe would stop it)."""
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(command, stdout=log, stderr=log, env=env)
        proc.said = lambda: (log.seek(0), log.read().decode(errors="replace"))[1]  # for a failing test to show
        try:
            wait_listening(port, proc, what, log, timeout)
            yield proc
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def cop_server(site: Path):
    """`cop serve`, as `make serve` runs it; yields (url, process)."""
    port = free_port()
    with running([str(BIN / "cop"), "serve", "--site-dir", str(site), "--port", str(port)], port, "cop serve") as proc:
        yield f"http://127.0.0.1:{port}", proc


def nginx_missing() -> str | None:
    for path in (NGINX, BROTLI_MODULE, MIME_TYPES):
        if not Path(path).exists():
            return f"{path} is missing: run .ci/system-packages.sh (Debian packages nginx-light, libnginx-mod-http-brotli-static)"
    return None


@contextmanager
def nginx_server(site: Path, work: Path):
    """nginx with the server block `cop server-config nginx --brotli` prints for SITE; yields (url, process)."""
    missing = nginx_missing()
    if missing:
        raise RuntimeError(missing)
    port = free_port()
    block = subprocess.run([str(BIN / "cop"), "server-config", "nginx", "--brotli", "--site-dir", str(site),
                            "--listen", f"127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    work.mkdir(parents=True, exist_ok=True)
    (work / "site.conf").write_text(block, encoding="utf-8")
    temp = "\n".join(f"  {name}_temp_path {work / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # One process that stays the user who started it: no master, no workers under another user.
    (work / "nginx.conf").write_text(f"""load_module {BROTLI_MODULE};
daemon off;
master_process off;
worker_processes 1;
pid {work / 'nginx.pid'};
error_log {work / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
  include {MIME_TYPES};
  default_type application/octet-stream;
  access_log off;
  sendfile on;
{temp}
  include {work / 'site.conf'};
}}
""", encoding="utf-8")
    with running([NGINX, "-e", str(work / "error.log"), "-p", str(work), "-c", str(work / "nginx.conf")], port, "nginx") as proc:
        yield f"http://127.0.0.1:{port}", proc


@contextmanager
def raw_server(site: Path):
    """Python's http.server: every file sent as it is, no compression, no headers of ours."""
    port = free_port()
    with running([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site), str(port)],
                 port, "http.server") as proc:
        yield f"http://127.0.0.1:{port}", proc


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory of a server: its process and every process it started (Granian's worker)."""
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            total += int(line.split()[1])
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += peak_memory_mb(int(child)) * 1024
    return total / 1024


# What Chromium asks for over plain HTTP from any host but the loopback: brotli only over HTTPS.
PLAIN_HTTP = "gzip, deflate"


@contextmanager
def slow_tab(browser, accept: str | None = None):
    """A tab in a new profile (nothing cached) on the slow link; with ACCEPT, the browser's
    Accept-Encoding replaced by it. Yields (page, cdp): the DevTools session has Network enabled,
    for a caller to listen to its events."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
        if accept is not None:
            cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": accept}})
        yield page, cdp
    finally:
        context.close()


def polled(page, expression: str, what: str, timeout: float = 120):
    """The value of EXPRESSION in PAGE once it is not null, asked every 50 ms from here: a predicate
    waited for in the page would be eval, which the policy refuses."""
    deadline = time.monotonic() + timeout
    while (value := page.evaluate(expression)) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} after {timeout:.0f} s")
        time.sleep(0.05)
    return value


def first_paints(browser, url: str, loads: int, accept: str | None = None) -> list[float]:
    """First contentful paint (seconds) of URL over the slow link, each load in a new profile;
    with ACCEPT, the browser's Accept-Encoding replaced by it."""
    paints = []
    for _ in range(loads):
        with slow_tab(browser, accept) as (page, _):
            page.goto(url, wait_until="commit", timeout=120_000)
            paint = polled(page, "() => performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] ?? null",
                           f"{url} never painted")
            paints.append(paint / 1000)
    return paints


SEARCH_QUERY = "technical character"  # found on every page's search, the fixture's and the real content's
SEARCH_INDEX = "search/search_index.json"
# Run in each document before its own scripts (a DevTools script, not one of the page's, so the
# policy does not apply): the time, on the page's clock, the first search result is in the page.
WATCH_FIRST_RESULT = """(() => {
  const seen = () => {
    if (window.__copFirstResult == null && document.querySelector('.md-search-result__item')) {
      window.__copFirstResult = performance.now();
      watcher.disconnect();
    }
  };
  const watcher = new MutationObserver(seen);
  watcher.observe(document, {childList: true, subtree: true});
})();"""


def first_search_results(browser, url: str, loads: int, accept: str | None = PLAIN_HTTP,
                         query: str = SEARCH_QUERY) -> tuple[list[float], list[int], list[float]]:
    """Seconds from navigation start until the first search result is in URL's page, over the slow
    link, each load in a new profile; the bytes each load transferred for the search index; and
    the seconds from navigation start until the index had arrived.

    The query is typed as soon as the search box takes a click (Playwright's click waits until the
    box is visible, stable and enabled: on the real content about 2.8 s in, just after the theme's
    script has run; typed before, the script would read the box's value once its worker has the
    index, so the figure would not change). The time is the page's
    own clock: performance.now() (from navigation start, as first paint) when a MutationObserver,
    installed before any of the page's scripts run, first sees a `.md-search-result__item`; the
    result is then checked to be visible. Material shows results only once its worker has the
    index, so the figure includes fetching search/search_index.json whole. The bytes are the
    DevTools protocol's encodedDataLength of that response (headers included); its arrival, the
    responseEnd of its resource timing entry, on the same clock."""
    times, transferred, received = [], [], []
    for _ in range(loads):
        with slow_tab(browser, accept) as (page, cdp):
            index_requests: set[str] = set()
            index_bytes: list[int] = []
            cdp.on("Network.responseReceived", lambda event: index_requests.add(event["requestId"])
                   if event["response"]["url"].endswith("/" + SEARCH_INDEX) else None)
            cdp.on("Network.loadingFinished", lambda event: index_bytes.append(int(event["encodedDataLength"]))
                   if event["requestId"] in index_requests else None)
            page.add_init_script(WATCH_FIRST_RESULT)
            page.goto(url, wait_until="commit", timeout=120_000)
            box = page.locator("input.md-search__input")
            box.click(timeout=120_000)
            box.press_sequentially(query)
            found = polled(page, "() => window.__copFirstResult ?? null", f"no search result for {query!r} on {url}", 180)
            page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30_000)
            times.append(found / 1000)
            if not index_bytes:
                raise RuntimeError(f"{url}: the search index's response was not seen")
            transferred.append(index_bytes[-1])
            arrived = page.evaluate("""name => performance.getEntriesByType('resource')
                .filter(e => e.name.split('?')[0].endsWith(name)).map(e => e.responseEnd)[0] ?? null""", "/" + SEARCH_INDEX)
            if arrived is None:
                raise RuntimeError(f"{url}: the search index has no resource timing entry")
            received.append(arrived / 1000)
    return times, transferred, received


def load_paths(site: Path) -> list[str]:
    """The mix a reader's visits ask for: pages, the theme's assets, the search index."""
    pages = sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("index.html"))
    assets = sorted("/" + p.relative_to(site).as_posix() for p in (site / "assets").rglob("*")
                    if p.suffix in (".js", ".css") and p.is_file())
    return pages[:40] + assets[:10] + ["/search/search_index.json"]


WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept-Encoding"] = "gzip, br"})
end
"""


def load_run(url: str, proc: subprocess.Popen, paths: list[str], seconds: int, connections: int, work: Path) -> dict:
    script = work / "mix.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    return {**parse_wrk(out), "peak_mb": round(peak_memory_mb(proc.pid), 1)}


def parse_wrk(out: str) -> dict:
    def seconds(value: str, unit: str) -> float:
        return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = {p: seconds(*re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M).groups()) for p in ("50", "99")}
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return {"requests": requests, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": round(latency["50"] * 1000, 2), "p99_ms": round(latency["99"] * 1000, 2), "errors": errors}


def build_site(root: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "cop"), "build", "--root", str(root), "--site-dir", str(site)], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the benchmark's own test: the fixture, once each")
    parser.add_argument("--paints", type=int, help="loads of each page per server (5; --quick: 1)")
    parser.add_argument("--seconds", type=int, help="seconds of load per server (10; --quick: 1)")
    parser.add_argument("--connections", type=int, help="concurrent connections (50; --quick: 5)")
    parser.add_argument("--search-only", action="store_true",
                        help="only the first search result through `cop serve` and the search index's figures")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args(argv)
    paints = args.paints or (1 if args.quick else 5)
    seconds = args.seconds or (1 if args.quick else 10)
    connections = args.connections or (5 if args.quick else 50)
    missing = None if args.search_only else (
        nginx_missing() or (None if shutil.which("wrk") else "wrk is missing: run .ci/system-packages.sh"))
    if missing:
        print(missing, file=sys.stderr)
        return 2
    started, when, load_before = time.perf_counter(), dt.datetime.now(dt.timezone.utc), os.getloadavg()
    results: dict = {"paint": {}, "load": {}, "first_search": {}, "search_index": {}}
    with tempfile.TemporaryDirectory(prefix="cop-serving-") as tmp:
        work = Path(tmp)
        root = REPO
        if args.quick:
            root = work / "kb"
            shutil.copytree(REPO / "tests" / "fixtures" / "good", root)
            shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
        site = work / "site"
        build_site(root, site)
        paths = load_paths(site)
        results["search_index"] = {**searchindex.measure(site), "index": SEARCH_INDEX}
        servers = {"cop serve": cop_server(site)}
        if not args.search_only:
            servers.update({"nginx": nginx_server(site, work / "nginx"), "raw": raw_server(site)})
        with chromium() as browser:
            for name, server in servers.items():
                with server as (url, proc):
                    for page, path in PAGES.items():
                        if not args.search_only:
                            found = first_paints(browser, url + path, paints)
                            results["paint"].setdefault(name, {})[page] = round(statistics.median(found), 3)
                        if name == "cop serve":  # an office's intranet, over plain HTTP
                            if not args.search_only:
                                found = first_paints(browser, url + path, paints, accept=PLAIN_HTTP)
                                results["paint"].setdefault(f"{name}, gzip only", {})[page] = round(statistics.median(found), 3)
                            found, transferred, received = first_search_results(browser, url + path, paints, accept=PLAIN_HTTP)
                            results["first_search"][page] = round(statistics.median(found), 3)
                            results["search_index"].setdefault("transferred_bytes", {})[page] = int(statistics.median(transferred))
                            results["search_index"].setdefault("received_s", {})[page] = round(statistics.median(received), 3)
                    if name != "raw" and not args.search_only:
                        results["load"][name] = load_run(url, proc, paths, seconds, connections, work)
                print(f"  {name} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    print(f"Machine: {machine}; load average {' '.join(f'{x:.2f}' for x in load_before)} at the start; {elapsed:.0f} s in all.\n")
    print(report_tables(results, paints, seconds, connections, len(paths)))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({
            "command": ["benchmarks/serving.py", *(sys.argv[1:] if argv is None else argv)],
            "started": when.isoformat(timespec="seconds"), "machine": machine,
            "load_average": [round(x, 2) for x in load_before], "seconds": round(elapsed, 1),
            "paints": paints, "search_query": SEARCH_QUERY, "load_seconds": seconds, "connections": connections, "paths": len(paths),
            **results,
        }, indent=1) + "\n", encoding="utf-8")
    errors = sum(r["errors"] for r in results["load"].values())
    if errors:
        print(f"{errors} requests failed under load", file=sys.stderr)
        return 1
    return 0


def report_tables(results: dict, paints: int, seconds: int, connections: int, paths: int) -> str:
    lines = []
    if results["paint"]:
        lines += [f"First contentful paint over a 400 ms, 50 KB/s link (median of {paints} loads, nothing cached):", "",
                  "| Server | Home page | Matrix |", "| --- | ---: | ---: |"]
        for name, figures in results["paint"].items():
            lines.append(f"| {name} | {figures['home']:.2f} s | {figures['matrix']:.2f} s |")
        lines.append("")
    if results["first_search"]:
        index = results["search_index"]
        lines += [f"First search result over the same link, `cop serve`, gzip only (median of {paints} loads, nothing cached; "
                  f"\"{SEARCH_QUERY}\" typed as soon as the search box takes a click; from navigation start):", "",
                  "| Page | First search result | Search index arrived | Search index transferred |", "| --- | ---: | ---: | ---: |"]
        for page, label in (("home", "Home page"), ("matrix", "Matrix")):
            lines.append(f"| {label} | {results['first_search'][page]:.2f} s | {index['received_s'][page]:.2f} s "
                         f"| {index['transferred_bytes'][page] / 1024:,.0f} KB |")
        lines += ["", f"Search index: {index['raw_bytes'] / 1024:,.0f} KB raw, {index['gzip_bytes'] / 1024:,.0f} KB gzip'd, "
                  f"{index['documents']} documents; unique text {index['unique_text_bytes'] / 1024:,.0f} KB; "
                  f"index bytes / unique text bytes: {index['ratio']:.2f} (benchmarks/searchindex.py lists what repeats)", ""]
    if results["load"]:
        lines += [f"Load: {connections} connections for {seconds} s over {paths} paths (pages, assets, search index):", "",
                  "| Server | Requests/s | p50 | p99 | Errors | Peak memory |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for name, r in results["load"].items():
            lines.append(f"| {name} | {r['rps']:,.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['errors']} | {r['peak_mb']:.0f} MB |")
    if {"cop serve", "nginx"} <= set(results["load"]):
        ratio = results["load"]["cop serve"]["p99_ms"] / max(results["load"]["nginx"]["p99_ms"], 1e-3)
        lines += ["", f"p99 of cop serve / p99 of nginx: {ratio:.1f}"]
    return "\n".join(lines).rstrip("\n")


if __name__ == "__main__":
    sys.exit(main())
