"""The fonts a pack prints with: Debian's Noto fonts, which between them cover Latin (Vietnamese
included), Thai, Khmer, Lao, Myanmar, Chinese, Japanese and Korean.

A workshop of the ASEAN offices writes names, claims and quotations in any of those scripts; a
font without the script's glyphs prints boxes. The handouts' CSS names every family below in
turn (WeasyPrint takes each character from the first family that has it); the slides name the
Latin, the East Asian and the complex-script typeface of every run, as PowerPoint's format
provides, and LibreOffice falls back through fontconfig for the scripts beyond those three.
The Debian packages are listed in .ci/debian-packages-packs.txt.
"""

from __future__ import annotations

# In the order a character looks for its glyph.
FAMILIES = ("Noto Sans", "Noto Sans Thai", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans Myanmar",
            "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "DejaVu Sans")

CSS_STACK = ", ".join(f'"{family}"' for family in FAMILIES) + ", sans-serif"

# A slide's text runs: <a:latin>, <a:ea> (Chinese, Japanese, Korean) and <a:cs> (complex scripts).
SLIDE_LATIN, SLIDE_EAST_ASIAN, SLIDE_COMPLEX = "Noto Sans", "Noto Sans CJK SC", "Noto Sans Thai"
