"""Turning contributed text into HTML that cannot run anything, in time linear in its length.

`cop check` rejects unsafe markup; this is the second line of defence for whatever slips
past it (or a build run without the check). Contributed Markdown is parsed by markdown-it-py
(CommonMark), whose algorithms are made for linear time on pathological input (runs of
brackets, backticks, emphasis markers; see docs/performance.md), with raw HTML off and
nesting bounded. Knowledge-base links (topic:..., office:...) are resolved in its token
stream, and the HTML then passes an allow-list sanitizer (nh3), so no script, handler or
foreign URL scheme survives.

The pages put this HTML into Markdown documents as HTML blocks, and a blank line would end
such a block and hand the rest of a contributed text to the page's Markdown engine; so no
function here returns a blank line.
"""

from __future__ import annotations

import html
import re
from typing import Callable

import mdurl
import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .links import NAMES as KB_SCHEMES

_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "br"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_LINK_SCHEMES = _SCHEMES | set(KB_SCHEMES)

# No element of contributed HTML is nested deeper than this. Past it, markdown-it drops the
# rest of a block (block quotes, lists) and leaves brackets as text, and _finish leaves emphasis
# markers as text. No text of ours nests past a few levels; the bound keeps the trees that nh3
# and WeasyPrint walk shallow, and the cost of `[[[[` runs down.
MAX_NESTING = 20

# nh3 takes time that grows with the square of the characters it must escape (& and no-break
# spaces) in one text node or attribute value: 400,000 of them cost 5 s, a megabyte minutes.
# So long text is cut into nodes of at most _TEXT_CHUNK characters (by empty comments, which
# nh3 removes, leaving the same text), and link addresses and titles are bounded in length.
_TEXT_CHUNK = 4096
_LONG_TEXT = re.compile(r">([^<>]{%d,})" % (_TEXT_CHUNK + 1))
_MAX_HREF = 2000  # as long as a URL in the data files may be
_MAX_TITLE = 300  # as long as a one-line field

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# A newline that another follows with nothing but spaces or tabs between: a blank line.
_BLANK_LINE = re.compile(r"\n(?=[ \t\f\v]*\n)")
_URL_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:")
# What a browser's URL parser ignores before it reads the scheme: tabs and newlines anywhere,
# controls and spaces at the start.
_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_URL_LEADING = "".join(chr(c) for c in range(0x21))


def text(value: str | None) -> str:
    """Plain text for HTML, on one line (a newline is written `&#10;`, the same character)."""
    return _LINE_BREAK.sub("&#10;", html.escape(value or "", quote=True))


def attr(value: str | None) -> str:
    """Plain text for an HTML attribute value, on one line."""
    return _LINE_BREAK.sub("&#10;", html.escape(value or "", quote=True))


def heading(value: str) -> str:
    """Plain text for a Markdown heading: no markup, no HTML, and one line, as a heading is."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(_LINE_BREAK.split(value)), quote=False))


def link_allowed(url: str) -> bool:
    """Whether a link destination may be a link: http(s), mailto, a knowledge-base reference or a relative URL.

    markdown-it calls this with character references decoded (`&#106;` is `j`) and the result
    percent-encoded. The scheme is read as a browser reads it, so `java\\tscript:` is
    `javascript:`; and percent-escapes are decoded first, so that `jav%09ascript:`, which a
    browser would take for a harmless relative address, is not a link either.
    """
    bare = mdurl.decode(url).translate(_URL_IGNORED).lstrip(_URL_LEADING).lower()
    scheme = _URL_SCHEME.match(bare)
    return scheme is None or scheme.group()[:-1] in _LINK_SCHEMES


_state: dict[str, MarkdownIt] = {}


def _parser() -> MarkdownIt:
    if "md" not in _state:
        md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                       "maxNesting": MAX_NESTING})
        md.disable(["html_block", "html_inline"])  # as `html: False` does; said twice on purpose
        md.validateLink = link_allowed
        _state["md"] = md
    return _state["md"]


def _finish(md: MarkdownIt, tokens, resolve: Callable[[str, str], str | None]) -> None:
    """Gives each link its final address or takes it away (its text stays), and bounds inline nesting.

    markdown-it's maxNesting bounds blocks and links but not emphasis: `***...a***...` would
    nest `<strong>` once for every two stars. Past MAX_NESTING elements in all, an emphasis
    marker is shown as the text it is.
    """
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        room = MAX_NESTING - token.level  # the block elements around this text take the rest
        kept, fates, depth = [], [], 0
        for child in token.children:
            if child.nesting == 1:
                fate = "keep"
                if child.type == "link_open":
                    href = _href(md, str(child.attrs.get("href", "")), resolve)
                    if href is None or len(href) > _MAX_HREF:
                        fate = "drop"
                    else:
                        child.attrs["href"] = href
                        if len(str(child.attrs.get("title", ""))) > _MAX_TITLE:
                            del child.attrs["title"]
                if fate == "keep" and depth >= room:
                    fate = "drop" if child.type == "link_open" else "text"
                fates.append(fate)
                depth += fate == "keep"
            elif child.nesting == -1:
                fate = fates.pop() if fates else "keep"
                depth -= fate == "keep"
            else:
                fate = "keep"
            if fate == "keep":
                kept.append(child)
            elif fate == "text":
                marker = Token("text", "", 0)
                marker.content = child.markup
                kept.append(marker)
        token.children = kept


def _href(md: MarkdownIt, href: str, resolve: Callable[[str, str], str | None]) -> str | None:
    scheme, colon, value = href.partition(":")
    if colon and scheme in KB_SCHEMES:
        url = resolve(scheme, mdurl.decode(value))
        # Where a reference has no page (a printed handout), the link text stands alone.
        return md.normalizeLink(url) if url else None
    # An empty address is what markdown-it leaves of one that link_allowed refused.
    return href if href and link_allowed(href) else None


def _cut(match: re.Match) -> str:
    """A long run of text as nodes of at most _TEXT_CHUNK characters, never cut inside a character reference."""
    run, pieces, start = match.group(1), [], 0
    while len(run) - start > _TEXT_CHUNK:
        cut = start + _TEXT_CHUNK
        amp = run.rfind("&", cut - 6, cut)  # markdown-it's references (&amp; &lt; &gt; &quot;) are 4 to 6 long
        if amp != -1 and run.find(";", amp, cut) == -1:
            cut = amp
        pieces.append(run[start:cut])
        start = cut
    pieces.append(run[start:])
    return ">" + "<!---->".join(pieces)


def one_block(markup: str) -> str:
    """HTML without a blank line, and without newlines at its ends that could make one beside others."""
    markup = _LINE_BREAK.sub("\n", markup)
    return _BLANK_LINE.sub("&#10;", markup).strip(" \t\n")


def markdown_html(source: str | None, resolve: Callable[[str, str], str | None]) -> str:
    """Contributed Markdown to sanitized HTML holding no blank line.

    `resolve(scheme, value)` turns a knowledge-base reference (topic:..., office:...) into a
    URL, or None when it does not resolve (the link then shows as text).
    """
    if not source:
        return ""
    md = _parser()
    env: dict = {}
    tokens = md.parse(source, env)
    _finish(md, tokens, resolve)
    # markdown-it escapes every < and > in text and attributes: a run after a > is text.
    converted = _LONG_TEXT.sub(_cut, md.renderer.render(tokens, md.options, env))
    clean = nh3.clean(converted, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                      link_rel="noopener noreferrer")
    return one_block(clean)
