"""The lint of a draft: what would embarrass you if it went out as it is.

Errors stop a send (unless forced); warnings are shown and left to your judgement.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from afterview.domain.drafts import DraftKind


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    severity: Severity
    code: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Expected:
    """What a draft of this kind should carry, from its records."""

    kind: DraftKind
    recipient_name: str
    role: str
    company: str
    gaps: tuple[str, ...] = ()


# Body length in words: long enough to be personal, short enough to be read.
WORD_BOUNDS = {
    DraftKind.THANK_YOU: (25, 250),
    DraftKind.REFERENCE_HEADS_UP: (40, 300),
    DraftKind.FOLLOW_UP: (20, 150),
    DraftKind.SECOND_FOLLOW_UP: (15, 120),
    DraftKind.NETWORKING_NOTE: (25, 160),
    DraftKind.REJECTION_REPLY: (30, 200),
    DraftKind.COVER_LETTER: (80, 500),
}
# Which facts each kind must name.
NEEDS_ROLE = frozenset(DraftKind) - {DraftKind.NETWORKING_NOTE}
NEEDS_COMPANY = frozenset(DraftKind)
# A cover letter may go to "the hiring team"; every other kind is to a person.
NEEDS_NAME = frozenset(DraftKind) - {DraftKind.COVER_LETTER}

STOCK_PHRASES = (
    "i hope this email finds you well",
    "i hope this message finds you well",
    "i am writing to",
    "to whom it may concern",
    "just checking in",
    "just following up",
    "touch base",
    "circle back",
    "perfect candidate",
    "perfect fit",
    "team player",
    "hard worker",
    "hard-working",
    "think outside the box",
    "go-getter",
    "synergy",
    "passionate about",
    "do not hesitate",
    "don't hesitate",
    "at your earliest convenience",
    "thank you for your time and consideration",
    "any updates?",
)

_PLACEHOLDERS = (
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template syntax"),
    (re.compile(r"\[[A-Z][A-Za-z' ]{1,30}\]"), "a bracketed placeholder"),
    (re.compile(r"<(?:[A-Z][A-Za-z ]{1,30}|[a-z]+_[a-z_]+)>"), "an angle-bracket placeholder"),
    (re.compile(r"\{[a-z_]{2,30}\}"), "a brace placeholder"),
    # Markers in capitals only: 'a todo app' is prose, 'TODO' is a note to yourself.
    (re.compile(r"\b(?:TODO|TBD|FIXME|XXX+|(?i:lorem ipsum))\b"), "a to-do marker"),
    (re.compile(r"_{3,}"), "a blank to fill in"),
)
_GREETING = re.compile(r"(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b", re.I)
_MARKS = ",!:"
_TITLES = {"mr", "mrs", "ms", "mx", "dr", "prof", "professor", "miss", "sir", "madam"}
_GROUPS = frozenset(
    {"team", "all", "everyone", "there", "hiring", "recruiting", "folks", "manager", "recruiter"}
)
# Legal forms a company's record may carry and a letter leaves out: 'Acme' names 'Acme Inc.'.
_LEGAL_FORMS = frozenset(
    {"inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "gmbh", "corp", "corporation"}
)


def lint_draft(subject: str, body: str, expected: Expected) -> list[Finding]:
    """Every problem found in a draft, errors first."""
    findings = [
        *_placeholders(subject, body),
        *_recipient(body, expected),
        *_facts(subject + "\n" + body, expected),
        *_length(body, expected.kind),
        *_repeats(body),
        *_stock(subject + "\n" + body),
        *(
            Finding(severity=Severity.WARNING, code="missing_detail", message=gap)
            for gap in expected.gaps
        ),
    ]
    if not subject.strip():
        findings.insert(0, _error("no_subject", "The subject is empty."))
    return sorted(findings, key=lambda f: f.severity != Severity.ERROR)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)


def _error(code: str, message: str) -> Finding:
    return Finding(severity=Severity.ERROR, code=code, message=message)


def _placeholders(subject: str, body: str) -> list[Finding]:
    found = []
    for where, text in (("subject", subject), ("body", body)):
        for number, line in enumerate(text.splitlines(), start=1):
            for pattern, what in _PLACEHOLDERS:
                match = pattern.search(line)
                if match:
                    place = "the subject" if where == "subject" else f"line {number}"
                    found.append(
                        _error("placeholder", f"{place.capitalize()} has {what}: {match[0]!r}.")
                    )
    return found


def _recipient(body: str, expected: Expected) -> list[Finding]:
    greeted = _greeted_name(body)
    if not expected.recipient_name.strip():
        if expected.kind in NEEDS_NAME:
            return [_error("no_recipient", "No recipient name: choose who it goes to (--to).")]
        return []
    if greeted is None or not greeted.strip():
        return [
            _error(
                "no_recipient",
                f"The greeting does not name {expected.recipient_name}.",
            )
        ]
    words = [w for w in _name_words(greeted) if w not in _TITLES]
    if set(words) <= _GROUPS:  # 'Dear hiring team,', or a title alone: 'Dear Sir,'
        return [_error("no_recipient", f"The greeting does not name {expected.recipient_name}.")]
    known = set(_name_words(expected.recipient_name))
    strangers = [w for w in words if w not in known]
    if strangers:
        return [
            _error(
                "wrong_name",
                f"The greeting says {greeted.strip()!r} but the recipient is "
                f"{expected.recipient_name}.",
            )
        ]
    return []


def _greeted_name(body: str) -> str | None:
    """Whom the first line greets: 'Hi Joan,' → 'Joan'; '' for 'Hello,'; None when the first
    line is no greeting. String methods, not one regex: a line of any length parses in linear
    time."""
    line = next((" ".join(text.split()) for text in body.splitlines() if text.strip()), "")
    match = _GREETING.match(line)
    if not match:
        return None
    rest = line[match.end() :].strip()
    if rest.startswith(","):  # 'Good morning, Joan,': a comma, then a name and a mark
        after = rest[1:].strip()
        if not after:
            return ""
        name = after[:-1].strip()
        fits = after[-1] in _MARKS and name and not any(mark in name for mark in _MARKS)
        return name if fits else None
    rest = rest[:-1] if rest[-1:] in tuple(_MARKS) else rest
    return None if any(mark in rest for mark in _MARKS) else rest.strip()


def _name_words(name: str) -> list[str]:
    """The words of a name, folded: 'Ana María García-López' → ana, maría, garcía, lópez, so
    'Ms. García' names her; typographic apostrophes and decomposed accents compare equal."""
    folded = unicodedata.normalize("NFC", name).casefold().replace("’", "'")
    return [w for w in re.split(r"[\s.,\-‐‑–]+", folded) if w]


def _facts(text: str, expected: Expected) -> list[Finding]:
    found = []
    folded = " ".join(text.casefold().split())
    if expected.kind in NEEDS_ROLE and expected.role and not _mentions(folded, expected.role):
        found.append(_error("no_role", f"The role ({expected.role}) is not mentioned."))
    if (
        expected.kind in NEEDS_COMPANY
        and expected.company
        and not _mentions(folded, expected.company, ignore=_LEGAL_FORMS)
    ):
        found.append(_error("no_company", f"The company ({expected.company}) is not mentioned."))
    return found


def _mentions(folded: str, name: str, ignore: frozenset[str] = frozenset()) -> bool:
    """Whether the text names it: the whole of it, or most of its significant words (an edited
    'the senior platform engineer role' still names 'Senior Platform Engineer (Payments)')."""
    whole = " ".join(name.casefold().split())
    if re.search(rf"(?<!\w){re.escape(whole)}(?!\w)", folded):  # 'Meta' is not in 'metadata'
        return True
    words = [w for w in re.findall(r"\w+", whole) if len(w) > 2 and w not in ignore]
    present = [w for w in words if re.search(rf"\b{re.escape(w)}\b", folded)]
    return bool(words) and len(present) * 2 >= len(words) + (len(words) > 1)


def word_count(body: str) -> int:
    return len(body.split())


def _length(body: str, kind: DraftKind) -> list[Finding]:
    low, high = WORD_BOUNDS[kind]
    count = word_count(body)
    if count < low:
        return [_error("too_short", f"{count} words: a {kind.label.lower()} needs {low} or more.")]
    if count > high:
        return [
            _error("too_long", f"{count} words: keep a {kind.label.lower()} to {high} or fewer.")
        ]
    return []


def _sentences(body: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", body)
    return [" ".join(p.casefold().split()).rstrip(".!?") for p in parts if p.strip()]


def _repeats(body: str) -> list[Finding]:
    seen: set[str] = set()
    found = []
    for sentence in _sentences(body):
        if len(sentence.split()) < 4:
            continue
        if sentence in seen:
            found.append(_error("repeated", f"The same sentence appears twice: {sentence!r}."))
        seen.add(sentence)
    return found


def _stock(text: str) -> list[Finding]:
    folded = " ".join(text.casefold().replace("’", "'").split())
    return [
        Finding(
            severity=Severity.WARNING,
            code="stock_phrase",
            message=f"{phrase!r} reads as generic; say it in your own words.",
        )
        for phrase in STOCK_PHRASES
        if phrase in folded
    ]
