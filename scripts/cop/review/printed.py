"""The review workbook's content on paper: a PDF to read and mark up by hand, beside the workbook.

Each row of the workbook is a block here, in the same order, with the same values, and room to
write the verdict, the corrections and a comment.
"""

from __future__ import annotations

import datetime as dt

from ..model import KnowledgeBase
from ..packs.documents import CSS, no_links
from ..views.safe import markdown_html, text
from . import sheet

_PAPER = """
.row { page-break-inside: avoid; margin-top: 6mm; }
.box { border: 0.6pt solid #666; min-height: 14mm; padding: 1.5mm 2mm; margin: 1.5mm 0; }
.tick { font-size: 11pt; word-spacing: 2mm; }
table.facts th { width: 22%; }
table.who th { width: 35%; }
table.who td { height: 12mm; }
pre { white-space: pre-wrap; font-family: inherit; margin: 0; }
td p { margin: 0 0 1.5mm; }
"""


def document(kb: KnowledgeBase, office: str, today: dt.date) -> str:
    the_office = kb.offices[office]
    rows = []
    for number, (path, data) in enumerate(sheet.rows_of(kb, office), start=2):
        shown = sheet.shown(kb, path, data)
        # The detail is Markdown, read as text on paper (links show as their words); the other
        # values keep their line breaks (one citation a line).
        facts = "".join(f"<tr><th>{text(h)}</th><td>"
                        + (markdown_html(shown[h], no_links) if h == "Detail" else f"<pre>{text(shown[h])}</pre>")
                        + "</td></tr>" for h in sheet.SHOWN if h not in ("File", "Topic") and shown[h])
        rows.append(
            f'<div class="row"><h3>Row {number}: {text(shown["Topic"])}</h3>'
            f'<p class="small">{text(path)}</p><table class="facts">{facts}</table>'
            '<p class="tick">Verdict: &#9744; confirm &#9744; correct &#9744; cannot say</p>'
            '<p class="small">Corrected position, summary or pinpoints</p><div class="box"></div>'
            '<p class="small">Comment</p><div class="box"></div></div>')
    title = f"Review of {the_office.name} ({office}) practice entries"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{text(title)}</title>'
            f"<style>{CSS}{_PAPER}</style></head><body><h1>{text(title)}</h1>"
            f"<p>Exported on {today.isoformat()}, with the workbook of the same name: the same rows, in the same order. "
            "Mark each row and copy your marks into the workbook, or hand this back to the coordinator, who will.</p>"
            '<table class="who"><tr><th>Reviewer\'s name</th><td></td></tr><tr><th>Role (examiner or office)</th>'
            '<td></td></tr><tr><th>Date</th><td></td></tr></table>'
            + "".join(rows) + "</body></html>")
