"""Personio's XML feed: `GET https://{company}.jobs.personio.de/xml[?language=en]`.

`<workzag-jobs><position>…</position></workzag-jobs>`, no paging (FORMATS.md §2). The feed is
untrusted XML, read with defusedxml (no entities, no DTDs). An unknown company gets an HTML page
instead: BoardNotFound. The description is the `jobDescriptions/jobDescription` sections, each
a name and a CDATA HTML value. `createdAt` is undocumented but seen in live feeds. The job URL
is built: `https://{company}.jobs.personio.de/job/{id}`.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from afterview.domain.boards import Board, Posting
from afterview.integrations.boards.dates import read_iso_datetime
from afterview.integrations.boards.html_text import html_to_text
from afterview.integrations.boards.places import join_place, remote_from_place
from afterview.integrations.boards.responses import Origin, looks_like_html

_POSITION: Final = re.compile(r": line \d+, column \d+$")
JOB_URL: Final = "https://{company}.jobs.personio.de/job/{id}"
ROOT: Final = "workzag-jobs"


def parse_personio(body: bytes, token: str) -> list[Posting]:
    """The positions of a Personio company's XML feed."""
    origin = Origin(Board.PERSONIO, token)
    root = _root(body, origin)
    return [
        _posting(position, f"position[{index}]", origin)
        for index, position in enumerate(root.findall("position"))
    ]


def _root(body: bytes, origin: Origin) -> Element:
    if looks_like_html(body):
        origin.not_found("an HTML page, not the feed: the board does not exist")
    try:
        root = fromstring(body)
    except ParseError as exc:
        line, column = exc.position
        problem = _POSITION.sub("", str(exc))
        origin.fail(f"line {line} column {column + 1}", f"malformed XML ({problem})")
    except DefusedXmlException as exc:
        origin.fail("body", f"XML with a forbidden construct ({type(exc).__name__})")
    if root.tag.lower() == "html":
        origin.not_found("an HTML page, not the feed: the board does not exist")
    if root.tag != ROOT:
        origin.fail(root.tag, f"not the expected shape: <{root.tag}>, not <{ROOT}>")
    return root


def _posting(position: Element, path: str, origin: Origin) -> Posting:
    position_id = _required(position, "id", path, origin)
    office = _text(position, "office")
    additional = [(o.text or "").strip() for o in position.findall("additionalOffices/office")]
    created = _text(position, "createdAt")
    try:
        published = read_iso_datetime(created) if created else None
    except ValueError as exc:
        origin.fail(f"{path}.createdAt", f"not the expected shape: {exc}")
    return Posting(
        board=Board.PERSONIO,
        token=origin.token,
        id=position_id,
        title=_required(position, "name", path, origin),
        department=_text(position, "department"),
        location=join_place(office, *additional),
        remote=remote_from_place(office),
        employment=join_place(_text(position, "schedule"), _text(position, "employmentType")),
        url=JOB_URL.format(company=quote(origin.token, safe=""), id=quote(position_id, safe="")),
        published_at=published,
        text=_description(position),
    )


def _description(position: Element) -> str:
    sections = []
    for section in position.findall("jobDescriptions/jobDescription"):
        name, value = _text(section, "name"), _text(section, "value")
        sections.append(html_to_text(f"<h3>{name}</h3>{value}" if name else value))
    return "\n\n".join(section for section in sections if section)


def _text(element: Element, child: str) -> str:
    found = element.find(child)
    return (found.text or "").strip() if found is not None else ""


def _required(element: Element, child: str, path: str, origin: Origin) -> str:
    value = _text(element, child)
    if not value:
        origin.fail(f"{path}.{child}", "not the expected shape: missing")
    return value
