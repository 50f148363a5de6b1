"""Employer names: one spelling for each, and which company a contact works for.

`normalise_company` gives the key two spellings of one employer share: case-folded; accents
stripped from Latin letters (NFKD: 'Société Générale' → 'societe generale', 'Zürich' →
'zurich', 'Ørsted' → 'orsted'; other scripts keep their marks); '&' read as 'and';
apostrophes dropped ('McDonald’s' → 'mcdonalds'); dotted initials joined ('S.p.A.' → 'spa',
'J.P. Morgan' → 'jp morgan'); other punctuation read as a space; a web ending dropped
('Amazon.com' → 'amazon'); brackets after the first letter dropped ('Acme (UK) Ltd');
a few abbreviations spelled out ('Intl', 'Bros', 'Mfg'); then trailing legal forms
(`LEGAL_FORMS`, with the 'and'/'de' of '& Co.' and 'de C.V.') and a leading 'The', but
never the last word ('Inc.' alone stays 'inc'). `Northwind Analytics, Inc.` →
`northwind analytics`. Applying it twice changes nothing.

'Group', 'Holding(s)', 'International', 'Global' and the like are kept: they are often
part of the name ('Boston Consulting Group', 'The Hut Group', 'Virgin Group' is not
'Virgin Atlantic'). Instead the matcher also compares names without one trailing 'Group' or
'Holding(s)' when at least four letters remain ('Rakuten Group, Inc.' ~ 'Rakuten', but 'Hut
Group' is not 'Hut'), one level below an exact match (score 95).

Matching an `Affiliation` (a contact's company text and work e-mail domains, worked out once
per contact) with employers, strongest evidence first:

1. exact (100): the same key, or the same letters once spaces go ('Mail Chimp' ~ 'Mailchimp');
2. alias (100): the same for one of the company's aliases ('NWA');
3. e-mail (95): a work address at one of the company's domains or a subdomain of one
   ('mail.northwind.example'); free-mail domains (`is_free_mail`) never count;
4. fuzzy (the `fuzz.ratio` of the keys, `FUZZY_THRESHOLD`..99): a close spelling, with the
   same number of words, each equal or within a typo: none in words under 5 letters
   ('Deutsche Bahn' is not 'Deutsche Bank'), none in a one-word name under 7 letters
   ('Revolt', 'Notion', 'Zillow' are not 'Revolut', 'Motion', 'Willow'), else one, two from
   12 letters ('ae', 'oe', 'ue' count as 'a', 'o', 'u': 'Zuerich' ~ 'Zurich').

`find_affiliated` answers "who do I know at X" over many contacts: dictionary look-ups per
contact, then one `process.extract` per name of X over the contacts' distinct keys (30,000
contacts: about 15 ms). `pick_employer` links one contact to one of many employers
(`index_employers`), and to none when two match equally well.

A name that merely starts with another is no evidence: 'Amazon Web Services' is part of
Amazon, but 'Apple Leisure Group', 'Delta Dental' and 'Ford Foundation' are not part of
Apple, Delta or Ford; a division is matched once the user adds it as an alias.

The threshold comes from tests/domain/employer_pairs.csv (bench/employers.py prints the
sweep): 89 and 90 both keep precision at 1.0 with the best recall; 90 rejects the near misses
('Instakart' ~ 'Instacart' 88.9, 'Equinox' ~ 'Equinor' 86) and keeps the typos ('Salesforse'
90, 'Deloite' 93, 'Nortwind Analytics' 97). The margin is thin by nature: one edit in a
9-letter word scores 88.9 whether it is a typo ('Microsfot') or another name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from afterview.domain.matching import _fold

FUZZY_THRESHOLD = 90  # fuzz.ratio of the keys; see the module's docstring
EXACT_SCORE = 100
CORE_SCORE = 95  # the same name once a trailing 'Group' or 'Holding(s)' is dropped
EMAIL_SCORE = 95
MIN_CORE = 4  # letters a name must keep when 'Group' is dropped ('Otto Group' ~ 'Otto')

_LEGAL_TEXT = """inc incorporated corp corporation co company llc ltd limited plc llp lp pllc
    gmbh mbh ggmbh ag kg kgaa ug ev sa sas sarl srl sl slu spa sab cv ltda bv nv
    ab as aps asa oy oyj se kk pty pte bhd sdn"""
LEGAL_FORMS = frozenset(_LEGAL_TEXT.split())
GROUP_WORDS = frozenset(("group", "holding", "holdings"))
_CONNECTORS = {"and": ("co", "company"), "de": ("cv",)}  # '& Co.', 'S.A. de C.V.'
_ABBREVIATIONS = {
    "intl": "international",
    "bros": "brothers",
    "mfg": "manufacturing",
    "natl": "national",
    "svcs": "services",
    "univ": "university",
}
# Providers whose addresses anyone can have: a gmail.com address says nothing about work.
_FREE_MAIL_TEXT = """gmail.com googlemail.com icloud.com me.com mac.com aol.com msn.com
    proton.me pm.me protonmail.com protonmail.ch tutanota.com tuta.io mail.com zoho.com
    fastmail.com hey.com web.de t-online.de orange.fr free.fr laposte.net btinternet.com
    comcast.net qq.com 163.com 126.com naver.com mail.ru ymail.com rocketmail.com"""
FREE_MAIL = frozenset(_FREE_MAIL_TEXT.split())
FREE_MAIL_BRANDS = frozenset(("yahoo", "hotmail", "outlook", "live", "gmx", "yandex"))

_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_SYMBOLS = str.maketrans({"™": " ", "℠": " ", "®": " ", "©": " "})
_LATIN_END = "\u0250"  # letters before this are Latin; their accents go
_PARENTHESES = re.compile(r"\([^()]*\)")
_WEB_ENDING = re.compile(r"(?<=[^\W_])\.(?:com|net|org|io|ai|co)(?![\w.])")
_DOTTED = re.compile(r"(?<![^\W_])(?:[^\W_]\.)+[^\W_](?![^\W_])\.?|\ba/s\b")
_NO_APOSTROPHES = str.maketrans("", "", "'`´ʼ")
_WORD_CHAR = re.compile(r"[^\W_]")
_ASCII_GAPS = re.compile(r"[\W_]+")
_DIGRAPHS = re.compile(r"(?<=[aou])e")


class MatchLevel(StrEnum):
    """How a contact was linked to an employer, strongest first."""

    EXACT = "exact"
    ALIAS = "alias"
    EMAIL = "email"
    FUZZY = "fuzzy"


_RANK = {level: rank for rank, level in enumerate(MatchLevel)}


class Employer(Protocol):
    """What the matcher reads of a company (`companies.Company` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def domains(self) -> tuple[str, ...]: ...


E = TypeVar("E", bound=Employer)


@dataclass(frozen=True, slots=True, kw_only=True)
class EmployerMatch:
    level: MatchLevel
    score: int  # 0-100; orders matches within a level
    reason: str  # in words: "same name once 'Inc.' is dropped", "alias 'NWA'"


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A contact's side, worked out once per contact (`read_affiliation`)."""

    company: str  # as given
    key: str  # normalise_company(company)
    compact: str  # the key without spaces
    core: str  # the key without a trailing 'Group' or 'Holding(s)'
    domains: tuple[str, ...]  # work e-mail domains, lower-case


@dataclass(frozen=True, slots=True)
class _Reading:
    key: str
    dropped: tuple[str, ...]  # words dropped: legal forms and a leading 'the', as normalised
    core: str


@dataclass(frozen=True, slots=True)
class _Name:
    employer: int  # index into EmployerIndex.employers
    text: str
    alias: bool
    reading: _Reading


@dataclass(frozen=True, slots=True)
class EmployerIndex(Generic[E]):
    """Employers with their names' keys, built once (`index_employers`) for many contacts."""

    employers: tuple[E, ...]
    by_key: dict[str, list[_Name]]  # each employer's own name before its aliases
    by_compact: dict[str, list[_Name]]  # the key without spaces
    by_core: dict[str, list[_Name]]
    by_domain: dict[str, list[int]]


def normalise_company(name: str) -> str:
    """The key two spellings of one employer share: 'Northwind Analytics, Inc.' →
    'northwind analytics'. See the module's docstring for the rules."""
    return _reading(name).key


@lru_cache(maxsize=1 << 16)
def _reading(name: str) -> _Reading:
    words = _words(_plain(name))
    dropped: list[str] = []
    while len(words) > 1 and (
        words[-1] in LEGAL_FORMS or (dropped and dropped[-1] in _CONNECTORS.get(words[-1], ()))
    ):
        dropped.append(words.pop())
    while len(words) > 1 and words[0] == "the":
        dropped.append(words.pop(0))
    key = " ".join(words)
    core = " ".join(words[:-1])
    has_core = (
        len(words) > 1 and words[-1] in GROUP_WORDS and len(core.replace(" ", "")) >= MIN_CORE
    )
    return _Reading(key=key, dropped=tuple(dropped), core=core if has_core else key)


def _plain(name: str) -> str:
    """Case-folded, without the accents of Latin letters, in NFC."""
    if name.isascii():
        return name.lower().translate(_NO_APOSTROPHES)
    text = unicodedata.normalize("NFKD", _fold(name.translate(_SYMBOLS))).casefold()
    kept: list[str] = []
    latin = False  # the last letter is Latin
    for char in text.translate(_NO_APOSTROPHES):
        if not unicodedata.combining(char):
            latin = char < _LATIN_END and char.isalpha()
        elif latin:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept).translate(_LETTERS))


def _words(text: str) -> list[str]:
    if "(" in text:  # brackets after the first letter: 'Acme (UK) Ltd', but '(ISC)²'
        first = _WORD_CHAR.search(text)
        start = first.end() if first else len(text)
        text = text[:start] + _PARENTHESES.sub(" ", text[start:])
    text = text.replace("&", " and ")
    if "." in text or "/" in text:  # what is cut out leaves a space: no accent joins a letter
        text = _WEB_ENDING.sub(" ", text)
        text = _DOTTED.sub(lambda found: found[0].replace(".", "").replace("/", "") + " ", text)
    if text.isascii():
        words = _ASCII_GAPS.sub(" ", text).split()
    else:
        words = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text).split()
    return [_ABBREVIATIONS.get(word, word) for word in words]


def is_free_mail(domain: str) -> bool:
    """A provider anyone can sign up with: gmail.com, outlook.com, yahoo.co.uk, gmx.de, ..."""
    labels = domain.casefold().strip(".").split(".")
    if ".".join(labels) in FREE_MAIL:
        return True
    rest = labels[1:]
    return labels[0] in FREE_MAIL_BRANDS and 0 < len(rest) <= 2 and max(map(len, rest)) <= 3


def work_domains(emails: Iterable[str]) -> tuple[str, ...]:
    """The domains of the addresses, lower-case, each once, free-mail left out."""
    found = (_clean_domain(email.rpartition("@")[2]) for email in emails if "@" in email)
    return tuple(dict.fromkeys(d for d in found if d and not is_free_mail(d)))


def _clean_domain(text: str) -> str:
    domain = text.strip().casefold().removeprefix("@").strip(".")
    domain = domain.split("://")[-1].split("/")[0]
    return domain.removeprefix("www.")


def read_affiliation(company: str, emails: Iterable[str] = ()) -> Affiliation:
    """A contact's company text and e-mail addresses, as the matcher reads them."""
    reading = _reading(company)
    return Affiliation(
        company=company,
        key=reading.key,
        compact=reading.key.replace(" ", ""),
        core=reading.core,
        domains=work_domains(emails),
    )


def index_employers(employers: Sequence[E]) -> EmployerIndex[E]:
    """The employers' names, aliases and domains, keyed for matching."""
    index: EmployerIndex[E] = EmployerIndex(tuple(employers), {}, {}, {}, {})
    for number, employer in enumerate(employers):
        texts = [(employer.name, False), *((alias, True) for alias in employer.aliases)]
        for text, alias in texts:
            name = _Name(number, text.strip(), alias, _reading(text))
            for table, key in (
                (index.by_key, name.reading.key),
                (index.by_compact, name.reading.key.replace(" ", "")),
                (index.by_core, name.reading.core),
            ):
                if key:
                    table.setdefault(key, []).append(name)
        for domain in map(_clean_domain, employer.domains):
            if domain and not is_free_mail(domain):
                index.by_domain.setdefault(domain, []).append(number)
    return index


def match_employer(
    affiliation: Affiliation, employer: Employer, *, threshold: float = FUZZY_THRESHOLD
) -> EmployerMatch | None:
    """Whether the contact works for `employer`, how sure and why; None when nothing says so."""
    found = _judge(affiliation, index_employers([employer]), threshold)
    return found[0][1] if found else None


def pick_employer(
    affiliation: Affiliation, index: EmployerIndex[E], *, threshold: float = FUZZY_THRESHOLD
) -> tuple[E, EmployerMatch] | None:
    """The employer the contact works for, among many (linking an imported contact).

    None when nothing matches, or when two employers match equally well (a shared alias or
    domain): guessing would link the contact to the wrong one.
    """
    found = _judge(affiliation, index, threshold)
    if not found:
        return None
    strength = [(_RANK[match.level], -match.score) for _, match in found]
    best = min(strength)
    if strength.count(best) > 1:
        return None
    number, match = found[strength.index(best)]
    return index.employers[number], match


def find_affiliated(
    employer: Employer, affiliations: Sequence[Affiliation], *, threshold: float = FUZZY_THRESHOLD
) -> list[tuple[int, EmployerMatch]]:
    """The contacts (indexes into `affiliations`) who work for `employer`, in order.

    Names and domains are looked up per contact; close spellings are found by one
    `process.extract` per name of the employer over the contacts' distinct keys.
    """
    index = index_employers([employer])
    compacts, cores = index.by_compact, index.by_core  # the same key has the same compact
    found = {
        number: _judge(affiliation, index, threshold)[0][1]
        for number, affiliation in enumerate(affiliations)
        if affiliation.compact in compacts
        or affiliation.core in cores
        or (affiliation.domains and _domain_hits(affiliation, index))
    }
    close = _close_keys(index, {a.key for a in affiliations}, threshold)
    for number, affiliation in enumerate(affiliations):
        if affiliation.key in close and number not in found:
            found[number] = _fuzzy_match(affiliation, *close[affiliation.key])
    return sorted(found.items())


def _close_keys(
    index: EmployerIndex[E], keys: Iterable[str], threshold: float
) -> dict[str, tuple[_Name, float]]:
    """Those of `keys` close to a name of the employers, with the name and the ratio."""
    choices = [key for key in keys if key]
    close: dict[str, tuple[_Name, float]] = {}
    for key, names in index.by_key.items():
        hits = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        for choice, score, _ in hits:
            if _close_words(choice, key) and score > close.get(choice, (names[0], 0.0))[1]:
                close[choice] = (names[0], score)
    return close


def _judge(
    affiliation: Affiliation, index: EmployerIndex[E], threshold: float
) -> list[tuple[int, EmployerMatch]]:
    """Each employer's best match at the strongest level any employer reaches."""
    return (
        _name_hits(affiliation, index)
        or _domain_hits(affiliation, index)
        or _fuzzy_hits(affiliation, index, threshold)
    )


def _name_hits(
    affiliation: Affiliation, index: EmployerIndex[E]
) -> list[tuple[int, EmployerMatch]]:
    lookups = (
        (index.by_compact, affiliation.compact, EXACT_SCORE),
        (index.by_core, affiliation.core, CORE_SCORE),
    )
    for table, key, score in lookups:
        names = table.get(key) if key else None
        if names:
            best: dict[int, _Name] = {}
            for name in names:  # an employer's own name before its aliases
                if name.employer not in best or best[name.employer].alias > name.alias:
                    best[name.employer] = name
            return [(n, _named_match(affiliation, name, score)) for n, name in best.items()]
    return []


def _named_match(affiliation: Affiliation, name: _Name, score: int) -> EmployerMatch:
    if name.alias:
        return EmployerMatch(level=MatchLevel.ALIAS, score=score, reason=f"alias '{name.text}'")
    reason = _same_name(affiliation.company, name.text, cores=score == CORE_SCORE)
    return EmployerMatch(level=MatchLevel.EXACT, score=score, reason=reason)


def _domain_hits(
    affiliation: Affiliation, index: EmployerIndex[E]
) -> list[tuple[int, EmployerMatch]]:
    found: dict[int, EmployerMatch] = {}
    for domain in affiliation.domains:
        labels = domain.split(".")
        for start in range(len(labels) - 1):  # mail.northwind.example, northwind.example
            for number in index.by_domain.get(".".join(labels[start:]), ()):
                reason = f"e-mail at {domain}"
                found.setdefault(
                    number, EmployerMatch(level=MatchLevel.EMAIL, score=EMAIL_SCORE, reason=reason)
                )
    return list(found.items())


def _fuzzy_hits(
    affiliation: Affiliation, index: EmployerIndex[E], threshold: float
) -> list[tuple[int, EmployerMatch]]:
    if not affiliation.key:
        return []
    hits = process.extract(
        affiliation.key, index.by_key.keys(), scorer=fuzz.ratio, score_cutoff=threshold, limit=None
    )
    found: dict[int, EmployerMatch] = {}
    for key, score, _ in hits:  # best first
        if _close_words(affiliation.key, key):
            for name in index.by_key[key]:
                found.setdefault(name.employer, _fuzzy_match(affiliation, name, score))
    return list(found.items())


def _fuzzy_match(affiliation: Affiliation, name: _Name, score: float) -> EmployerMatch:
    whose = " of an alias" if name.alias else ""
    rounded = min(99, round(score))  # 100 is for equal keys
    spelled = f"'{affiliation.company.strip()}' ~ '{name.text}' ({rounded})"
    return EmployerMatch(
        level=MatchLevel.FUZZY, score=rounded, reason=f"close spelling{whose}: {spelled}"
    )


def _close_words(key: str, other: str) -> bool:
    """Same number of words, each equal or within a typo (see the module's docstring)."""
    words, others = key.split(), other.split()
    if len(words) != len(others):
        return False
    return all(
        _close_word(a, b, single=len(words) == 1) for a, b in zip(words, others, strict=True)
    )


def _close_word(word: str, other: str, *, single: bool) -> bool:
    if word == other:
        return True
    word, other = _DIGRAPHS.sub("", word), _DIGRAPHS.sub("", other)
    shortest = min(len(word), len(other))
    allowed = 0 if shortest < 5 or (single and shortest < 7) else 1 if shortest < 12 else 2
    return OSA.distance(word, other, score_cutoff=allowed) <= allowed


@lru_cache(maxsize=1 << 12)
def _same_name(text: str, other: str, *, cores: bool = False) -> str:
    """Why two spellings are one name: "same name once 'Inc.' is dropped"."""
    first, second = text.strip(), other.strip()
    if first == second:
        return "same name"
    a, b = _reading(first), _reading(second)
    dropped = [
        *_spellings(first, Counter(a.dropped) - Counter(b.dropped)),
        *_spellings(second, Counter(b.dropped) - Counter(a.dropped)),
    ]
    if cores:
        dropped += [
            _spelling(t, r.key.split()[-1]) for t, r in ((first, a), (second, b)) if r.core != r.key
        ]
    notes = []
    if dropped:
        quoted = " and ".join(f"'{word}'" for word in dropped)
        notes.append(f" once {quoted} {'is' if len(dropped) == 1 else 'are'} dropped")
    if _has_accents(first) != _has_accents(second):
        notes.append(", ignoring accents")
    if ("&" in first) != ("&" in second):
        notes.append(", reading '&' as 'and'")
    if a.key != b.key and a.key.replace(" ", "") == b.key.replace(" ", ""):
        notes.append(", ignoring spaces")
    if notes:
        return "same name" + "".join(notes)
    if first.casefold() == second.casefold():
        return "same name apart from case"
    return "same name, ignoring case and punctuation"


def _spellings(text: str, words: Counter[str]) -> list[str]:
    return [_spelling(text, word) for word in words.elements() if word not in _CONNECTORS]


def _spelling(text: str, word: str) -> str:
    """How `text` spells the dropped `word`: 'inc' → 'Inc.', 'sa' → 'S.A.'."""
    pattern = r"[.\s/]?".join(map(re.escape, word))
    found = list(re.finditer(rf"(?<![^\W_])(?:{pattern})\.?(?![^\W_])", text, re.IGNORECASE))
    return found[-1][0] if found else word


def _has_accents(text: str) -> bool:
    if text.isascii():
        return False
    folded = text.casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    return folded.translate(_LETTERS) != folded or any(map(unicodedata.combining, decomposed))
