"""The headers every response of the site carries, decided once, at build time, into `_headers`.

The Content-Security-Policy allows the site's own origin and nothing else. The theme writes a
few small scripts into its pages (the palette, the storage scope); the build hashes each one it
wrote and lists the hashes in the policy, so a script planted into a page later does not run.
The theme's fingerprinted files (`bundle.a5f9d56c.min.js`) never change under their name and
are cached for a year as immutable; everything else is revalidated on each use (`no-cache`,
with the ETag and Last-Modified the server sends).

The file `_headers` at the site's root holds all of it in the format Netlify and Cloudflare
Pages read: a path, then its headers indented. `cop serve` applies that file; `cop
server-config` turns it into nginx, Apache or IIS configuration. One policy, written once.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

FILE = "_headers"
EVERYWHERE = "/*"
REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"

# Material's build names its own bundles after their content: bundle.a5f9d56c.min.js.
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
# A script element and its text; a script is inline when it has no src. MkDocs writes each
# `<script ...>` on its own with plain attributes, which this reads.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def content_security_policy(script_hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        # The theme's icons are data: images in its stylesheet; data: names no host.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(script_hashes: list[str]) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        # Examiners follow links to official texts from closed networks: the site tells no other host where they came from.
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                              "microphone=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@dataclass
class Policy:
    """What `_headers` says: headers for every path, and the paths cached as immutable."""

    everywhere: dict[str, str]
    immutable: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._immutable = frozenset(self.immutable)

    def headers(self, path: str) -> list[tuple[str, str]]:
        """The headers of a response to PATH (a URL path), whatever its status."""
        cache = IMMUTABLE if path in self._immutable else REVALIDATE
        return [*self.everywhere.items(), ("Cache-Control", cache)]

    def text(self) -> str:
        lines = [EVERYWHERE, *(f"  {k}: {v}" for k, v in self.everywhere.items()), f"  Cache-Control: {REVALIDATE}"]
        for path in self.immutable:
            # Netlify and Cloudflare join the values of a header that several rules set, so the
            # rule for every path says nothing of caching where a later one says otherwise.
            lines += [path, f"  Cache-Control: {IMMUTABLE}"]
        return "\n".join(lines) + "\n"


class PolicyError(Exception):
    pass


def for_site(site: Path) -> Policy:
    """The policy of a built site: its inline scripts' hashes and its fingerprinted files."""
    hashes: set[str] = set()
    immutable = []
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if name.endswith(".html"):
                hashes.update(inline_script_hashes(path.read_text(encoding="utf-8")))
            elif _FINGERPRINTED.search(name):
                immutable.append("/" + path.relative_to(site).as_posix())
    # The policy rebuilt for the same files is the same text, hash for hash.
    return Policy(security_headers(sorted(hashes)), sorted(immutable))


def inline_script_hashes(html: str) -> list[str]:
    """The CSP hash ('sha256-...') of each script written into the page."""
    found = []
    for attributes, body in _SCRIPT.findall(html):
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if kind and kind.group(1).lower() not in _JAVASCRIPT_TYPES:
            continue  # data such as the theme's JSON configuration, which never runs
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.append("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found


def write(site: Path) -> Policy:
    policy = for_site(site)
    (site / FILE).write_text(policy.text(), encoding="utf-8")
    return policy


def read(site: Path) -> Policy:
    """The policy a built site carries, from its `_headers`."""
    path = site / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"{path} is missing: build the site with `cop build` first") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read it: {exc}") from None
    rules: dict[str, dict[str, str]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
            continue
        name, colon, value = line.strip().partition(":")
        if current is None or not colon or not name.strip():
            raise PolicyError(f"{path}:{number}:1: expected a path, or 'Name: value' under one")
        current[name.strip()] = value.strip()
    everywhere = rules.pop(EVERYWHERE, None)
    if not everywhere or "Content-Security-Policy" not in everywhere:
        raise PolicyError(f"{path}: no Content-Security-Policy for {EVERYWHERE}; build the site again with `cop build`")
    everywhere = dict(everywhere)
    everywhere.pop("Cache-Control", None)
    immutable = sorted(p for p, h in rules.items() if h.get("Cache-Control") == IMMUTABLE)
    return Policy(everywhere, immutable)
