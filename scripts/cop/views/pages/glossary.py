"""The glossary page: every term under its own anchor, which `glossary:` links and the `term` macro use."""

from __future__ import annotations

from .. import urls as where
from ..fragments import citation, label
from ..practice import ViewContext
from ..safe import attr, heading, text
from .frame import generated_page


def glossary_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.glossary()
    body = ""
    for term in sorted(kb.terms.values(), key=lambda t: (t.term.lower(), t.id)):
        abbr = f" ({heading(term.abbreviation)})" if term.abbreviation else ""
        # Terms are written as they read mid-sentence (the `term` macro prints them so); a heading starts with a capital.
        body += f"\n\n## {heading(term.term[:1].upper() + term.term[1:])}{abbr} {{#{term.id}}}\n\n<div>{ctx.markdown(page, term.definition)}</div>"
        if term.aliases:
            body += f'\n<p class="cop-aliases">Also called: {text("; ".join(term.aliases))}</p>'
        if term.offices:
            used = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.office(c)))}">{text(c)}</a>' for c in term.offices)
            body += f'\n<p class="cop-meta">Used by: {used}</p>'
        if term.names:
            items = "".join(
                f'<li><span lang="{attr(n.language)}">{text(n.name)}</span> ({text(n.office)}, {text(n.language)})'
                + (f": {citation(kb.sources, n.citation, detail='source')}" if n.citation else "") + "</li>"
                for n in term.names)
            body += f'\n{label("In the offices&#x27; own words")}<ul class="cop-term-names">{items}</ul>'
        if term.citations:
            cites = "".join(f"<li>{citation(kb.sources, c, detail='full')}</li>" for c in term.citations)
            body += f'\n{label("Sources")}<ul class="cop-citations">{cites}</ul>'
        if term.see_also:
            links = ", ".join(f'<a href="#{t}">{text(kb.terms[t].term)}</a>' for t in term.see_also if t in kb.terms)
            body += f'\n<p class="cop-see">See also: {links}</p>'
    return generated_page("Glossary", body or "No terms yet.")
