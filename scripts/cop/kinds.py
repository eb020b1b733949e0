"""The kinds of data file: where each lives, its schema, how it joins the model, whether others refer to it.

One row a kind. Adding a file kind is a row here, a schema in schemas/ and a builder in
builders.py; the loader, the checker, `cop check --changed`, the data reference page and the
file-kind rule all read this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import builders


@dataclass(frozen=True)
class Kind:
    name: str  # also the name of its schema, schemas/<name>.schema.json
    place: str  # where it lives, as people write it
    pattern: str  # the path, relative to the project, as a regular expression
    core: bool  # any other file may refer to it: a partial load always reads it
    build: Callable | None  # builders.<kind>; None when another kind's builder takes it (sessions)
    path: str | None = None  # the file declaring key {} (entries, cases, workshops, offices are addressed by key)


# In this order a path is matched (first match wins: a case file named office.yaml is a case)
# and documents are built.
TABLE = (
    Kind("config", "cop.yaml", r"cop\.yaml", True, builders.config),
    Kind("topics", "practices/topics.yaml", r"practices/topics\.yaml", True, builders.topics),
    Kind("sources", "practices/sources.yaml", r"practices/sources\.yaml", True, builders.sources),
    Kind("glossary", "practices/glossary.yaml", r"practices/glossary\.yaml", True, builders.glossary),
    Kind("releases", "practices/releases.yaml", r"practices/releases\.yaml", True, builders.releases),
    Kind("case", "practices/cases/<id>.yaml", r"practices/cases/[^/]+\.yaml", False, builders.case,
         "practices/cases/{}.yaml"),
    Kind("office", "practices/<CODE>/office.yaml", r"practices/[^/]+/office\.yaml", True, builders.office,
         "practices/{}/office.yaml"),
    Kind("test", "practices/<CODE>/tests/<id>.yaml", r"practices/[^/]+/tests/[^/]+\.yaml", True, builders.test,
         "practices/{}/tests/{}.yaml"),
    Kind("entry", "practices/<CODE>/<topic>.yaml", r"practices/[^/]+/[^/]+\.yaml", False, builders.entry,
         "practices/{}/{}.yaml"),
    Kind("workshop", "workshops/<id>/workshop.yaml", r"workshops/[^/]+/workshop\.yaml", False, builders.workshop,
         "workshops/{}/workshop.yaml"),
    Kind("session", "workshops/<id>/sessions/NN-slug.md (front matter)", r"workshops/[^/]+/sessions/[^/]+\.md",
         False, None),
)
BY_NAME = {kind.name: kind for kind in TABLE}
UNKNOWN = "unknown"
# Under these, a file that matches no kind but looks like data is reported rather than ignored.
TOPS = ("practices", "workshops")
ROOT_FILES = tuple(kind.place for kind in TABLE if "/" not in kind.place)
CORE = tuple(kind.name for kind in TABLE if kind.core)

_MATCH = re.compile("|".join(f"(?P<{kind.name}>{kind.pattern})" for kind in TABLE))
_LOOKS_LIKE_DATA = re.compile(r"(?:practices/.*\.ya?ml|workshops/.*\.ya?ml|practices/.*\.yml)")


def classify(rel: str) -> str | None:
    """The kind of a path relative to the project root, "unknown" for a misplaced data file,
    or None for a file cop does not read."""
    found = _MATCH.fullmatch(rel)
    if found:
        return found.lastgroup
    return UNKNOWN if _LOOKS_LIKE_DATA.fullmatch(rel) else None


def unknown_reason(rel: str) -> str:
    if rel.endswith(".yml"):
        return "data files end in .yaml, not .yml"
    places = ", ".join(kind.place for kind in TABLE if kind.name not in ("config", "session"))
    return f"cop does not know this file kind here; data files are {places}"


def path_of(kind: str, key: str) -> str:
    """The file that declares `key` of an addressable kind (an entry's key is OFFICE/topic, a test's OFFICE/id)."""
    return BY_NAME[kind].path.format(*key.split("/"))
