"""cop.yaml names only rules that exist, and never weakens a locked rule.

`rules:` in cop.yaml sets a rule to error, warning or off. A misspelt rule name would be
ignored without a word, so it is an error with the nearest name. Some rules guard what the
site promises (safe pages, honest review status, answers kept from participants, every file
read and no symbolic link followed); they are always errors, and an attempt to turn one off
or make it a warning is itself an error, so no pull request can switch a control off while it
abuses it. `cop check --list-rules` marks them "locked".

Passing:

    # cop.yaml
    rules:
      stale-review: off

Failing:

    # cop.yaml
    rules:
      stale-reveiw: off
      unsafe-markup: warning
"""

from . import by_id, locked, nearest

ID = "rule-config"
LOCKED = True  # else it could be turned off together with the rule it protects
CONFIG = "cop.yaml"


def check(kb, ctx):
    doc = ctx.files.documents.get(CONFIG)
    if doc is None:
        return
    rules = by_id()
    for name, chosen in kb.config.rules.items():
        rule = rules.get(name)
        if rule is None:
            yield doc.problem(("rules", name), ID, f"there is no rule '{name}'", key=True,
                              hint=nearest(name, rules) or "cop check --list-rules lists them")
        elif locked(rule) and chosen != "error":
            shown = "off" if chosen is False else chosen
            yield doc.problem(("rules", name), ID, f"rule '{name}' is locked and cannot be set to {shown}", key=True,
                              hint="remove this line; locked rules guard what the site promises")
