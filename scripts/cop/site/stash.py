"""Final HTML kept away from the page's Markdown engine.

What a macro returns and the HTML blocks of generated pages are final: every contributed
string in them is escaped or sanitized already. Were the page's Markdown engine to read
them again, Markdown inside contributed text (an image, an attribute list, a link pattern
inside a `title="..."`) would come alive. So each piece is stored here and a plain token
stands in its place; before the engine parses anything else, a preprocessor swaps each
token for Python-Markdown's own raw-HTML placeholder, which the engine puts back untouched
at the very end, inline or as a block (and which its table of contents reads as text).
"""

from __future__ import annotations

import re
import secrets

from markdown import Extension
from markdown.preprocessors import Preprocessor

# After whitespace normalisation (priority 30, which would strip the placeholders' control
# characters) and before raw HTML blocks, code blocks and everything inline are recognised.
_PRIORITY = 29


class HtmlStash:
    """Pieces of final HTML, each standing in the Markdown as a token of letters and digits."""

    def __init__(self) -> None:
        # Letters and digits only, so no Markdown pattern can split or decorate a token; random,
        # so a hand-written page cannot name a piece it was not given.
        self._prefix = f"copfinal{secrets.token_hex(8)}n"
        self._token = re.compile(re.escape(self._prefix) + r"(\d+)e")
        self._pieces: dict[int, str] = {}
        self._next = 0

    def put(self, html: str) -> str:
        key = self._next
        self._next += 1
        self._pieces[key] = html
        return f"{self._prefix}{key}e"

    def swap(self, text: str, store) -> str:
        """Each token in `text` replaced by store(html); each piece is handed out once."""
        if self._prefix not in text:
            return text

        def replace(match: re.Match) -> str:
            html = self._pieces.pop(int(match.group(1)), None)
            return match.group(0) if html is None else store(html)

        return self._token.sub(replace, text)

    def extension(self) -> Extension:
        return _StashExtension(self)


class _Swap(Preprocessor):
    def __init__(self, md, stash: HtmlStash):
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        swapped = self.stash.swap(text, self.md.htmlStash.store)
        return lines if swapped is text else swapped.split("\n")


class _StashExtension(Extension):
    def __init__(self, stash: HtmlStash):
        super().__init__()
        self.stash = stash

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_Swap(md, self.stash), "cop_final_html", _PRIORITY)
