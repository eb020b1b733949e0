"""A citation checked somewhere other than the current official copy says so, and where.

`checked_in: reproduction` (an unofficial rebuild of the official text) or `checked_in:
revision X` (an older revision that keeps the same text) counts as a check only beside the
official copy it stands for (`verified_against`) and a note naming the file that was read:
pages show such a citation as "checked in a reproduction" or "checked in revision X", never as
checked in the official copy.

Passing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2025
        pinpoint: G-II, 3.6
        verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_3_6.html
        checked_in: revision 2024
        note: Read in the March 2024 edition's page, whose text the 2025 edition keeps.

Failing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2025
        pinpoint: G-II, 3.6
        checked_in: reproduction
"""

from . import cited

ID = "checked-in"
LOCKED = True  # a check made in a copy that is not the office's must never pass for one


def citations(kb):
    """Every citation that backs a statement, and what holds it."""
    for item, label in cited(kb):
        for citation in item.citations:
            yield citation, label
    for term in kb.terms.values():
        for citation in term.citations + [n.citation for n in term.names if n.citation]:
            yield citation, f"glossary term '{term.id}'"


def check(kb, ctx):
    for citation, label in citations(kb):
        if citation.checked_in is None:
            continue
        if not citation.verified_against:
            yield citation.loc.problem(ID, f"{label} says where its citation was checked ({citation.checked_in}) but not "
                                       "which official copy that stands for", "checked_in",
                                       hint="add verified_against: the URL of the official copy of the cited edition")
        elif not citation.note:
            yield citation.loc.problem(ID, f"{label} has a citation checked in {citation.checked_in} without a note "
                                       "naming the file read", "checked_in",
                                       hint="add note: the repository, path and commit or date of what you read")
