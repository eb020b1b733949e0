"""Glossary cross-references resolve, and no two terms share a name or abbreviation.

Passing:

    # practices/glossary.yaml
    terms:
      - {id: cii, term: Computer-implemented invention, see_also: [technical-character], ...}
      - ...

Failing:

    # practices/glossary.yaml
    terms:
      - {id: cii, term: Computer-implemented invention, see_also: [technical-charakter], ...}
      - ...
"""

from . import nearest

ID = "glossary-term"


def check(kb, ctx):
    names: dict[str, str] = {}
    for term in kb.terms.values():
        for i, other in enumerate(term.see_also):
            if other not in kb.terms:
                yield term.loc.problem(ID, f"see_also names '{other}', which is not a glossary term", "see_also", i,
                                       hint=nearest(other, kb.terms))
        for field in ("term", "abbreviation"):
            name = getattr(term, field)
            if not name:
                continue
            if name.lower() in names and names[name.lower()] != term.id:
                yield term.loc.problem(ID, f"{field} '{name}' is also used by glossary term '{names[name.lower()]}'", field)
            names.setdefault(name.lower(), term.id)
