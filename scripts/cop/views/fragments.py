"""HTML pieces that the generated pages, the site's macros and the printed packs all show.

Each piece is built here only, so a case's outcomes, a citation or a workshop's facts read the
same on a page, in a hand-written page's macro and in a handout. Every value from the data is
escaped or sanitized here; the pieces hold no blank line (see cop.views.safe).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from ..agenda import Slot
from ..model import Analysis, Case, Citation, Entry, KnowledgeBase, Source, Workshop
from . import urls as where
from .safe import attr, text
from .vocabulary import OUTCOMES, SESSION_KINDS, STATUS_LABELS, position


def position_badge(kb: KnowledgeBase, entry: Entry) -> str:
    pos = position(kb, entry)
    return f'<span class="cop-pos cop-{pos.colour}" title="{attr(pos.meaning)}">{text(pos.label)}</span>'


def status_badge(status: str) -> str:
    label, meaning = STATUS_LABELS[status]
    return f'<span class="cop-status cop-status-{status}" title="{attr(meaning)}">{label}</span>'


def search_excluded(html: str) -> str:
    """HTML the site's search leaves out (Material's `data-search-exclude`): a copy of text whose
    indexed place is another page. The search's parser ends an exclusion at the first closing tag
    of the excluded element's name, so the wrapper is a `section`, which nothing inside uses."""
    return f"<section data-search-exclude>{html}</section>"


def label(words: str) -> str:
    """A label over a list ("Sources"): our own words, the same on every page, so search leaves them out."""
    return f'<p class="cop-label" data-search-exclude>{words}</p>'


def outcome_badge(outcome: str) -> str:
    label, colour = OUTCOMES[outcome]
    return f'<span class="cop-pos cop-{colour}">{label}</span>'


def citation(sources: Mapping[str, Source], cited: Citation, *, detail: Literal["pinpoint", "source", "full"]) -> str:
    """A citation, with the edition it cites and a mark when a later edition is in force.

    `detail` "pinpoint" (a grid cell): the pinpoint and the edition, as text (the entry the cell
    links to links its sources; 255 addresses would weigh on the matrix); "source" (a
    printed table): the source's title, edition and pinpoint; "full" (a page of the site): that,
    and the official copy it was checked against and its note.
    """
    source = sources.get(cited.source)
    if source is None:
        return f"<span>{text(cited.source)}, {text(cited.pinpoint)}</span>"
    href = cited.url or source.url
    old = "" if source.current else ' <span class="cop-superseded" title="a later edition is in force">superseded edition</span>'
    if detail == "pinpoint":
        return f"{text(cited.pinpoint)} ({text(source.edition)}){old}"
    # The source's title and edition are indexed once, where the office page lists its sources;
    # here search keeps the pinpoint.
    named = (f'<span data-search-exclude><a href="{attr(href)}">{text(source.title)}</a>, {text(source.edition)}</span>: '
             f'<strong>{text(cited.pinpoint)}</strong>{old}')
    if detail == "source":
        return named
    checked = ""
    if cited.verified_against:
        checked = f' <span class="cop-checked" data-search-exclude>{checked_where(cited)}</span>'
    note = f' <span class="cop-note" data-search-exclude>{text(cited.note)}</span>' if cited.note else ""
    return f"{named}{checked}{note}"


def checked_where(cited: Citation) -> str:
    """Where a citation was checked: the official copy, or, said plainly, a reproduction of it or an
    older revision that keeps the same text (the note names the file)."""
    copy = f'<a href="{attr(cited.verified_against)}">the official copy</a>'
    if cited.checked_in == "reproduction":
        return f"checked in a reproduction of {copy}, not in the official copy itself"
    if cited.checked_in:
        return f"checked in {text(cited.checked_in)} of {copy}, not in the current revision"
    return f"checked in {copy}"


def outcomes_table(analyses: Iterable[Analysis], *, css: str = "cop-table", caption: str = "",
                   link_offices: bool = False) -> str:
    """A case's outcomes side by side. `caption` is HTML; `link_offices` links each office to its
    analysis further down the same page (the case page)."""
    rows = []
    for a in analyses:
        office = text(a.office)
        if link_offices:
            office = f'<a href="#{attr(where.office_anchor(a.office))}">{office}</a>'
        rows.append(f'<tr data-office="{attr(a.office)}"><td>{office}</td>'
                    f"<td>{outcome_badge(a.outcome)}</td><td>{text(a.summary)}</td>"
                    f"<td>{status_badge(a.status)}</td></tr>")
    caption = f"<caption>{caption}</caption>" if caption else ""
    return (f'<table class="{css}" data-cop-pin="rows">{caption}<thead><tr><th>Office</th><th>Outcome</th><th>Why</th><th>Status</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def withheld_note(lead: str = "") -> str:
    """What stands in for a case's analyses in an edition that leaves them out; `lead` is HTML."""
    return (f'<p class="cop-withheld">{lead}The offices\' analyses of this case are left out of this edition: the case '
            "is an exercise of the workshop it comes with. Facilitators have them in their guide.</p>")


def exercise_questions(case: Case, asked: Sequence[str] = ()) -> list[str]:
    """What participants answer about a case: the questions its session asks, or by default those
    every exercise asks, naming the offices whose analyses they will compare."""
    if asked:
        return list(asked)
    offices = ", ".join(a.office for a in case.analyses)
    return [f"How would each of these offices decide on this claim, step by step: {offices}?",
            "Which step decides the outcome at each office, and why?"]


def exercise_question(case: Case, asked: Sequence[str] = ()) -> str:
    """The questions of exercise_questions as a numbered list."""
    return '<ol class="cop-questions">' + "".join(f"<li>{text(q)}</li>" for q in exercise_questions(case, asked)) + "</ol>"


def facts_table(facts: Iterable[tuple[str, str]]) -> str:
    """Label and value rows (an office's or a workshop's facts); the values are HTML already."""
    rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in facts)
    return f'<table class="cop-facts"><tbody>{rows}</tbody></table>'


def workshop_facts(w: Workshop) -> list[tuple[str, str]]:
    """The facts a workshop records, for facts_table; those it leaves out are not listed."""
    facts = [("Format", w.format), ("Audience", w.audience), ("Venue", w.venue),
             ("Dates", " to ".join(d.isoformat() for d in w.dates.values()) if w.dates else None),
             ("Facilitators", ", ".join(w.facilitators) if w.facilitators else None),
             ("Modelled on", w.modelled_on)]
    return [(label, text(value)) for label, value in facts if value]


def table(headers: Iterable[str], rows: Iterable[str]) -> str:
    """A table of the site's style; `headers` are plain words, `rows` whole `<tr>` elements of HTML."""
    head = "".join(f"<th>{text(h)}</th>" for h in headers)
    return f'<table class="cop-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def agenda_table(slots: Iterable[Slot], *, link_sessions: bool = False, elapsed: bool = False) -> str:
    """A workshop's sessions with their times. `link_sessions` links each to its section on the same
    page; `elapsed` adds the minutes run so far (the facilitator's timing plan)."""
    rows, total = [], 0
    for s in slots:
        total += s.session.minutes
        title = text(s.session.title)
        if link_sessions:
            title = f'<a href="#{s.anchor}">{title}</a>'
        extra = f"<td>{total}</td>" if elapsed else ""
        rows.append(f"<tr><td>{s.start}\u2013{s.end}</td><td>{title}</td><td>{SESSION_KINDS[s.session.kind]}</td>"
                    f"<td>{s.session.minutes}</td>{extra}</tr>")
    return table(["Time", "Session", "Kind", "Minutes"] + (["Elapsed"] if elapsed else []), rows)


def text_list(items: Iterable[str]) -> str:
    """Plain-text items (objectives) as a bulleted list."""
    return "<ul>" + "".join(f"<li>{text(item)}</li>" for item in items) + "</ul>"


def problems_banner(lines: list[str]) -> str:
    """The errors of the data, at the top of every page of a live preview (`make preview`)."""
    items = "".join(f"<li><code>{text(line)}</code></li>" for line in lines)
    count = f"{len(lines)} error" + ("" if len(lines) == 1 else "s")
    return (f'<div class="admonition failure cop-preview-problems" role="alert">'
            f'<p class="admonition-title">cop check found {count} in the data. '
            f"Fix and save: the preview rebuilds and this page reloads.</p><ul>{items}</ul></div>")
