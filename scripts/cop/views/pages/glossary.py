"""The glossary page: every term under its own anchor, which `glossary:` links and the `term` macro use."""

from __future__ import annotations

from .. import urls as where
from ..practice import ViewContext
from ..safe import heading, text
from .frame import generated_page


def glossary_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.glossary()
    body = ""
    for term in sorted(kb.terms.values(), key=lambda t: t.term.lower()):
        abbr = f" ({heading(term.abbreviation)})" if term.abbreviation else ""
        body += f"\n\n## {heading(term.term)}{abbr} {{#{term.id}}}\n\n<div>{ctx.markdown(page, term.definition)}</div>"
        if term.see_also:
            links = ", ".join(f'<a href="#{t}">{text(kb.terms[t].term)}</a>' for t in term.see_also if t in kb.terms)
            body += f'\n<p class="cop-see">See also: {links}</p>'
    return generated_page("Glossary", body or "No terms yet.")
