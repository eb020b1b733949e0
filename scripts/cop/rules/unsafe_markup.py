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

    # practices/EP/eligibility-framework.yaml
    detail: See [G 3/08](https://www.epo.org/en/boards-of-appeal/decisions/g080003ex1) and <https://www.epo.org>.

Failing:

    # practices/EP/eligibility-framework.yaml
    detail: 'See <script>alert(1)</script>, [this](jav&#x61;script:alert(1)), *this*{: onclick=alert(1)} and {{ config }}.'
"""

import functools
import re
import unicodedata
from typing import Iterator

from ..problems import Problem

ID = "unsafe-markup"
LOCKED = True  # a page would run or load what a contributor wrote

# Zero-width space, non-joiner and joiner are format characters too, but Khmer, Myanmar, Thai,
# Lao and the Indic scripts cannot be written correctly without them; they reorder nothing.
_ALLOWED_FORMAT = {0x200B, 0x200C, 0x200D}
# Bidirectional controls: named so that they stay refused whatever Unicode files them under.
_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}
# Format characters live in planes 0 and 1 and in the tags block of plane 14 (a test compares
# with a scan of every code point).
FORMAT_PLANES = (range(0x20000), range(0xE0000, 0xE1000))
# Scanning those planes takes 50 ms at every start of cop; for the Unicode version of the
# Pythons in use the result is written out here (a test compares it with the scan), and any
# other version is scanned.
_SCANNED = {
    "14.0.0": ((0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
               (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200E, 0x200F), (0x202A, 0x202E),
               (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
               (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
               (0xE0020, 0xE007F)),
}


def scan_format_codes() -> list[int]:
    return sorted(_BIDI | {c for plane in FORMAT_PLANES for c in plane
                           if unicodedata.category(chr(c)) == "Cf" and c not in _ALLOWED_FORMAT})


def _format_codes() -> list[int]:
    known = _SCANNED.get(unicodedata.unidata_version)
    if known is None:
        return scan_format_codes()
    return [c for first, last in known for c in range(first, last + 1)]


_FORMAT_CODES = _format_codes()


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


# Compiled the first time a text holds a mark: most checks meet none, and compiling these at
# every start of cop took most of the time of importing this module.
@functools.cache
def _any() -> re.Pattern:
    """One pass over each text: the patterns joined, without groups (a group would be entered at
    every place); which pattern matched is asked only where one did, which is rare."""
    return re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in _PATTERNS))


@functools.cache
def _each() -> list[re.Pattern]:
    """Each pattern alone, to tell which one matched."""
    return [re.compile(pattern) for pattern, _, _ in _PATTERNS]


# Every pattern needs one of these marks; most texts have none and are passed over at once.
# Template syntax always has a brace. A colon counts only after the last letter of a script or
# data scheme (t, a) or a gap a browser drops (whitespace); a scheme written with references has
# an "&" already. So `topic:`, `https:` and `mailto:` links trigger nothing. Format characters
# are never ASCII. A test compares this filter with the patterns.
_MARKS = "<{}=&:"
_FORMAT_ONLY = re.compile(_FORMAT)


def triggered(text: str) -> bool:
    """Whether any pattern could match in `text`: False means it certainly holds none."""
    return next(_marks(text), None) is not None or (not text.isascii() and _FORMAT_ONLY.search(text) is not None)


def _marks(text: str) -> Iterator[int]:
    """Where in `text` the marks that count are (the format characters aside), mark by mark.

    Each mark is looked for with str.find, which runs through a text several times faster than
    a regular expression tries each place in it (10,000 entries: 0.01 s against 0.04 s).
    """
    for char in _MARKS:
        at = text.find(char)
        while at != -1:
            if char != ":" or (at and (text[at - 1] in "tTaA" or text[at - 1].isspace())):
                yield at
            at = text.find(char, at + 1)


_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|" + _FORMAT)


def code_point(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def findings(text: str):
    """(column offset, what, hint) for each kind of unsafe construct in one text, first place only."""
    if not triggered(text):
        return
    seen = set()
    for match in _any().finditer(text):
        # The alternation took the first pattern that matches here: ask them in the same order.
        index = next((i for i, pattern in enumerate(_each()) if pattern.match(text, match.start())), 0)
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
    # All the texts are searched at once (the index joins them by NUL, which is no mark and no
    # gap before a colon, so the marks of the whole are those of its parts); only the texts
    # holding a mark, and those with characters beyond ASCII, are looked at one by one.
    index = ctx.index
    marked = set(index.holding(_marks(index.joined)))
    if not index.joined.isascii():
        marked.update(i for i, (_, _, _, text) in enumerate(index.texts) if not text.isascii())
    yield from _check([index.texts[i] for i in sorted(marked)], index)


def _check(texts, index):
    for rel, line, col, text in texts:
        if not triggered(text):
            continue
        for offset, what, hint in findings(text):
            shown = visible(text[offset: offset + 40].split("\n")[0])
            at_line, at_col = index.place(rel, line, col, text, offset)
            yield Problem(rel, at_line, at_col, ID, f"text contains {what}: '{shown}'", hint=hint)
