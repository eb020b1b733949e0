"""Contributed text carries no HTML, attribute lists, scripts, event handlers, script URLs, template syntax or invisible format characters.

Text from YAML and session files is Markdown written by contributors and shown
to examiners. Rejected here, and escaped by the site should any slip past:

- raw HTML, including `<script>` and `<iframe>`;
- attribute lists (`{: ...}`, `{ .class }`, `{#id}`, `{ key=value }`), which
  would put attributes on the element before them;
- event handlers, quoted or not (`onerror="..."`, `onerror=alert(1)`);
- `javascript:`, `vbscript:` and `data:` URLs, also when written with HTML
  character references or tabs and newlines inside the scheme, as browsers
  read them (`jav&#x61;script:`, `&#106;avascript:`, `java<TAB>script:`), in
  links and in reference definitions;
- template syntax (`{{ }}`, `{% %}`, `{# #}`);
- invisible format characters (Unicode category Cf), above all the
  bidirectional controls such as U+202E RIGHT-TO-LEFT OVERRIDE, which make a
  text display as something other than what it says. The zero-width space,
  non-joiner and joiner (U+200B, U+200C, U+200D) are allowed: Khmer, Myanmar,
  Thai, Lao and Indic scripts need them.

Autolinks such as `<https://www.epo.org>` are plain Markdown and allowed.

Passing:

    detail: See [G 3/08](https://www.epo.org/en/boards-of-appeal/decisions/g080003ex1) and <https://www.epo.org>.

Failing:

    detail: See <script>alert(1)</script>, [this](jav&#x61;script:alert(1)), *this*{: onclick=alert(1)} and {{ config }}.
"""

import re
import unicodedata

from . import texts
from ..problems import Problem

ID = "unsafe-markup"
LOCKED = True  # a page would run or load what a contributor wrote

# Zero-width space, non-joiner and joiner are format characters too, but Khmer, Myanmar, Thai,
# Lao and the Indic scripts cannot be written correctly without them; they reorder nothing.
_ALLOWED_FORMAT = {0x200B, 0x200C, 0x200D}
# Bidirectional controls: named so that they stay refused whatever Unicode files them under.
_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}
# Format characters live in planes 0 and 1 and in the tags block of plane 14; scanning only there
# keeps 0.1 s off every `cop check` (a test compares with a scan of every code point).
FORMAT_PLANES = (range(0x20000), range(0xE0000, 0xE1000))
_FORMAT_CODES = sorted(_BIDI | {c for plane in FORMAT_PLANES for c in plane
                                if unicodedata.category(chr(c)) == "Cf" and c not in _ALLOWED_FORMAT})


def _char_class(codes) -> str:
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\U{a:08x}" + (f"-\\U{b:08x}" if b > a else "") for a, b in ranges) + "]"


_FORMAT = _char_class(_FORMAT_CODES)


def _letter(c: str) -> str:
    """One letter of a URL scheme as a browser reads it: itself, or a decimal or hex character reference."""
    low, up = ord(c.lower()), ord(c.upper())
    return rf"(?:{c}|&#0*(?:{low}|{up});?|&#x0*(?:{low:x}|{up:x});?)"


# What a browser's URL parser drops inside a scheme: tabs and newlines, raw or as references.
_GAP = r"(?:[\t\n\r]|&(?:tab|newline);|&#0*(?:9|10|13);?|&#x0*(?:9|a|d);?)*"
_COLON = r"(?:\s|&(?:tab|newline);|&#0*(?:9|10|13);?|&#x0*(?:9|a|d);?)*(?::|&colon;|&#0*58;?|&#x0*3a;?)"


def _scheme(*names: str) -> str:
    return "(?:" + "|".join(_GAP.join(_letter(c) for c in name) for name in names) + ")" + _COLON


# One pass over a text must cost time linear in its length, so no pattern may scan from each of
# many starting places to the end of a long run: the open classes stop at the character that
# starts the next match ('<', '{'), and the URL patterns have a fixed number of letters, only
# their gaps repeat. `benchmarks/adversarial.py --rules-only` measures them on long runs.
# Each pattern begins with a literal or a class, not a group or an assertion, so that at most
# places the regex engine rejects it on one character: the pass then costs a third less.
_PATTERNS = [
    (r"<(?!(?:https?|mailto):[^<>\s]+>)/?[A-Za-z!?][^<>]*>?", "raw HTML",
     "write Markdown instead of HTML"),
    (r"\{(?::[^{}\n]*\}?|[ \t]*[.#][A-Za-z_\-][^{}\n]*\}|[ \t]*[^\s{}=]+=[^{}\n]*\})",
     "an attribute list ({: }, { .class }, {#id}, { key=value })",
     "remove the braces and what is inside them; contributed text cannot set attributes"),
    # `on` at the start of a word: (?<!\w.) looks at the character before the `o`.
    (r"[oO](?<!\w.)[nN][a-zA-Z]{3,}\s*=\s*\S", "an event-handler attribute", "remove the attribute"),
    (r"(?=[jJvVlL&])(?i:(?<![a-z0-9])" + _scheme("javascript", "vbscript", "livescript") + ")", "a script URL",
     "link to an https:// address"),
    (r"[\]<=](?:(?<=\])\(\s*<?|(?<=\]):\s*<?|(?<=<)|(?<==)\s*[\"']?)(?i:" + _scheme("data") + ")"
     r"|[dD](?<!\w.)(?i:ata:[a-z]+/[a-z0-9.+-]+[;,])", "a data: URL", "link to an https:// address"),
    (r"\{\{|\{%|\{#|%\}|#\}|\}\}", "template syntax ({{ }}, {% %}, {# #})",
     "remove the braces; contributed text is never a template"),
    (_FORMAT, "an invisible format character",
     "delete it: it does not show, yet it can change how the text around it is displayed"),
]
_FORMAT_INDEX = len(_PATTERNS) - 1
_EACH = [re.compile(pattern) for pattern, _, _ in _PATTERNS]

# One pass over each text: the patterns joined, without groups (a group would be entered at
# every place); which pattern matched is asked only where one did, which is rare.
_ANY = re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in _PATTERNS))

# Every pattern needs one of these; most texts have none and are passed over at once. A colon
# counts only when it does not end http, https or mailto: no script or data URL ends so.
_TRIGGER = re.compile(r"[<{}%#=&:" + _FORMAT[1:] + r"(?<!http:)(?<!https:)(?<!mailto:)")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|" + _FORMAT)


def code_point(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def findings(text: str):
    """(column offset, what, hint) for each kind of unsafe construct in one text, first place only."""
    if not _TRIGGER.search(text):
        return
    seen = set()
    for match in _ANY.finditer(text):
        # The alternation took the first pattern that matches here: ask them in the same order.
        index = next((i for i, pattern in enumerate(_EACH) if pattern.match(text, match.start())), 0)
        if index not in seen:
            seen.add(index)
            what = _PATTERNS[index][1]
            if index == _FORMAT_INDEX:
                what = f"{what} {code_point(match.group())}"
            yield match.start(), what, _PATTERNS[index][2]


def visible(excerpt: str) -> str:
    """An excerpt safe to print: invisible and control characters as <U+...>, so none acts on the reader's screen."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", excerpt)


def check(kb, ctx):
    for rel, line, col, text in texts(kb):
        if not _TRIGGER.search(text):
            continue
        for offset, what, hint in findings(text):
            shown = visible(text[offset: offset + 40].split("\n")[0])
            yield Problem(rel, line, col, ID, f"text contains {what}: '{shown}'", hint=hint)
