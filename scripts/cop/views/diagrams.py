"""An office's test as a diagram: inline SVG drawn by Graphviz, and the same test as an ordered list.

The SVG is made at build time and holds no script, no style attribute and no address but the
links to the site's own pages that the caller gives; every text in it is the data's, escaped by
Graphviz. The list beside it says everything the drawing says (questions, answers, where each
leads, sources), for screen readers, for print and for a reader who prefers text. A case's walk
is drawn in the same diagram: the questions it passes and the answers between them stand out,
by colour and by a heavier line, and the list says it in words.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from ..missing import MissingTool
from ..model import KnowledgeBase, OfficeTest, Question, Source
from ..parallel import cores
from . import urls as where
from .fragments import citation, outcome_badge, search_excluded, status_badge
from .safe import attr, text
from .vocabulary import OUTCOMES

FONT = "DejaVu Sans"  # Graphviz measures the text in this font; Debian's fonts-dejavu-core has it
# Outcome colours as fills and lines that read on paper and on either of the site's palettes.
_FILLS = {"green": "#e3f4e8", "teal": "#dff3f0", "amber": "#fdf0d5", "red": "#fbe3e1", "purple": "#eee6f7"}
_LINES = {"green": "#1b7f3b", "teal": "#00796b", "amber": "#8a5700", "red": "#b3261e", "purple": "#6a3fa0"}
WALKED = "#b35900"


def prefix(test: OfficeTest) -> str:
    """The id every element of a diagram starts with: the test's anchor, unique on a page."""
    return where.test_anchor(test.office, test.id)


def step_anchor(test: OfficeTest, node_id: str) -> str:
    """A question's place in the list beside the drawing."""
    return f"{prefix(test)}-step-{node_id}"


def _label(words: str, width: int) -> str:
    import graphviz

    # Each line escaped for Graphviz (a backslash in the data is no escape sequence, and text in
    # angle brackets no HTML label), then joined by Graphviz's own line break.
    return graphviz.nohtml("\\n".join(graphviz.escape(line) for line in textwrap.wrap(words, width) or [""]))


def _steps(walk: Sequence[str]) -> set[tuple[str, str]]:
    """The answers a walk takes: (question, the question it leads to)."""
    return set(zip(walk, walk[1:]))


# Each test's source, by the test (compared as the same object), walk and resolution: a site asks
# for the same one on several pages, and writing it out is a tenth of generating the pages.
_SOURCES: dict[tuple[int, tuple[str, ...], int | None], tuple[OfficeTest, str]] = {}
_KEPT = 2048  # drawings and sources kept at most; far more than a site shows


def dot_source(test: OfficeTest, walk: Sequence[str] = (), *, dpi: int | None = None) -> str:
    """The test in Graphviz's language; `walk` the ids of the questions a case passes, in order;
    `dpi` the resolution of a picture. Each question links to a placeholder (_PLACE) that svg()
    replaces with the page's own address for it: one drawing serves every page that shows it."""
    key = (id(test), tuple(walk), dpi)
    known = _SOURCES.get(key)
    if known is None or known[0] is not test:
        known = (test, _dot_source(test, walk, dpi))
        _keep(_SOURCES, key, known)
    return known[1]


def _dot_source(test: OfficeTest, walk: Sequence[str], dpi: int | None) -> str:
    import graphviz

    pid = prefix(test)
    walked = set(walk)
    steps = _steps(walk)
    picture = {"dpi": str(dpi)} if dpi else {}
    # The graph's own id is the drawing's; the test's anchor is the figure's around it.
    g = graphviz.Digraph(pid, graph_attr={"id": f"{pid}-graph", "rankdir": "TB", "bgcolor": "transparent", "nodesep": "0.3",
                                          "ranksep": "0.35", "fontname": FONT, **picture},
                         node_attr={"fontname": FONT, "fontsize": "11", "shape": "box", "style": "rounded,filled",
                                    "fillcolor": "#ffffff", "color": "#37474f", "margin": "0.12,0.06"},
                         edge_attr={"fontname": FONT, "fontsize": "10", "color": "#546e7a", "fontcolor": "#263238",
                                    "arrowsize": "0.7"})
    for number, node in enumerate(test.nodes, 1):
        on = node.id in walked
        attrs = {"id": f"{pid}-{node.id}", "class": "cop-question" + (" cop-walked" if on else "")}
        attrs["href"] = _PLACE + node.id
        if on:
            attrs.update(penwidth="3", color=WALKED, fillcolor="#fff3d6")
        g.node(f"q-{node.id}", _label(f"{number}. {node.question}", 34), **attrs)
        for i, answer in enumerate(node.answers):
            edge = {"id": f"{pid}-{node.id}-a{i}", "label": _label(answer.answer, 16)}
            if answer.next:
                if (node.id, answer.next) in steps:
                    edge.update({"class": "cop-walked", "penwidth": "2.5", "color": WALKED})
                else:
                    edge["class"] = "cop-answer"
                g.edge(f"q-{node.id}", f"q-{answer.next}", **edge)
            elif answer.outcome:
                label, colour = OUTCOMES[answer.outcome]
                end = f"end-{node.id}-{i}"
                words = label + (f": {answer.conclusion}" if answer.conclusion else "")
                g.node(end, _label(words, 26), id=f"{pid}-{end}", shape="box", style="filled",
                       fillcolor=_FILLS[colour], color=_LINES[colour], **{"class": f"cop-outcome cop-{colour}"})
                g.edge(f"q-{node.id}", end, **edge, **{"class": "cop-answer"})
    return g.source


_PLACE = "cop-drawing-link:"  # what a question links to in a drawing, until svg() puts the page's address
PNG_DPI = 150
# Every drawing made in this process, by Graphviz source and format: pages, handouts and slides
# show the same test many times, and a forked process (cop.parallel) inherits what is drawn.
_DRAWN: dict[tuple[str, str], str | bytes] = {}


def _draw(source: str, form: str) -> str | bytes:
    import graphviz

    try:
        drawn = graphviz.Source(source).pipe(format=form)
        return drawn.decode("utf-8") if form == "svg" else drawn
    except graphviz.ExecutableNotFound:
        raise MissingTool("Graphviz's dot is missing: install the Debian package graphviz "
                          "(.ci/system-packages.sh does)") from None


def _drawn(source: str, form: str = "svg") -> str | bytes:
    if (source, form) not in _DRAWN:
        _keep(_DRAWN, (source, form), _draw(source, form))
    return _DRAWN[source, form]


def _keep(store: dict, key, value) -> None:
    """Kept for the life of the process, within _KEPT: a preview draws again, with new tests and
    sources, at every save that changes a test."""
    if len(store) > _KEPT:
        store.clear()
    store[key] = value


def every_drawing(kb: KnowledgeBase) -> list[tuple[OfficeTest, tuple[str, ...]]]:
    """The drawings the site shows: each test, and each case's walk through an office's test."""
    return [(test, ()) for test in kb.tests.values()] + [
        (test, tuple(walk)) for case in kb.cases.values() for analysis in case.analyses
        for _, test, walk in kb.walked_tests(analysis)]


def draw_ahead(drawings: Iterable[tuple[OfficeTest, Sequence[str]]], *, pictures: bool = False) -> None:
    """Makes these drawings (and, with `pictures`, each test's picture for slides) as many at a
    time as there are cores: each is a Graphviz process, mostly waited for. A page then finds its
    drawings made; one not listed here is still made when a page asks for it."""
    wanted = {(dot_source(test, walk), "svg") for test, walk in drawings}
    if pictures:
        wanted |= {(dot_source(test, dpi=PNG_DPI), "png") for test, _ in drawings}
    missing = sorted(job for job in wanted if job not in _DRAWN)
    if len(missing) < 2:
        return
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        for job, drawn in zip(missing, pool.map(lambda job: _draw(*job), missing)):
            _keep(_DRAWN, job, drawn)


def png(test: OfficeTest) -> bytes:
    """The diagram as a picture, for a slide: no links, the same drawing."""
    return _drawn(dot_source(test, dpi=PNG_DPI), "png")


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_GV_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_PT = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


_QUESTION_LINK = re.compile(r'<a xlink:href="' + re.escape(_PLACE) + r'([^"]*)"[^>]*>(.*?)</a>', re.S)


def _linked(drawn: str, test: OfficeTest, link: Callable[[Question], str | None]) -> str:
    """The drawing with each question's placeholder link made the page's address for it, or no
    link where `link` gives none (a drawing on paper)."""
    questions = {node.id: node for node in test.nodes}

    def put(match: re.Match) -> str:
        # Graphviz escaped the id it was given as it escapes any text; the same escaping undone.
        node = questions.get(html.unescape(match.group(1)))
        href = link(node) if node is not None else None
        return f'<a xlink:href="{attr(href)}">{match.group(2)}</a>' if href else match.group(2)

    return _QUESTION_LINK.sub(put, drawn)


def svg(test: OfficeTest, link: Callable[[Question], str | None], walk: Sequence[str] = (), *, title: str,
        description: str) -> str:
    """The diagram as inline SVG, with its own title and description for assistive technology."""
    drawn = _COMMENT.sub("", _PROLOGUE.sub("", _drawn(dot_source(test, walk))))
    drawn = _linked(drawn, test, link)
    # Graphviz titles each shape with its internal name; the list beside the drawing says more.
    drawn = _GV_TITLE.sub("", drawn)
    drawn = drawn.replace("&#45;", "-")  # Graphviz writes every hyphen as a reference; ids and text read the same without
    # Namespaces are implied inside HTML; links are plain `href` (SVG 2), read by browsers and WeasyPrint.
    drawn = drawn.replace(' xmlns="http://www.w3.org/2000/svg"', "").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    drawn = re.sub(r' xlink:title="[^"]*"', "", drawn).replace("xlink:href=", "href=")
    # Points to pixels, so the drawing keeps Graphviz's proportions at the page's size; CSS scales it down.
    drawn = _PT.sub(lambda m: f'<svg width="{round(float(m.group(1)) * 4 / 3)}" height="{round(float(m.group(2)) * 4 / 3)}"',
                    drawn, count=1)
    pid = prefix(test)
    head = (f'<svg role="group" aria-labelledby="{pid}-title" aria-describedby="{pid}-desc" class="cop-diagram-svg"'
            f' focusable="false"')
    drawn = drawn.replace("<svg", head, 1)
    drawn = re.sub(r"(<svg\b[^>]*>)", lambda m: (f'{m.group(1)}<title id="{pid}-title">{text(title)}</title>'
                                                  f'<desc id="{pid}-desc">{text(description)}</desc>'), drawn, count=1)
    return "".join(line for line in drawn.splitlines() if line.strip())


def steps_list(test: OfficeTest, sources: Mapping[str, Source], walk: Sequence[str] = (), *,
               extra: Callable[[Question], str] = lambda node: "", detail: Callable[[str | None], str] | None = None) -> str:
    """The test as an ordered list: each question, its answers and where they lead, its sources."""
    numbers = {node.id: n for n, node in enumerate(test.nodes, 1)}
    walked, taken_steps = set(walk), _steps(walk)
    items = []
    for node in test.nodes:
        answers = []
        for answer in node.answers:
            if answer.next:
                where = (f'go to <a href="#{attr(step_anchor(test, answer.next))}">question {numbers.get(answer.next, "?")}</a>'
                         if answer.next in numbers else f"go to {text(answer.next)}")
            else:
                where = outcome_badge(answer.outcome) + (f" {text(answer.conclusion)}" if answer.conclusion else "")
            taken = ' <strong class="cop-walk-mark">(this case)</strong>' if (node.id, answer.next) in taken_steps else ""
            answers.append(f"<li><strong>{text(answer.answer)}</strong>: {where}{taken}</li>")
        cites = "; ".join(citation(sources, c, detail="source") for c in node.citations)
        mark = ' <strong class="cop-walk-mark">This case passes here.</strong>' if node.id in walked else ""
        body = detail(node.detail) if detail and node.detail else ""
        walked_class = ' class="cop-walked"' if node.id in walked else ""
        items.append(f'<li id="{attr(step_anchor(test, node.id))}"{walked_class}>'
                     f'<p><strong>{text(node.question)}</strong>{mark}</p>{body}<ul class="cop-answers">{"".join(answers)}</ul>'
                     f'<p class="cop-meta">Sources: {cites or "none"}</p>{extra(node)}</li>')
    return f'<ol class="cop-test-steps">{"".join(items)}</ol>'


def figure(test: OfficeTest, sources: Mapping[str, Source], *, link: Callable[[Question], str | None],
           walk: Sequence[str] = (), extra: Callable[[Question], str] = lambda node: "",
           detail: Callable[[str | None], str] | None = None, indexed: bool = True) -> str:
    """The diagram and, beside it, the list; then the test's status. indexed=False: a copy shown
    beside other matter (an office, a case, a chapter), left out of the site's search index,
    which finds the test's words on the page of every office's tests."""
    count = len(test.nodes)
    description = (f"{test.summary} A diagram of {count} question{'s' if count != 1 else ''}; the list that follows "
                   "gives each question, its answers and where each leads.")
    path = f" The highlighted path is this case's: {len(walk)} of the questions." if walk else ""
    drawing = svg(test, link, walk, title=f"{test.title} ({test.office})", description=description + path)
    shown = (f'<div class="cop-test" id="{attr(prefix(test))}"><figure class="cop-diagram">{drawing}'
            f"<figcaption>{text(test.summary)}</figcaption></figure>"
            f"{steps_list(test, sources, walk, extra=extra, detail=detail)}</div>{status_line(test)}")
    return shown if indexed else search_excluded(shown)


def status_line(test: OfficeTest) -> str:
    """The test's review status and date, and, for a test drawn from the statute, a plain warning."""
    said = f'<p class="cop-meta" data-search-exclude>{status_badge(test.status)} Last reviewed {test.last_reviewed.isoformat()}</p>'
    if test.illustrative:
        said += ('<p class="cop-illustrative">Illustrative: the office\'s guidance does not set out these steps; '
                 "the questions are the Community of Practice's reading of the law cited.</p>")
    if test.status == "draft" and test.note:
        said += f'<p class="cop-draft-note">Not yet verified: {text(test.note)}</p>'
    return said
