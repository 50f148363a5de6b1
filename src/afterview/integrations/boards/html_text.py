"""HTML descriptions as plain text, with the standard library's HTMLParser.

Paragraphs, headings and blocks become blank-line-separated paragraphs, `<br>` a line break,
`<li>` a bulleted line; `<script>` and `<style>` (and their contents) are dropped; runs of
whitespace collapse to one space. Malformed HTML never raises: whatever text it holds is kept.
Greenhouse escapes its HTML once more (`&lt;p&gt;`): `unescape_html_to_text` reads that.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Final

BULLET: Final = "•"
_PARAGRAPHS: Final = frozenset(
    {"p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table"}
    | {"ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure"}
)
_LINES: Final = frozenset({"br", "tr", "dt", "dd"})
_DROPPED: Final = frozenset({"script", "style", "template", "noscript", "head", "title"})
_SPACES: Final = re.compile(r"\s+")
_BLANKS: Final = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.dropping: list[str] = []
        self.breaks = 0  # line breaks owed before the next text
        self.in_bullet = False  # a bullet was written and no text yet: no breaks before it
        self.lists = 0  # how many <li> are open: inside one, blocks break lines, not paragraphs

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping.append(tag)
        elif tag == "li":
            self._write(f"{BULLET} ", breaks=1)
            self.in_bullet = True
            self.lists += 1
        else:
            self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROPPED:
            self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            if tag in self.dropping:
                del self.dropping[len(self.dropping) - 1 - self.dropping[::-1].index(tag) :]
        elif tag == "li":
            self.lists = max(0, self.lists - 1)
        else:
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if data.strip():
            self._write(_SPACES.sub(" ", data))
            self.in_bullet = False
        else:
            self.pieces.append(" ")

    def _break(self, tag: str) -> None:
        if self.in_bullet:
            return
        if tag in _PARAGRAPHS:
            self.breaks = max(self.breaks, 1 if self.lists else 2)
        elif tag == "br":  # two in a row make a paragraph
            self.breaks = min(self.breaks + 1, 2)
        elif tag in _LINES:
            self.breaks = max(self.breaks, 1)

    def _write(self, text: str, *, breaks: int = 0) -> None:
        self.pieces.append("\n" * max(self.breaks, breaks) + text)
        self.breaks = 0


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, laid out in lines and paragraphs."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.pieces).split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def unescape_html_to_text(escaped: str) -> str:
    """The text of HTML that was entity-escaped once more (Greenhouse's `content`)."""
    return html_to_text(html.unescape(escaped))
