"""vCard files: reading people from vCard 2.1, 3.0 and 4.0, and writing contacts as vCard 3.0.

Lines are parsed by `vobject` (unfolding, 2.1 quoted-printable with its CHARSET, grouped
properties like `item1.EMAIL`, bare 2.1 parameters like `TEL;CELL:`, parameter lists); it is
imported inside the functions so that the CLI starts without it. Around it, this module does a
few things itself, each because vobject gets it wrong:

- Values are unescaped here with vobject's own `stringToTextValues` but never split on commas.
  vobject's text behaviour splits a value on every unescaped comma and keeps the first part
  (py-vobject/vobject#55: `FN:Smith, John` reads as "Smith"), and vCard 2.1 and many 3.0
  writers do not escape commas. So cards are read untransformed (`ContentLine`s), not as
  vobject components.
- Cards are told apart here (BEGIN:VCARD … END:VCARD, nested cards ignored): vobject crashes
  with an AttributeError on a property outside any card, and cannot say where a card starts.
- Line numbers: vobject's quoted-printable-aware line reader reports the line before a blank
  line (and 0 for the first line); they are moved to the line the property is really on.
- Bare CR line endings become LF, as that reader splits lines on LF only.
- `ENCODING=quoted-printable` is upper-cased: vobject only decodes the upper-case spelling.
- A value ending in a lone backslash gets it escaped: `stringToTextValues` would read it as
  the text "\\eof".
- Apple escapes the colon in URLs (`https\\://`); it is unescaped in URLs.

Writing uses vCard 3.0, the version that Apple Contacts, Google Contacts, Outlook and Android
all import; several of them still do not import 4.0.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.errors import ParseError
from afterview.domain.values import unique_texts
from afterview.integrations.contacts_csv import (
    ContactFile,
    SkippedEntry,
    decode_text,
    load_bytes,
)

if TYPE_CHECKING:
    from vobject.base import Component, ContentLine

_NOT_PREFERRED: Final = 101  # 4.0's PREF runs from 1 (most preferred) to 100
_LINKEDIN_PROFILE: Final = "linkedin.com/in/"


def read_vcards(file: bytes | Path, *, source: str | None = None) -> ContactFile:
    """The people in a vCard file (one card or many), given as its bytes or its path.

    The name is FN, else it is built from N; a card with neither is skipped with its line.
    E-mails and phones come most preferred first; the company is ORG's first part; the
    LinkedIn URL is the first URL or X-SOCIALPROFILE that points to a linkedin.com/in/ page.
    """
    name, data = load_bytes(file, source, "contacts.vcf")
    cards = _cards(decode_text(data, name), name)
    if not cards:
        raise ParseError(name, "line 1", "no vCard in the file (no BEGIN:VCARD line)")
    records: list[ContactRecord] = []
    skipped: list[SkippedEntry] = []
    for line, properties in cards:
        record = _record(line, properties)
        if record is None:
            skipped.append(SkippedEntry(line, "no name (neither FN nor N)"))
        else:
            records.append(record)
    return ContactFile(name, tuple(records), tuple(skipped))


def contacts_to_vcard(contacts: Iterable[Contact]) -> str:
    """The contacts as vCard 3.0 text (CRLF line endings, long lines folded), one card each."""
    return "".join(_card(contact).serialize() for contact in contacts)


def _cards(text: str, source: str) -> list[tuple[int, list[ContentLine]]]:
    """Each top-level card's first line and its properties, in file order."""
    from vobject.base import getLogicalLines

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    physical = text.split("\n")
    cards: list[tuple[int, list[ContentLine]]] = []
    depth = 0
    for logical, reported in getLogicalLines(io.StringIO(text), allowQP=True):
        line = _true_line(reported, physical)
        prop = _content_line(logical, line, source)
        if prop.name == "BEGIN":
            if depth == 0 and prop.value.strip().upper() != "VCARD":
                problem = f"BEGIN:{prop.value.strip()} starts something that is not a vCard"
                raise ParseError(source, f"line {line}", problem)
            if depth == 0:
                cards.append((line, []))
            depth += 1
        elif prop.name == "END":
            if depth == 0:
                raise ParseError(source, f"line {line}", "END without a BEGIN:VCARD before it")
            depth -= 1
        elif depth == 0:
            problem = f"{_shorten(logical)!r} is outside BEGIN:VCARD … END:VCARD"
            raise ParseError(source, f"line {line}", problem)
        elif depth == 1:
            cards[-1][1].append(prop)
    if depth:
        raise ParseError(source, f"line {cards[-1][0]}", "this vCard has no END:VCARD")
    return cards


def _true_line(reported: int, physical: Sequence[str]) -> int:
    """The line a logical line starts on; vobject reports the blank line before it, or 0."""
    line = max(reported, 1)
    while line < len(physical) and not physical[line - 1].strip():
        line += 1
    return line


def _content_line(logical: str, line: int, source: str) -> ContentLine:
    from vobject.base import ContentLine, parseLine
    from vobject.base import ParseError as VObjectParseError

    try:
        name, params, value, group = parseLine(logical, line)
    except VObjectParseError:
        problem = f"{_shorten(logical)!r} is not a vCard line (NAME:value)"
        raise ParseError(source, f"line {line}", problem) from None
    try:
        # The stubs say dict; vobject's own textLineToContentLine passes parseLine's list.
        params_list: Any = _quoted_printable_spelled_out(params)
        return ContentLine(name, params_list, value, group, encoded=True, lineNumber=line)
    except LookupError as error:
        charset = str(error).rpartition(":")[2].strip()
        where = f"line {line}, {name.upper()}"
        raise ParseError(source, where, f"unknown character set {charset!r}") from None
    except ValueError:
        charset = next((p[1] for p in params if p[0].upper() == "CHARSET" and p[1:]), "UTF-8")
        where = f"line {line}, {name.upper()}"
        problem = f"quoted-printable text that is not valid {charset}"
        raise ParseError(source, where, problem) from None


def _quoted_printable_spelled_out(params: list[list[str]]) -> list[list[str]]:
    """Quoted-printable as vobject decodes it: only `ENCODING=QUOTED-PRINTABLE`, in capitals
    and with no other encoding beside it (2.1's `ENCODING=8BIT;QUOTED-PRINTABLE` crashes it)."""

    def is_encoding(param: list[str]) -> bool:
        return param[0].upper() == "ENCODING" or param[0].upper() == "QUOTED-PRINTABLE"

    encodings = [value.upper() for param in params if is_encoding(param) for value in param]
    if "QUOTED-PRINTABLE" not in encodings:
        return params
    return [
        *(param for param in params if not is_encoding(param)),
        ["ENCODING", "QUOTED-PRINTABLE"],
    ]


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _record(line: int, properties: list[ContentLine]) -> ContactRecord | None:
    def named(name: str) -> list[ContentLine]:
        return [prop for prop in properties if prop.name == name]

    name = next((text for p in named("FN") if (text := _text(p.value))), "")
    name = name or next((text for p in named("N") if (text := _name_from_n(p.value))), "")
    if not name:
        return None
    organisations = [_components(prop.value) for prop in named("ORG")]
    return ContactRecord(
        line=line,
        name=name,
        emails=unique_texts(_email(prop.value) for prop in _by_preference(named("EMAIL"))),
        phones=unique_texts(_phone(prop.value) for prop in _by_preference(named("TEL"))),
        company=next((parts[0] for parts in organisations if parts[0]), ""),
        title=next((text for p in named("TITLE") if (text := _text(p.value))), ""),
        linkedin_url=next(_linkedin_urls(properties), ""),
        notes="\n".join(text for prop in named("NOTE") if (text := _text(prop.value))),
    )


def _by_preference(properties: list[ContentLine]) -> list[ContentLine]:
    """Most preferred first: 4.0's PREF=1..100, then 3.0's TYPE=pref or 2.1's bare PREF."""

    def rank(prop: ContentLine) -> int:
        pref = prop.params.get("PREF", [""])[0]
        if pref.isdigit():
            return int(pref)
        types = [*prop.params.get("TYPE", []), *prop.singletonparams]
        kinds = {kind.strip().casefold() for value in types for kind in value.split(",")}
        return 1 if "pref" in kinds else _NOT_PREFERRED

    return sorted(properties, key=rank)


def _linkedin_urls(properties: list[ContentLine]) -> Iterator[str]:
    for prop in properties:
        if prop.name in ("URL", "X-SOCIALPROFILE"):
            url = _text(prop.value).replace("\\:", ":")
            if _LINKEDIN_PROFILE in url.casefold():
                yield url
            elif prop.name == "X-SOCIALPROFILE" and "X-USER" in prop.params:
                kinds = [kind.casefold() for kind in prop.params.get("TYPE", [])]
                if "linkedin" in kinds:
                    yield f"https://www.linkedin.com/in/{prop.params['X-USER'][0]}"


def _text(value: str) -> str:
    """A text value unescaped (\\n \\, \\; \\\\), commas kept, line breaks as LF, stripped."""
    from vobject.icalendar import stringToTextValues

    # listSeparator=None: no list separator at all (the stubs allow only a str).
    no_separator: Any = None
    text = str(stringToTextValues(_close_escape(value), listSeparator=no_separator)[0])
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split at its unescaped semicolons, each part unescaped."""
    from vobject.icalendar import stringToTextValues

    parts = stringToTextValues(_close_escape(value), listSeparator=";", charList=";")
    return [_text(part) for part in parts]


def _close_escape(value: str) -> str:
    trailing = len(value) - len(value.rstrip("\\"))
    return value + "\\" if trailing % 2 else value


def _name_from_n(value: str) -> str:
    """'Given Additional Family' from N (Family;Given;Additional;Prefix;Suffix)."""
    parts = [*_components(value), "", "", ""]
    family, given, additional = (part.replace(",", " ").strip() for part in parts[:3])
    return " ".join(" ".join(filter(None, (given, additional, family))).split())


def _email(value: str) -> str:
    text = _text(value)
    return text[7:] if text[:7].casefold() == "mailto:" else text


def _phone(value: str) -> str:
    text = _text(value)
    return text[4:] if text[:4].casefold() == "tel:" else text


def _card(contact: Contact) -> Component:
    import vobject
    from vobject.vcard import Name

    card = vobject.vCard()
    card.add("uid").value = f"urn:uuid:{contact.uid}"
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = Name(family=family, given=given) if given else Name(given=family)
    for index, address in enumerate(contact.emails):
        email = card.add("email")
        email.value = address
        email.type_paramlist = ["INTERNET", "pref"] if index == 0 else ["INTERNET"]
    for number in contact.phones:
        card.add("tel").value = number
    if contact.company_name:
        card.add("org").value = [contact.company_name]
    if contact.title:
        card.add("title").value = contact.title
    if contact.notes:
        card.add("note").value = contact.notes
    card.add("rev").value = contact.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return card
