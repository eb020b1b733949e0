"""Every office's test side by side: eligibility first, then inventive step where an office has its own."""

from __future__ import annotations

from .. import urls as where
from ..practice import ViewContext, test_figure
from ..safe import attr, heading, text
from .frame import generated_page

STAGES = {"eligibility": "Is it an invention?", "inventive-step": "How features that are not technical count"}


def tests_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.tests()
    intro = ("Each office decides by a test of ordered questions. Here they are drawn one office after another, "
             "each question citing where the office says it; a question links to the topic that explains it. "
             "Each diagram is followed by the same test in words.")
    if not kb.tests:
        return generated_page("Tests side by side", intro + "\n\nNo office's test has been written down yet.")
    body = intro
    for stage, question in STAGES.items():
        tests = [t for code in sorted(kb.offices) for t in kb.tests_of(code) if t.stage == stage]
        if not tests:
            continue
        jump = ", ".join(f'<a href="#{attr(where.test_anchor(t.office, t.id))}-section">{text(t.office)}</a>' for t in tests)
        body += f"\n\n## {heading(question)} {{#{stage}}}\n\n<p>{jump}</p>"
        for test in tests:
            office = kb.offices.get(test.office)
            name = office.short_name if office else test.office
            link = ctx.urls.link(page, where.office(test.office), "tests")
            body += (f"\n\n### {heading(name)} ({heading(test.office)}): {heading(test.title)} "
                     f"{{#{where.test_anchor(test.office, test.id)}-section}}\n\n"
                     f'{test_figure(ctx, page, test, indexed=True)}<p data-search-exclude><a href="{attr(link)}">Office page</a></p>')
    return generated_page("Tests side by side", body, weight="mentions")
