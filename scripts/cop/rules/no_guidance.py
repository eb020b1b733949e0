"""A no-guidance entry names the general provision that applies.

`position: no-guidance` means the office publishes nothing specific on the
topic; the entry still says which statute article or guideline chapter an
examiner falls back on (`applies`), and cites it.

Passing:

    # practices/EP/program-claims.yaml
    position: no-guidance
    applies: Art. 52(2)(c) and (3) EPC (programs for computers as such)

Failing:

    # practices/EP/program-claims.yaml
    position: no-guidance
    summary: Nothing published.
"""

from ..model import NO_GUIDANCE

ID = "no-guidance"


def check(kb, ctx):
    for entry in kb.entries.values():
        if entry.position == NO_GUIDANCE and not entry.applies:
            yield entry.loc.problem(ID, "a no-guidance entry must name the general provision that applies", "position",
                                    hint="add applies: e.g. the statute article on patentable subject matter")
