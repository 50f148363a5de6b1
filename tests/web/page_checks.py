"""Checks the pages of reviews, offers and rejections share: a page's section, labels on
every control, nothing inline, and none of a command line's words in what they say."""

from __future__ import annotations

import re

# What only a command line says: an option ('--anyway') or a command ('afterview ...').
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z]|\bafterview [a-z]")


def section(page: str, heading: str) -> str:
    """The section that `heading` (its h2's id) opens, up to the next section."""
    start = page.index(f'<h2 id="{heading}">')
    end = page.find("<section", start)
    return said(page[start : end if end >= 0 else len(page)])


def labelled(page: str) -> None:
    """Every control with an id has its label, and ids are unique; no inline script, style
    or handler."""
    controls = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', page)
    for control in controls:
        assert f'<label for="{control}">' in page, control
    assert len(controls) == len(set(controls))
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []
    assert re.findall(r"\sstyle=|\son[a-z]+=", page) == []


def said(part: str) -> str:
    """A part of a page written here: it has none of a command line's words (the plan's own
    reasons and notes may, on the same pages)."""
    assert not CLI_WORDS.search(part), CLI_WORDS.search(part)
    return part
