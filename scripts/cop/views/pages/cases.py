"""The list of worked cases and one page per case: claim, facts, outcomes side by side, each office's analysis."""

from __future__ import annotations

from ... import agenda
from .. import editions
from .. import urls as where
from ..fragments import citation, label, outcomes_table, status_badge, table, withheld_note
from ..practice import ViewContext, test_figure
from ..safe import attr, heading, text
from .frame import generated_page, note


def case_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.case_index()
    if not kb.cases:
        return generated_page("Worked cases", "No cases yet.")
    rows = (f'<tr><td><a href="{attr(ctx.urls.link(page, where.case(cid)))}">{text(case.title)}</a></td>'
            f"<td>{text(', '.join(kb.topics[t].title for t in case.topics if t in kb.topics))}</td>"
            f"<td>{text(', '.join(a.office for a in case.analyses))}</td></tr>"
            for cid, case in sorted(kb.cases.items()))
    return generated_page("Worked cases", table(["Case", "Topics", "Offices"], rows))


def _origin(ctx: ViewContext, case) -> str:
    if case.illustrative:
        return note("Illustrative analysis", "This case was written for the Community of Practice. The analyses apply "
                    "each office's published test step by step; they are illustrative and are not decisions of the offices.")
    source = ctx.kb.sources.get(case.origin_source or "")
    name = f'<a href="{attr(source.url)}">{text(source.title)}</a>' if source else text(case.origin_source or "")
    number = f", case {text(case.case_number)}" if case.case_number else ""
    kind = "a published comparative study" if case.origin_kind == "study" else "an official example set"
    return f'<p class="cop-origin">From {kind}: {name}{number}.</p>'


def case_page(ctx: ViewContext, case_id: str) -> str:
    kb, page = ctx.kb, where.case(case_id)
    case = kb.cases[case_id]
    body = _origin(ctx, case)
    body += f'\n\n## Claim {{#claim}}\n\n<blockquote class="cop-claim">{ctx.markdown(page, case.claim)}</blockquote>'
    if case.facts:
        body += f"\n\n## Facts {{#facts}}\n\n<div>{ctx.markdown(page, case.facts)}</div>"
    if case_id in ctx.withheld:
        return generated_page(case.title, body + "\n\n" + withheld_note())
    body += "\n\n## Outcomes side by side {#outcomes}\n\n" + outcomes_table(case.analyses, css="cop-table cop-outcomes",
                                                                           link_offices=True)
    for a in case.analyses:
        name = agenda.office_name(kb, a)
        steps = "".join(f"<li><strong>{text(s.test)}</strong>{ctx.markdown(page, s.finding)}</li>" for s in a.steps)
        cites = "".join(f"<li>{citation(kb.sources, c, detail='full')}</li>" for c in a.citations)
        draft = f'<p class="cop-draft-note">Not yet verified: {text(a.note)}</p>' if a.status == "draft" and a.note else ""
        body += (f"\n\n## {heading(name)} ({heading(a.office)}) {{#{where.office_anchor(a.office)}}}\n\n"
                 f'<div class="cop-analysis"><p data-search-exclude>{status_badge(a.status)} Last reviewed {a.last_reviewed.isoformat()}</p>'
                 f'<ol class="cop-steps">{steps}</ol>{label("Sources")}<ul class="cop-citations">{cites}</ul>'
                 f"{draft}</div>")
        for test_id, test, walk in kb.walked_tests(a):
            body += (f"\n\n### Through the office's test: {heading(test.title)} {{#{where.office_anchor(a.office)}-{test_id}}}\n\n"
                     + test_figure(ctx, page, test, walk))
    if ctx.current is not None:
        body += "\n\n" + editions.cite_case(ctx, page, case_id)
    return generated_page(case.title, body)
