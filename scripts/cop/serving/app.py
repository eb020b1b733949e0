"""`cop serve`: a built site served as examiners should get it, by WhiteNoise on Granian.

WhiteNoise picks the precompressed `.br` or `.gz` the build wrote when the browser accepts it
(with `Vary: Accept-Encoding`), answers HEAD and byte ranges, and revalidates with ETag and
Last-Modified. Granian is the HTTP server (its connections handled in Rust, the application in
Python), with wheels for Linux, macOS and the Windows servers offices use. The headers of every
response, the 404 page included, come from the site's own `_headers` (cop.serving.policy).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from ..files import tree
from . import policy

NOT_FOUND_PAGE = "404.html"
_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class SiteApp:
    """The WSGI application serving the built site in SITE."""

    def __init__(self, site: Path):
        from whitenoise import WhiteNoise

        self.policy = policy.read(site)
        # No Cache-Control or CORS header of WhiteNoise's own: the policy says what each path gets.
        self.files = WhiteNoise(NotFound(site), root=str(site), index_file=True, max_age=None,
                                allow_all_origins=False, autorefresh=False)
        # The policy file speaks to servers, not readers (Netlify does not serve it either).
        self.files.files.pop("/" + policy.FILE, None)

    def __call__(self, environ, start_response):
        if "HTTP_ACCEPT_ENCODING" in environ:
            # WhiteNoise looks for the names alone; an encoding refused with q=0 must not be sent.
            environ["HTTP_ACCEPT_ENCODING"] = ", ".join(sorted(_accepted(environ["HTTP_ACCEPT_ENCODING"])))
        ours = self.policy.headers(environ.get("PATH_INFO", ""))
        replaced = {name.lower() for name, _ in ours}

        def start(status, headers, exc_info=None):
            kept = [(name, value) for name, value in headers if name.lower() not in replaced]
            return start_response(status, kept + ours, exc_info)

        return self.files(environ, start)


class NotFound:
    """The site's 404 page, for every path that is not a file of the site."""

    def __init__(self, site: Path):
        page = site / NOT_FOUND_PAGE
        self.variants = {"": page.read_bytes() if page.is_file() else b"<h1>Not found</h1>\n"}
        for encoding, suffix in _ENCODINGS:
            packed = site / (NOT_FOUND_PAGE + suffix)
            if packed.is_file():
                self.variants[encoding] = packed.read_bytes()

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Length", "0")])
            return []
        accepted = _accepted(environ.get("HTTP_ACCEPT_ENCODING", ""))
        encoding = next((e for e, _ in _ENCODINGS if e in accepted and e in self.variants), "")
        body = self.variants[encoding]
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                   ("Vary", "Accept-Encoding")]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        start_response("404 Not Found", headers)
        return [] if method == "HEAD" else [body]


def _accepted(header: str) -> set[str]:
    """The encodings an Accept-Encoding header allows (a q of 0 refuses one)."""
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=")
        if name and not (params and q.replace(".", "").strip("0") == ""):
            accepted.add(name.strip().lower())
    return accepted


class ServeError(Exception):
    pass


# The site a worker process serves: Granian starts its workers afresh and they import the
# application by name (`from_environment`), so the folder travels in the environment.
SITE_VARIABLE = "COP_SERVE_SITE"
# Threads for the WSGI calls of the one worker. The call only looks the file up and opens it
# (some 25 microseconds); Granian sends the body from Rust, so a slow reader holds no thread.
# Under 50 connections one thread measured p99 3.4 ms, two 6 to 9 ms, eight 10 to 14 ms: more
# threads only contend for the GIL (docs/performance.md, serving).
THREADS = 1


def from_environment() -> SiteApp:
    return SiteApp(Path(os.environ[SITE_VARIABLE]))


def serve(site: Path, host: str, port: int, *, ready=None) -> None:
    """Serves SITE on HOST:PORT until stopped (Ctrl-C or SIGTERM); `ready(url)` is called first."""
    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server import Server

    site = site.resolve()
    if not site.is_dir():
        raise ServeError(f"{site} is not a built site: run `cop build` first")
    # WhiteNoise would follow a link out of the site; the build never writes one.
    links = [rel for rel, link in tree(site.parent, site.name, hidden=True) if link]
    if links:
        raise ServeError(f"{site} holds symbolic links, which a built site never does: {', '.join(links[:5])}")
    try:
        SiteApp(site)  # said here, once, rather than by a worker that cannot start
    except policy.PolicyError as exc:
        raise ServeError(str(exc)) from None
    _can_listen(host, port)
    os.environ[SITE_VARIABLE] = str(site)
    if ready is not None:
        ready(f"http://{_url_host(host)}:{port}/")
    Server(f"{__name__}:from_environment", address=host, port=port, interface=Interfaces.WSGI, factory=True,
           workers=1, blocking_threads=THREADS, log_level=LogLevels.warning, log_access=False).serve()


def _can_listen(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another with --port") from None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
