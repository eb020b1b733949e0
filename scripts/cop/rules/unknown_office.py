"""Every office named in an entry or a case analysis has a folder with an office.yaml.

Passing:

    # practices/SG/program-claims.yaml
    office: SG     # practices/SG/office.yaml exists

Failing:

    # practices/SG/program-claims.yaml
    office: SN     # no practices/SN/office.yaml
"""

from . import nearest

ID = "unknown-office"


def check(kb, ctx):
    for ref in ctx.index.refs:
        if ref.kind == "office" and ref.value not in kb.offices and not ctx.files.declared_office(ref.value):
            yield ref.loc.problem(ID, f"{ref.holder} names office '{ref.value}', which has no practices/{ref.value}/office.yaml",
                                  hint=nearest(ref.value, kb.offices))
