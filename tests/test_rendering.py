"""Rendering contributed Markdown (cop.views.safe): what the HTML may hold, where links go, and what it costs.

Red-team D5: a 20,000-character run of `[` passed the check and made the build take 45 s,
because the old converter's link parsing was super-linear. The renderer is now markdown-it-py
(CommonMark, raw HTML off, nesting bounded), and its cost, and that of our own patterns over
contributed text, must grow linearly with the text whatever the text is.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cop.views.safe import MAX_NESTING, attr, heading, link_allowed, markdown_html, text

ALLOWED_TAGS = {"p", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "br"}
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def kb_links(scheme, value):
    """A resolver that knows one topic and one office, as the site's does, from the site root."""
    return {("topic", "program-claims"): "__cop_root__/compare/program-claims/",
            ("office", "EP"): "__cop_root__/offices/EP/"}.get((scheme, value))


def no_links(scheme, value):
    return None


class Tree(HTMLParser):
    """Tags, attributes, text and the deepest nesting of a fragment."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text, self.depth, self.deepest = "", 0, 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag != "br":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        self.depth -= 1

    def handle_data(self, data):
        self.text += data

    def hrefs(self) -> list[str]:
        return [a.get("href") for tag, a in self.tags if tag == "a"]


# What the HTML may hold

def test_markdown_becomes_html_of_the_allowed_tags_only():
    source = ("A *claim* with **features** and `code`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n"
              "    indented code\n\n# Heading\n\n---\n\n![image](https://www.epo.org/i.png)\n\nline  \nbreak")
    tree = Tree(markdown_html(source, no_links))
    assert {tag for tag, _ in tree.tags} == {"p", "em", "strong", "code", "ul", "ol", "li", "blockquote", "pre", "br"}
    assert "Heading" in tree.text  # a heading's tag is dropped, its words are kept


def test_raw_html_in_contributed_text_is_shown_as_text():
    html = markdown_html('<script>alert(1)</script> and <img src=x onerror="alert(1)">', no_links)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_list_right_after_a_paragraph_line_is_a_list_as_in_commonmark():
    tree = Tree(markdown_html("Points to draw out:\n- the first\n- the second", no_links))
    assert [tag for tag, _ in tree.tags] == ["p", "ul", "li", "li"]


def test_web_links_keep_their_address_and_open_without_referrer():
    html = markdown_html("See [the EPO](https://www.epo.org/) and <https://www.epo.org/law>.", no_links)
    assert [a for tag, a in Tree(html).tags if tag == "a"] == [
        {"href": "https://www.epo.org/", "rel": "noopener noreferrer"},
        {"href": "https://www.epo.org/law", "rel": "noopener noreferrer"}]


# Where links go

def test_knowledge_base_links_resolve_inline_by_reference_and_as_autolinks():
    source = "[claims](topic:program-claims), [the EPO][ep], <topic:program-claims>\n\n[ep]: office:EP"
    tree = Tree(markdown_html(source, kb_links))
    assert tree.hrefs() == ["__cop_root__/compare/program-claims/", "__cop_root__/offices/EP/",
                            "__cop_root__/compare/program-claims/"]


def test_a_link_that_does_not_resolve_shows_its_text_only():
    html = markdown_html("See [a missing topic](topic:no-such-topic) and [a case](case:x).", kb_links)
    assert "<a" not in html and "a missing topic" in html and "a case" in html
    assert "topic:no-such-topic" not in html


def test_on_a_printed_page_knowledge_base_links_stay_text():
    assert markdown_html("[claims](topic:program-claims)", no_links) == "<p>claims</p>"


def test_the_root_placeholder_is_written_as_seen_from_each_page(tmp_path):
    from conftest import GOOD
    from cop.load import load
    from cop.views.practice import ViewContext
    from cop.views.urls import Urls

    kb = load(GOOD).kb
    ctx = ViewContext(kb=kb, urls=Urls(True), today=dt.date(2026, 6, 1))
    source = "[claims](topic:program-claims)"
    assert 'href="../../compare/program-claims/"' in ctx.markdown("compare/eligibility-framework/index.md", source)
    assert 'href="compare/program-claims/"' in ctx.markdown("index.md", source)


SCRIPT_LINKS = [
    "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:image/png;base64,iVBORw0KGgo=)", "[x](file:///etc/passwd)",
    "[x](jav&#x61;script:alert(1))", "[x](&#106;avascript:alert(1))", "[x](jav&#x09;ascript:alert(1))",
    "[x](jav&#10;ascript:alert(1))", "[x](javascript&colon;alert(1))",
    "[x][r]\n\n[r]: jav&#x61;script:alert(1)", "[x][r]\n\n[r]: data:text/html,x", "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>", "[x](ftp://example.org/)",
]


@pytest.mark.parametrize("source", SCRIPT_LINKS)
def test_script_data_file_and_other_scheme_links_are_not_links(source):
    tree = Tree(markdown_html(source, kb_links))
    assert tree.hrefs() == []
    assert "x" in tree.text or "script" in tree.text  # the reader still sees the words


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JAVASCRIPT:x", "java\tscript:x", "\x01javascript:x",
                                 "java\nscript:x", "vbscript:x", "data:text/html,x", "data:image/png;base64,x",
                                 "file:///etc/passwd", "ftp://example.org/", "jav%09ascript:x", "%20javascript:x"])
def test_link_allowed_refuses_schemes_as_a_browser_reads_them(url):
    assert not link_allowed(url)


@pytest.mark.parametrize("url", ["https://www.epo.org/", "http://example.org", "mailto:a@example.org", "#anchor",
                                 "topic:program-claims", "office:EP", "entry:EP/program-claims", "case:x",
                                 "glossary:cii", "source:ep-guidelines-2025", "workshop:demo", "relative/page/",
                                 "100%25 sure", "a/b:c"])
def test_link_allowed_accepts_web_and_knowledge_base_links(url):
    assert link_allowed(url)


# No blank line: the pages put this HTML in Markdown documents as HTML blocks

BLANKS = ["```\ncode\n\nmore code\n```", "    code\n\n    more code", "```\na\n   \n\t\nb\n```",
          "- loose\n\n- list", "a\r\n\r\nb", "a\r\rb", "```\r\nx\r\n\r\ny\r\n```", "# title\n\n---\n\ntext",
          "> quote\n>\n> more", "![x](https://e.org/i.png)\n\n![y](https://e.org/j.png)"]


@pytest.mark.parametrize("source", BLANKS)
def test_rendered_markdown_never_holds_a_blank_line(source):
    html = markdown_html(source, no_links)
    assert not BLANK_LINE.search(html) and "\r" not in html
    assert html == html.strip()


def test_a_blank_line_in_code_is_kept_as_the_same_character():
    html = markdown_html("```\ncode\n\nmore code\n```", no_links)
    assert "&#10;" in html
    assert Tree(html).text == "code\n\nmore code\n"


@pytest.mark.parametrize("value", ["a\n\nb", "a\r\n\r\nb", "a\n \t\nb", "a\rb", "\n", "line\n"])
def test_plain_text_and_attributes_are_one_line(value):
    for out in (text(value), attr(value)):
        assert "\n" not in out and "\r" not in out
        assert Tree(f'<p title="{out}">{out}</p>').tags[0][1]["title"] == value.replace("\r\n", "\n").replace("\r", "\n")


def test_a_heading_is_one_line():
    assert "\n" not in heading("Title\n\n<b>and more</b>") and "&lt;b&gt;" in heading("<b>")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab \t\n\r`*_[]()<>!#>-1.:\\&;") + ["```", "    ", "[x](topic:y)", "<b>"]),
                max_size=120).map("".join))
def test_no_text_makes_a_blank_line_or_a_tag_outside_the_allow_list(source):
    html = markdown_html(source, kb_links)
    assert not BLANK_LINE.search(html) and "\r" not in html
    tree = Tree(html)
    assert {tag for tag, _ in tree.tags} <= ALLOWED_TAGS and tree.deepest <= MAX_NESTING
    assert all(name in ("href", "title", "rel") for _, attrs in tree.tags for name in attrs)
    for out in (text(source), attr(source)):
        assert "\n" not in out and "\r" not in out


@pytest.mark.parametrize("source", ["&" * 10_001 + "x", '"' * 9_999, "a\u00a0" * 7_000, "x<" * 5_000,
                                    "    " + "&<>\"" * 3_000])
def test_long_text_is_shown_whole_and_unchanged(source):
    assert Tree(markdown_html(source, no_links)).text.strip() == source.strip()


def test_an_address_or_title_longer_than_the_data_files_allow_is_not_kept():
    long_link = markdown_html("[the words](https://e.org/" + "a" * 2001 + ")", no_links)
    assert "<a" not in long_link and "the words" in long_link
    long_title = Tree(markdown_html('[x](https://e.org/ "' + "t" * 301 + '")', no_links))
    assert long_title.tags[1] == ("a", {"href": "https://e.org/", "rel": "noopener noreferrer"})


# Bounded nesting

@pytest.mark.parametrize("source", [">" * 5000 + " deep", "".join("  " * i + "- a\n" for i in range(300)),
                                    "*" * 3000 + "a" + "*" * 3000, "[" * 3000 + "a" + "]" * 3000])
def test_nesting_is_bounded_whatever_the_text(source):
    assert Tree(markdown_html(source, no_links)).deepest <= MAX_NESTING


def test_ordinary_nesting_is_rendered_in_full():
    source = "> - one\n>   - two\n>     - three\n>       - four *with **strong [link](https://e.org)***"
    tree = Tree(markdown_html(source, no_links))
    assert "four with strong link" in tree.text
    assert [tag for tag, _ in tree.tags].count("ul") == 4


# Linear cost

def run_of(unit):
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def nested_list(size):
    lines, depth = [], 0
    while sum(map(len, lines)) < size:
        lines.append("  " * depth + "- a\n")
        depth += 1
    return "".join(lines)[:size]


FAMILIES = {
    "brackets": run_of("["), "bracket-paren": run_of("]("), "link-openers": run_of("[a]("),
    "image-openers": run_of("!["), "angle": run_of("<"), "autolink-openers": run_of("<http:"),
    "backticks": run_of("`"), "code-spans": run_of("a`` "), "star-emphasis": run_of("*a"),
    "underscore-emphasis": run_of("_a"), "strong": run_of("**"), "nested-lists": nested_list,
    "block-quotes": run_of(">"), "long-line": run_of("abcdefghij"), "entities": run_of("&#"),
    "reference-definitions": lambda n: "".join(f"[r{i}]: https://e.org/{i}\n" for i in range(n // 24))[:n],
    "unclosed-links": run_of("[a](<b"), "brackets-then-closers": lambda n: "[" * (n // 2) + "]" * (n // 2),
    # nh3's time grows with the square of the escapes in one text node or attribute, unless cut short
    "ampersands": run_of("&"), "no-break-spaces": run_of("a\u00a0"), "quotes-in-code": lambda n: "    " + '"' * n,
    "long-address": lambda n: "[a](https://e.org/?" + "&" * n + ")",
    "long-title": lambda n: '[a](https://e.org/ "' + "&" * n + '")',
}


def work(function, source) -> int:
    """Lines of Python executed while rendering: the same count for the same text on any machine.

    Nearly all of the renderer's work is Python (markdown-it-py's scanners are loops over the
    text), so this counts what the clock would measure, without the clock's noise. Our own
    patterns run in the regular-expression engine, which counts nothing: their cost is measured
    by the benchmark (benchmarks/adversarial.py, docs/performance.md).
    """
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(source)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("family", FAMILIES)
def test_rendering_work_grows_linearly_with_any_text(family):
    """Four times the text, at most about four times the work (the square would be sixteen)."""
    make = FAMILIES[family]
    small, large = (work(lambda s: markdown_html(s, kb_links), make(n)) for n in (5_000, 20_000))
    assert large <= 6 * max(small, 1_000), f"{family}: 4 times the text took {large / small:.1f} times the work"


def test_the_red_team_reproductions_render_as_text():
    html = markdown_html("[" * 20_000, kb_links)  # D5: a detail at the schema's maximum
    assert Tree(html).text.count("[") == 20_000
    for unit in ("[a](", "<http:"):  # D5: runs that once stopped the converter
        source = run_of(unit)(100_000)
        assert "".join(Tree(markdown_html(source, kb_links)).text.split()) == "".join(source.split())
    # A run of backticks at the start of a line opens a fenced code block that holds nothing.
    assert {tag for tag, _ in Tree(markdown_html(run_of("`")(100_000), kb_links)).tags} <= {"pre", "code"}
