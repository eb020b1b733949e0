"""A citation to a superseded edition says so in its note, or is flagged for re-checking.

When an office publishes a new edition, every entry that cites the old one shows up
here until someone checks the pinpoint in the new text and cites it, or records in the
citation's `note` why the old edition is cited (the site shows that note beside the
"superseded edition" mark).

Passing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2025     # current: true
        pinpoint: G-II, 3.6

Failing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2024     # current: false, superseded_by: ep-guidelines-2025
        pinpoint: G-II, 3.6
"""

from . import assessments

ID = "superseded-edition"
SEVERITY = "warning"


def check(kb, ctx):
    for item, label in assessments(kb):
        for citation in item.citations:
            source = kb.sources.get(citation.source)
            if source and not source.current and not citation.note:
                newer = f"; {source.superseded_by} is current" if source.superseded_by else ""
                yield citation.loc.problem(ID, f"{label} cites {source.id} ({source.edition}), which is no longer current{newer}",
                                           "source", hint="check the pinpoint in the current edition and cite it, "
                                           "or say in the citation's note why this edition is cited")
