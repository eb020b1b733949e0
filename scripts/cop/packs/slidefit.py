"""Slide text measured before it is placed: lines wrapped to a box's width, counted against its height.

A slide deck is set by whatever opens it (LibreOffice, PowerPoint), long after we wrote it, so
we measure with the fonts the slides name (cop.packs.fonts): Debian's Noto files, read by
Pillow (FreeType, shaped by Raqm where Pillow has it). Each character is measured with the
font of its script (Thai, Lao, Khmer, Myanmar, the CJK font for Chinese, Japanese and Korean,
Noto Sans for the rest, Vietnamese included). A line is 1.2 times the font size high, as
PowerPoint and LibreOffice set a PPTX's single spacing whatever the font; a paragraph in a
script taller than Latin (Thai, Lao, Myanmar, whose stacked marks would touch the next line) is
set with more spacing, and measured with it (`spacing`). Without Noto, DejaVu Sans stands in
for the metric; without either, FontMissing says what to install.

What we cannot know exactly we round against overflow: a box is filled to 98 % of its width;
Thai, Lao, Khmer and Myanmar, which the renderer breaks between words from a dictionary we do
not have, are counted a tenth wider; and a quarter em is counted wherever Chinese, Japanese or
Korean meets other text (LibreOffice's spacing between Asian and other text, about that much).

The unit is the point throughout (1/72 inch).
"""

from __future__ import annotations

import functools
import math
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import ImageFont, features

from . import fonts

# The size fonts are loaded at: widths and heights are read in thousandths of an em.
_UNITS = 1000
WIDTH_FILL = 0.98  # of a box's width, the part we fill
SINGLE = 1.2  # single line spacing, in ems
_DICTIONARY_BROKEN = 1.1  # Thai, Lao, Khmer, Myanmar: counted wider, their breaks are the renderer's choice
_ASIAN_SPACE = 0.25  # ems LibreOffice puts between Chinese, Japanese or Korean and other text

THAI, LAO, KHMER, MYANMAR = "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer", "Noto Sans Myanmar"
LATIN, CJK = fonts.SLIDE_LATIN, fonts.SLIDE_EAST_ASIAN
_SCRIPTS = (  # first code point, last code point, family
    (0x0E00, 0x0E7F, THAI), (0x0E80, 0x0EFF, LAO), (0x1000, 0x109F, MYANMAR), (0x1780, 0x17FF, KHMER),
    (0x19E0, 0x19FF, KHMER), (0xA9E0, 0xA9FF, MYANMAR), (0xAA60, 0xAA7F, MYANMAR),
    (0x1100, 0x11FF, CJK), (0x2E80, 0x2FDF, CJK), (0x3000, 0x30FF, CJK), (0x3100, 0x318F, CJK),
    (0x31A0, 0x31FF, CJK), (0x3200, 0x4DBF, CJK), (0x4E00, 0x9FFF, CJK), (0xA960, 0xA97F, CJK),
    (0xAC00, 0xD7FF, CJK), (0xF900, 0xFAFF, CJK), (0xFE30, 0xFE4F, CJK), (0xFF00, 0xFFEF, CJK),
    (0x20000, 0x3FFFF, CJK),
)
# Ideographs, kana and hangul syllables: a line may break between any two of them.
_BREAK_BETWEEN = {CJK}
_NO_SPACES = {THAI, LAO, KHMER, MYANMAR}
# The files Debian's packages install, by family and weight: the ones fontconfig gives on Debian.
_DEBIAN_FILES = {
    ("Noto Sans", False): ("truetype/noto/NotoSans-Regular.ttf", 0),
    ("Noto Sans", True): ("truetype/noto/NotoSans-Bold.ttf", 0),
    (THAI, False): ("truetype/noto/NotoSansThai-Regular.ttf", 0), (THAI, True): ("truetype/noto/NotoSansThai-Bold.ttf", 0),
    (LAO, False): ("truetype/noto/NotoSansLao-Regular.ttf", 0), (LAO, True): ("truetype/noto/NotoSansLao-Bold.ttf", 0),
    (KHMER, False): ("truetype/noto/NotoSansKhmer-Regular.ttf", 0), (KHMER, True): ("truetype/noto/NotoSansKhmer-Bold.ttf", 0),
    (MYANMAR, False): ("truetype/noto/NotoSansMyanmar-Regular.ttf", 0),
    (MYANMAR, True): ("truetype/noto/NotoSansMyanmar-Bold.ttf", 0),
    ("Noto Sans CJK SC", False): ("opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("Noto Sans CJK SC", True): ("opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ("DejaVu Sans", False): ("truetype/dejavu/DejaVuSans.ttf", 0),
    ("DejaVu Sans", True): ("truetype/dejavu/DejaVuSans-Bold.ttf", 0),
}
_FONT_ROOT = Path("/usr/share/fonts")


class FontMissing(RuntimeError):
    pass


@functools.cache  # asked for every character of every candidate line; a text has few distinct ones
def family_of(char: str) -> str:
    point = ord(char)
    for first, last, family in _SCRIPTS:
        if first <= point <= last:
            return family
    return LATIN


@functools.cache
def _neutral(char: str) -> bool:
    """Spaces, punctuation, digits and marks take the font of the text around them."""
    return unicodedata.category(char)[0] in "ZPNMSC"


def _fontconfig(family: str, bold: bool) -> tuple[str, int] | None:
    if not shutil.which("fc-match"):
        return None
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern], capture_output=True,
                               text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    names, _, rest = found.partition("\t")
    path, _, index = rest.partition("\t")
    # fontconfig answers every request with some font: only the family asked for will do.
    if family.casefold() not in {n.strip().casefold() for n in names.split(",")} or not Path(path).is_file():
        return None
    return path, int(index or 0)


@functools.cache
def font_file(family: str, bold: bool = False) -> tuple[str, int]:
    """The file (and face index) a family's text is measured with: Noto, else DejaVu Sans."""
    for candidate in (family, "DejaVu Sans"):
        # Where Debian's packages put the file, fontconfig finds that same file (checked for every
        # family here); asking fc-match is a process per family, so only elsewhere.
        rel = _DEBIAN_FILES.get((candidate, bold))
        if rel and (_FONT_ROOT / rel[0]).is_file():
            return str(_FONT_ROOT / rel[0]), rel[1]
        found = _fontconfig(candidate, bold)
        if found:
            return found
    raise FontMissing(f"no font to measure slide text in {family!r} with: install Debian's fonts-noto-core and "
                      "fonts-noto-cjk (or at least fonts-dejavu-core)")


@functools.cache
def _font(family: str, bold: bool) -> ImageFont.FreeTypeFont:
    path, index = font_file(family, bold)
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, _UNITS, index=index, layout_engine=engine)


@functools.cache
def _em_width(family: str, bold: bool, text: str) -> float:
    width = _font(family, bold).getlength(text) / _UNITS
    return width * (_DICTIONARY_BROKEN if family in _NO_SPACES else 1.0)


@functools.cache
def em_height(family: str, bold: bool = False) -> float:
    """The family's ascent and descent together, in ems."""
    ascent, descent = _font(family, bold).getmetrics()
    return (ascent + descent) / _UNITS


@functools.lru_cache(maxsize=65536)
def _families(text: str) -> tuple[tuple[str, str], ...]:
    """The text in pieces of one font each; neutral characters join the piece before them."""
    pieces: list[list] = []
    for char in text:
        family = family_of(char)
        if pieces and (family == pieces[-1][0] or _neutral(char) and family == LATIN):
            pieces[-1][1] += char
        elif pieces and pieces[-1][0] == LATIN and all(_neutral(c) for c in pieces[-1][1]):
            pieces[-1] = [family, pieces[-1][1] + char]  # a piece of only spaces and marks takes the next font
        else:
            pieces.append([family, char])
    return tuple((family, piece) for family, piece in pieces)


def width(text: str, size: float, bold: bool = False) -> float:
    """The advance of one line of text at `size` points, in points."""
    return size * _ems(text, bold)


@functools.lru_cache(maxsize=65536)  # a line is measured again for every box size and height tried
def _ems(text: str, bold: bool) -> float:
    asian = [family_of(c) == CJK for c in text]
    meetings = sum(a != b for a, b in zip(asian, asian[1:]))
    return sum(_em_width(family, bold, piece) for family, piece in _families(text)) + _ASIAN_SPACE * meetings


@functools.lru_cache(maxsize=4096)
def spacing(text: str) -> int:
    """The line spacing, in percent, a paragraph of this text is set with: 100, or more where a
    script's glyphs are taller than Latin's (Thai, Lao, Myanmar), so that its lines do not touch."""
    families = {family for family, _ in _families(text)} | {LATIN}
    tallest = max(em_height(family) for family in families) / em_height(LATIN)
    return max(100, math.ceil(tallest * 100))


def line_height(text: str, size: float) -> float:
    """A line's height. PowerPoint, and LibreOffice opening a PPTX, set single spacing at 1.2 times
    the font size whatever the font's own metrics, and a paragraph's spacing scales that (in a
    table's cell LibreOffice takes the font's own metrics instead: cells get exact spacing, the same)."""
    return SINGLE * size * spacing(text) / 100


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    colour: str | None = None  # "rrggbb"; None for the box's own colour


@dataclass(frozen=True)
class Para:
    """A paragraph as a slide shows it: runs, and a hanging indent in ems holding its mark.

    mark is "bullet", "number" (with `number`) or "lead" (the first run, then a tab); a
    paragraph continued from the slide before has no mark, its text where the mark's text was.
    """

    runs: tuple[Run, ...]
    mark: str | None = None
    number: int = 0
    indent: float = 0.0  # ems
    space_before: float = 0.0  # ems; a box's first paragraph has none
    continued: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def body(self) -> tuple[Run, ...]:
        """The runs that wrap in the space right of the indent (the lead stands in the indent)."""
        return self.runs[1:] if self.mark == "lead" and not self.continued else self.runs

    def cut(self, start: int, end: int) -> "Para":
        """The part of the wrapping text between two offsets, as a paragraph of its own."""
        lead = self.runs[:1] if self.mark == "lead" and not self.continued else ()
        runs, at = [], 0
        for run in self.body():
            lo, hi = max(start, at), min(end, at + len(run.text))
            if lo < hi:
                runs.append(replace(run, text=run.text[lo - at:hi - at]))
            at += len(run.text)
        if start == 0:
            return replace(self, runs=(*lead, *runs))
        return replace(self, runs=tuple(runs), continued=True, space_before=0.0)


def _units(runs: tuple[Run, ...]) -> list[tuple[int, int, bool]]:
    """Where a line may break: (start, end, is_space) pieces of the text, in order."""
    text = "".join(r.text for r in runs)
    units: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            units.append((i, j, True))
        elif family_of(char) in _BREAK_BETWEEN:
            j = i + 1
            while j < len(text) and unicodedata.category(text[j]) in ("Mn", "Mc", "Pe", "Po"):
                j += 1  # a mark or a closing stop stays with its character
            units.append((i, j, False))
        else:
            j = i
            while j < len(text) and not text[j].isspace() and family_of(text[j]) not in _BREAK_BETWEEN:
                j += 1
            units.append((i, j, False))
        i = j
    return units


def _clusters(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A word in pieces that may end a line when it is wider than one: a character and its marks."""
    pieces, i = [], start
    while i < end:
        j = i + 1
        while j < end and (unicodedata.category(text[j]).startswith("M") or text[j - 1] == "\u17d2"
                           or text[j] in "\u200c\u200d" or text[j - 1] in "\u200c\u200d\u1039"):
            j += 1  # combining marks, and the consonant after a Khmer or Myanmar stacker, stay together
        pieces.append((i, j))
        i = j
    return pieces


def _measure(runs: tuple[Run, ...], start: int, end: int, size: float) -> float:
    total, at = 0.0, 0
    for run in runs:
        lo, hi = max(start, at), min(end, at + len(run.text))
        if lo < hi:
            total += width(run.text[lo - at:hi - at], size, run.bold)
        at += len(run.text)
    return total


@functools.lru_cache(maxsize=16384)  # spread() paginates the same paragraphs at many heights
def wrap(para: Para, box_width: float, size: float) -> tuple[tuple[int, int], ...]:
    """The lines of a paragraph set at `size` in a box `box_width` points wide, as (start, end)
    offsets in the text right of its indent; a line's trailing spaces hang past the edge."""
    runs = para.body()
    text = "".join(r.text for r in runs)
    room = box_width * WIDTH_FILL - para.indent * size
    if room <= size:
        raise ValueError(f"a box {box_width:.0f} pt wide has no room for text at {size} pt")
    lines: list[tuple[int, int]] = []
    start = end = 0  # the current line's first offset, and the end of its last word
    for lo, hi, space in _units(runs):
        if space:
            continue
        if _measure(runs, start, hi, size) <= room:
            end = hi
            continue
        if end > start:
            lines.append((start, lo))
            start = end = lo
        if _measure(runs, lo, hi, size) <= room:
            end = hi
            continue
        for clo, chi in _clusters(text, lo, hi):  # a word wider than the line, broken where it must be
            if end > start and _measure(runs, start, chi, size) > room:
                lines.append((start, clo))
                start = clo
            end = chi
    lines.append((start, len(text)))
    return tuple(lines)


def para_height(para: Para, size: float, lines: int) -> float:
    return lines * line_height(para.text, size) + para.space_before * size


def height(paras: list[Para], box_width: float, size: float) -> float:
    """The paragraphs' height in a box; the first has no space before it (the slides set none)."""
    total = sum(para_height(p, size, len(wrap(p, box_width, size))) for p in paras)
    return total - (paras[0].space_before * size if paras else 0.0)


def fits(paras: list[Para], box_width: float, box_height: float, size: float) -> bool:
    return height(paras, box_width, size) <= box_height


def paginate(paras: list[Para], box_width: float, box_height: float, size: float) -> list[list[Para]]:
    """The paragraphs on as many boxes as they need at `size`: a paragraph that fits a box whole
    starts the next one rather than being cut; a longer one is cut between lines."""
    pages: list[list[Para]] = [[]]
    room = box_height
    queue = list(paras)
    while queue:
        para = queue.pop(0)
        if not pages[-1]:  # a box's first paragraph has no space before it
            para = replace(para, space_before=0.0)
        lines = wrap(para, box_width, size)
        needed = para_height(para, size, len(lines))
        if needed <= room:
            pages[-1].append(para)
            room -= needed
            continue
        whole_fits_a_box = needed <= box_height
        if pages[-1] and (whole_fits_a_box or room < para_height(para, size, 2)):
            pages.append([])
            room = box_height
            queue.insert(0, para)
            continue
        per_line = para_height(para, size, 1) - para.space_before * size
        take = int((room - para.space_before * size) // per_line)
        if take < 1:
            raise ValueError(f"a box {box_height:.0f} pt high holds no line at {size} pt")
        cut = lines[take][0]
        pages[-1].append(para.cut(0, cut))
        pages.append([])
        room = box_height
        queue.insert(0, para.cut(cut, len("".join(r.text for r in para.body()))))
    return [page for page in pages if page]


def ellipsize(text: str, box_width: float, size: float, bold: bool = False, lines: int = 1) -> str:
    """The text as it fits on `lines` lines, cut at a word and ended with an ellipsis if it must be."""
    para = Para((Run(text, bold),))
    if len(wrap(para, box_width, size)) <= lines:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        shorter = " ".join(words).rstrip(" ,;:.\u2013\u2014") + "\u2026"
        if len(wrap(Para((Run(shorter, bold),)), box_width, size)) <= lines:
            return shorter
    # One word longer than the room: its characters, as many as fit.
    for end in range(len(text) - 1, 0, -1):
        shorter = text[:end] + "\u2026"
        if len(wrap(Para((Run(shorter, bold),)), box_width, size)) <= lines:
            return shorter
    return "\u2026"


def spread(paras: list[Para], box_width: float, box_height: float, sizes: tuple[int, ...]) -> tuple[int, list[list[Para]]]:
    """The paragraphs on as few boxes as the smallest size needs, at the largest size that needs
    no more, shared out evenly: the least height that still takes that many boxes sets the cuts."""
    count = len(paginate(paras, box_width, box_height, sizes[-1]))
    size = next(s for s in sizes if len(paginate(paras, box_width, box_height, s)) <= count)
    low, high = box_height / count, box_height
    if len(paginate(paras, box_width, low, size)) > count:
        for _ in range(12):
            middle = (low + high) / 2
            try:
                fitting = len(paginate(paras, box_width, middle, size)) <= count
            except ValueError:  # not one line fits so low a box
                fitting = False
            if fitting:
                high = middle
            else:
                low = middle
    else:
        high = low
    return size, paginate(paras, box_width, high, size)
