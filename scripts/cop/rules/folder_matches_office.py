"""An office's files sit in the folder named by its WIPO ST.3 code.

The folder is the address every page and link uses: `practices/EP/office.yaml`
must say `code: EP`, and each entry and test in the folder `office: EP`.

Passing:

    # practices/SG/program-claims.yaml
    office: SG

Failing:

    # practices/SG/program-claims.yaml
    office: EP
"""

import re

from ..problems import Problem

ID = "folder-matches-office"
_CODE = re.compile(r"^[A-Z]{2}$")


def check(kb, ctx):
    folders = {rel.split("/")[1] for rel, kind in ctx.files.files.items() if kind in ("office", "entry")}
    for folder in sorted(folders):
        if not _CODE.match(folder):
            yield Problem(f"practices/{folder}", 1, 1, ID, f"folder '{folder}' is not a two-letter upper-case WIPO ST.3 code",
                          hint=f"rename it to '{folder.upper()}'" if _CODE.match(folder.upper()) else None)
    for folder, office in kb.offices.items():
        if office.code != folder:
            yield office.loc.problem(ID, f"code '{office.code}' does not match the folder '{folder}'", "code")
    for (folder, _), entry in kb.entries.items():
        # An office that does not exist at all is unknown-office's to report.
        if entry.office != folder and (entry.office in kb.offices or ctx.files.declared_office(entry.office)):
            yield entry.loc.problem(ID, f"entry says office '{entry.office}' but sits in practices/{folder}/", "office",
                                    hint=f"move it to practices/{entry.office}/ or set office: {folder}")
    for key, test in kb.tests.items():
        folder = key.split("/")[0]
        if test.office != folder and (test.office in kb.offices or ctx.files.declared_office(test.office)):
            yield test.loc.problem(ID, f"test says office '{test.office}' but sits in practices/{folder}/tests/", "office",
                                   hint=f"move it to practices/{test.office}/tests/ or set office: {folder}")
