"""Turning contributed text into HTML that cannot run anything.

`cop check` rejects unsafe markup; this is the second line of defence for whatever slips
past it (or a build run without the check): contributed Markdown is rendered with a
minimal Markdown converter, its knowledge-base links resolved here, and the HTML passed
through an allow-list sanitizer (nh3), so no script, handler or foreign URL scheme survives.
"""

from __future__ import annotations

import html
import re
from typing import Callable

import markdown
import nh3

_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "br"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?((?:topic|office|entry|case|glossary|source|workshop):[^)\s>]+)>?\s*\)")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: str | None) -> str:
    """Plain text for HTML."""
    return html.escape(value or "", quote=True)


def attr(value: str | None) -> str:
    return html.escape(value or "", quote=True)


def heading(value: str) -> str:
    """Plain text for a Markdown heading: no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


_state: dict[str, markdown.Markdown] = {}


def _converter() -> markdown.Markdown:
    # One converter, reset between texts: building a Markdown instance costs more than a short text.
    if "md" not in _state:
        _state["md"] = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    return _state["md"]


def markdown_html(source: str | None, resolve: Callable[[str, str], str | None]) -> str:
    """Contributed Markdown to sanitized HTML.

    `resolve(scheme, value)` turns a knowledge-base reference (topic:..., office:...) into a
    relative URL, or None when it does not resolve (the link then shows as text).
    """
    if not source:
        return ""

    def link(match: re.Match) -> str:
        scheme, _, value = match.group(2).partition(":")
        url = resolve(scheme, value)
        # Where a reference has no page (a printed handout), the link text stands alone.
        return f"[{match.group(1)}]({url})" if url else match.group(1)

    # Angle brackets and braces are escaped before conversion, so raw HTML and attribute
    # lists in contributed text stay text even before the sanitizer sees them.
    parts = _CODE_SPAN.split(source)
    escaped = "".join(part if i % 2 else part.replace("<", "&lt;").replace("{", "&#123;") for i, part in enumerate(parts))
    converted = _converter().reset().convert(_LINK.sub(link, escaped))
    return nh3.clean(converted, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                     link_rel="noopener noreferrer")
