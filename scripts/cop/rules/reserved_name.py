"""No id or file takes a name the site or Windows reserves.

Topic, case and workshop ids name a page and a file: `index` would replace the index page
the site generates beside them (the list of every case or workshop would be gone), and a
device name Windows reserves (`con`, `nul`, `aux`, `prn`, `com1`..., `lpt1`...) makes the
whole repository impossible to check out on Windows. Every other file and folder under
practices/ and workshops/ is held to the Windows names too.

Passing:

    # practices/cases/loyalty-points-server.yaml, a copy of practices/cases/ai-anomaly-detection.yaml
    id: loyalty-points-server

Failing:

    # practices/cases/index.yaml, a copy of practices/cases/ai-anomaly-detection.yaml
    id: index
"""

from ..names import reserved_file_name, reserved_page_id
from ..problems import Problem

ID = "reserved-name"
LOCKED = True  # a page of the site would silently replace another


def check(kb, ctx):
    reported: dict[str, set[str]] = {"topic": set(), "case": set(), "workshop": set()}
    for what, items in (("topic", kb.topics.values()), ("case", kb.cases.values()), ("workshop", kb.workshops.values())):
        for item in items:
            reason = reserved_page_id(item.id)
            if reason:
                reported[what].add(item.id)
                yield item.loc.problem(ID, f"{what} id {reason}", "id", hint="choose another id")
    for path in sorted(ctx.files.files):
        parts = path.split("/")
        for i, part in enumerate(parts):
            reason = reserved_file_name(part)
            if reason:
                if not _named_by(parts, i, reported):
                    yield Problem(path, 1, 1, ID, reason, hint="rename the file or folder")
                break


def _named_by(parts: list[str], i: int, reported: dict[str, set[str]]) -> bool:
    """Whether the reserved part of a path is an id already reported where it is declared."""
    stem = parts[i].split(".", 1)[0]
    if parts[0] == "practices" and len(parts) == 3 and i == 2:
        return stem in reported["case" if parts[1] == "cases" else "topic"]
    return parts[0] == "workshops" and i == 1 and stem in reported["workshop"]
