"""The list of offices, one page per office, and the work-sharing page drawn from the office records."""

from __future__ import annotations

from ...model import ROLE_OF_STATUS
from .. import urls as where
from ..fragments import facts_table, label, table
from ..practice import ViewContext, section, test_figure
from ..safe import attr, heading, text
from .frame import generated_page


def office_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.office_index()
    rows = (f'<tr><td><a href="{attr(ctx.urls.link(page, where.office(o.code)))}">{text(o.code)}</a></td>'
            f"<td>{text(o.name)}</td><td>{text(', '.join(o.groups))}</td>"
            f"<td>{sum(1 for (c, _) in kb.entries if c == o.code)} of {len(kb.topics)}</td></tr>"
            for o in kb.offices_in_order())
    return generated_page("Offices", table(["Code", "Office", "Groups", "Topics covered"], rows))


def _source_list(ctx: ViewContext, ids: list[str]) -> str:
    items = []
    for sid in ids:
        s = ctx.kb.sources.get(sid)
        if s:
            state = "current" if s.current else "superseded"
            items.append(f'<li><a href="{attr(s.url)}">{text(s.title)}</a>, {text(s.edition)} '
                         f'<span class="cop-edition-{state}">({state})</span></li>')
    return f"<ul>{''.join(items)}</ul>" if items else "<p>None recorded.</p>"


def _participation(label: str, p) -> str:
    if p is None:
        return ""
    state = "participates" if p.participates else "does not participate"
    extra = "".join(f", {text(x)}" for x in (p.role, f"since {p.since}" if p.since else None) if x)
    link = f' (<a href="{attr(p.url)}">source</a>)' if p.url else ""
    note = f" {text(p.note)}" if p.note else ""
    return f"<li><strong>{label}</strong>: {state}{extra}{link}.{note}</li>"


def worksharing_items(office) -> str:
    items = [_participation("ASPEC", office.aspec), _participation("WIPO CASE", office.wipo_case),
             _participation("Global Dossier", office.global_dossier)]
    if office.pph_partners:
        link = f' (<a href="{attr(office.pph_url)}">source</a>)' if office.pph_url else ""
        items.append(f"<li><strong>PPH partners</strong>: {text(', '.join(office.pph_partners))}{link}</li>")
    for other in office.other_worksharing:
        link = f' (<a href="{attr(other["url"])}">source</a>)' if other.get("url") else ""
        items.append(f"<li><strong>{text(other['name'])}</strong>: {text(other['note'])}{link}</li>")
    items = [i for i in items if i]
    return f"<ul>{''.join(items)}</ul>" if items else "<p>No work-sharing facts recorded yet.</p>"


def office_title(office) -> str:
    """The office's name, its country where the name does not say it, its short name and code:
    three offices are called Department of Intellectual Property."""
    country = f", {office.country}" if office.country and office.country not in office.name else ""
    named = f"{office.short_name}, {office.code}" if office.short_name != office.code else office.code
    return f"{office.name}{country} ({named})"


def office_page(ctx: ViewContext, code: str) -> str:
    kb, page = ctx.kb, where.office(code)
    office = kb.offices[code]
    facts = [("Office", f"{text(office.name)} ({text(office.short_name)})"), ("Code", text(office.code)),
             ("Groups", text(", ".join(office.groups))),
             ("Website", f'<a href="{attr(office.website)}">{text(office.website)}</a>')]
    if office.country:
        facts.insert(1, ("Country", text(office.country)))
    if office.aliases:
        facts.append(("Also known as", text("; ".join(office.aliases))))
    if office.languages:
        facts.append(("Languages", text(", ".join(office.languages))))
    body = facts_table(facts)
    # Shown by the site's script, which keeps the choice in this browser (none without it).
    body += (f'\n<p><button type="button" class="cop-make-mine" data-cop-make-mine="{attr(code)}" aria-pressed="false" hidden>'
             f"My office: put {text(code)} first in every grid and table</button></p>")
    if office.note:
        body += f"\n\n<p>{text(office.note)}</p>"
    body += "\n\n## Examination guidelines {#guidelines}\n\n" + _source_list(ctx, office.guidelines)
    if office.laws:
        body += "\n\n## Law {#law}\n\n" + _source_list(ctx, office.laws)
    # Every other source the office's entries cite: a citation elsewhere shows its pinpoint to
    # search, and a source's title is found here.
    listed = {*office.guidelines, *office.laws}
    cited = sorted({c.source for t in kb.topics_in_order() for c in getattr(kb.entries.get((code, t.id)), "citations", [])
                    if c.source not in listed and c.source in kb.sources}, key=lambda sid: (kb.sources[sid].title, sid))
    if cited:
        body += "\n\n## Other sources cited {#sources}\n\n" + _source_list(ctx, cited)
    body += "\n\n## Work-sharing {#worksharing}\n\n" + worksharing_items(office)
    tests = kb.tests_of(code)
    if tests:
        body += "\n\n## How the office decides {#tests}\n"
        for test in tests:
            body += f"\n\n### {heading(test.title)} {{#{where.test_anchor(code, test.id)}-section}}\n\n{test_figure(ctx, page, test)}"
    changes = [(c.date, topic.title, where.entry_anchor(code, topic.id), c.change) for topic in kb.topics_in_order()
               for c in getattr(kb.entries.get((code, topic.id)), "history", [])]
    changes += [(c.date, "The office", "", c.change) for c in office.history]  # a new name: first on its day
    changes.sort(key=lambda c: (c[0], c[2] == "", c[2]), reverse=True)
    if changes:
        items = "".join(f'<li>{d.isoformat()}: <a href="#{attr(anchor)}">{text(title)}</a>: {text(change)}</li>'
                        for d, title, anchor, change in changes)
        body += f'\n\n## Change history {{#history}}\n\n<ul class="cop-history-list">{items}</ul>'
    if kb.releases:
        link = ctx.urls.link(page, where.changes())
        body += f'\n<p data-search-exclude>Position by position, release by release: <a href="{attr(link)}">what changed</a>.</p>'

    body += "\n\n## Review by the office {#review}\n\n" + review_by_office(ctx, page, code)
    body += "\n\n## Practice by topic {#practice}\n"
    for topic in kb.topics_in_order():
        anchor = where.entry_anchor(code, topic.id)
        body += f"\n\n### {heading(topic.title)} {{#{anchor}}}\n\n"
        entry = kb.entries.get((code, topic.id))
        # The topic page is where search finds an entry; here it is the office's copy.
        body += section(ctx, page, entry, indexed=False) if entry else '<p class="cop-empty">No entry yet.</p>'
    return generated_page(office_title(office), body, weight="office")


def review_by_office(ctx: ViewContext, page: str, code: str) -> str:
    """When the office's own examiners last reviewed its entries and case analyses, and what awaits them."""
    kb = ctx.kb
    entries = [kb.entries[(code, t.id)] for t in kb.topics_in_order() if (code, t.id) in kb.entries]
    analyses = [(case, a) for case in kb.cases.values() for a in case.analyses if a.office == code]
    reviews = [r for item in [*entries, *(a for _, a in analyses)] for r in item.reviewers
               if r.office == code and r.role in ROLE_OF_STATUS.values()]
    if reviews:
        last = max(reviews, key=lambda r: (r.date, r.name))
        said = (f"<p>Last reviewed by the office on {last.date.isoformat()} ({text(last.name)}, {text(last.role)}). "
                f"{sum(e.status in ROLE_OF_STATUS for e in entries)} of {len(entries)} entries and "
                f"{sum(a.status in ROLE_OF_STATUS for _, a in analyses)} of {len(analyses)} case analyses are reviewed or endorsed.</p>")
    else:
        said = (f"<p>No entry or case analysis has been reviewed by an examiner of {text(code)} yet: "
                "the CoP coordinators run review rounds at its meetings.</p>")
    pending = [f'<li><a href="#{attr(where.entry_anchor(code, e.topic))}">{text(kb.topics[e.topic].title)}</a> '
               f"({text(e.status)})</li>" for e in entries if e.status not in ROLE_OF_STATUS]
    pending += [f'<li><a href="{attr(ctx.urls.link(page, where.case(case.id)))}">{text(case.title)}</a> '
                f"(case analysis, {text(a.status)})</li>" for case, a in analyses if a.status not in ROLE_OF_STATUS]
    if pending:
        said += f'{label("Awaiting the office&#x27;s review")}<ul class="cop-pending">{"".join(pending)}</ul>'
    return said


def programmes_table(ctx: ViewContext, page: str, group: str | None = None) -> str:
    """Offices by programmes: ASPEC, WIPO CASE, Global Dossier (yes, no, or nothing recorded) and PPH partners."""
    def mark(p) -> str:
        return "" if p is None else ("yes" if p.participates else "no")

    rows = []
    for office in ctx.kb.offices_in_order():
        if group and group not in office.groups:
            continue
        link = ctx.urls.link(page, where.office(office.code), "worksharing")
        rows.append(f'<tr data-office="{attr(office.code)}"><th scope="row"><a href="{attr(link)}" title="{attr(office.name)}">'
                    f"{text(office.code)}</a></th><td>{mark(office.aspec)}</td><td>{mark(office.wipo_case)}</td>"
                    f"<td>{mark(office.global_dossier)}</td><td>{text(', '.join(office.pph_partners))}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Office", "ASPEC", "WIPO CASE", "Global Dossier", "PPH partners"))
    return (f'<table class="cop-table cop-programmes" data-cop-pin="rows"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            '<p class="cop-meta">An empty cell means the office record says nothing yet; each office\'s section below, '
            "and its office page, give the sources.</p>")


def worksharing_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.worksharing()
    body = ("Offices share search and examination results so that each can build on the others' work: ASPEC among "
            "the ASEAN offices, WIPO CASE and Global Dossier for dossiers, the Patent Prosecution Highway (PPH) "
            "between pairs of offices. This page gathers what each office's record says about them.\n\n"
            + programmes_table(ctx, page) + "\n")
    for office in kb.offices_in_order():
        link = ctx.urls.link(page, where.office(office.code), "worksharing")
        body += f"\n\n## {heading(office.name)} ({heading(office.code)}) {{#{where.office_anchor(office.code)}}}\n\n"
        body += worksharing_items(office) + f'\n<p data-search-exclude><a href="{attr(link)}">Office page</a></p>'
    return generated_page("Work-sharing", body, weight="worksharing")
