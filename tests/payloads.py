"""The red team's payloads, planted in every text field of every file kind that can hold them.

The check would refuse them (unsafe-markup); planting them with the check switched off shows
that the second line of defence holds on its own: the views escape or sanitize every
contributed string, and final HTML never goes back through a Markdown or template engine.
"""

from __future__ import annotations

import copy

import yaml

# From ../shared/reviews/red-team-2026-11.md (rows 1, 11, 64, 65) and what those rows imply.
PAYLOADS = [
    "COMVIK ![approach](https://evil.example/pixel.png){: onerror=window.PWNED=1 }",
    "<script>window.PWNED=1</script>",
    '<img src=x onerror="window.PWNED=1">',
    "[click](javascript:window.PWNED=1)",
    "[tab](jav&#x09;ascript:window.PWNED=1)",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuUFdORUQ9MTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:window.PWNED=1">x</a>',
    'text {: onclick="window.PWNED=1"}',
    "{ .x onclick=window.PWNED=1 }",
    '<svg onload="window.PWNED=1"></svg>',
    "{{ config.extra }} {% raw %}",
    "![pixel](https://evil.example/p.png)",
    '" onmouseover="window.PWNED=1" x="',
    "`code` {: onclick=window.PWNED=1 }",
    "<https://evil.example/autolink>",
    "//evil.example/x",
]
# Only multi-line fields can hold these: a reference definition, a snippet line, and a blank line
# that would end the HTML block a text sits in and hand the rest to the page's Markdown engine.
MULTILINE = [
    "[ref link][ref]\n\n[ref]: jav&#x61;script:window.PWNED=1",
    '--8<-- "cop.yaml"',
    "before\n\n![after a blank line](https://evil.example/blank.png){: onerror=window.PWNED=1 }",
    "    indented code\n\n    ![pixel](https://evil.example/code.png)",
]
ALL = "\n\n".join(PAYLOADS + MULTILINE)


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _planted(doc, valid) -> tuple[object, int]:
    """The document's data with a payload in every string its schema lets hold one."""
    data = copy.deepcopy(doc.data)
    planted = 0
    for n, (path, _, _, _) in enumerate(doc.strings):
        if not path:
            continue
        # The longest that keeps the file valid: every payload, one payload, or none.
        for candidate in (ALL, " ".join(PAYLOADS), PAYLOADS[n % len(PAYLOADS)], PAYLOADS[0]):
            trial = copy.deepcopy(data)
            _set(trial, path, candidate)
            if valid(trial):
                data, planted = trial, planted + 1
                break
    return data, planted


def plant_everywhere(project) -> int:
    """Plants the payloads in every file of the project and switches the build's check off.

    Returns how many fields carry a payload; session bodies carry all of them, outside and
    inside facilitator blocks.
    """
    from cop import load
    from cop.schema import quick

    loaded = load.load(project.root)
    kb = loaded.kb
    assert not loaded.problems, loaded.problems
    total = 0
    for rel, kind in sorted(loaded.files.files.items()):
        doc = loaded.files.documents[rel]
        data, planted = _planted(doc, quick(kind))
        total += planted
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        if kind == "session":
            session = next(s for w in kb.workshops.values() for s in w.sessions if s.loc.path == rel)
            body = f"{ALL}\n\n::: facilitator\n{ALL}\n:::\n\n{session.body}\n\n::: answer\n{ALL}\n:::\n"
            text = f"---\n{text}---\n{body}"
            total += 1
        project.write(rel, text)
    project.edit("mkdocs.yml", "  - cop\n", "  - cop:\n      check: false\n")
    return total
