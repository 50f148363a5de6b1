"""Matching a job posting: its key requirements, and the accomplishments that answer them.

`posting_requirements` reads a posting's plain text, `match_posting` picks the accomplishments
a cover letter should tell. Both are pure and deterministic: ties go to the earlier item.

Scoring an (accomplishment, requirement) pair: the requirement's keywords are its words minus
English stop words and generic job words ('experience', 'strong', 'team', ...), stemmed
lightly ('mentoring' → 'mentor', 'queries' → 'query'). A keyword is covered when the
accomplishment has the same word, or a near one: `fuzz.ratio` ≥ 85 between stems of 5+
letters that start with the same two ('Kubernetes'/'kubernetes', 'microservices'/
'microservice', 'optimise'/'optimize' at 87.5). Not 'Java'/'JavaScript' (57), 'Go'/'Google'
or 'Scala'/'scaling' (shorter stems must be equal), nor 'rust'/'trust' (another start). The
score is 0.7 x the share of keywords covered + 0.3 x `fuzz.token_set_ratio` of the two
keyword lists: coverage decides, the set ratio orders close calls. A pair sharing no keyword
scores 0, and one answers the requirement from 0.34: one keyword of three with a middling
set ratio, or two of three.

Keywords are memoised (a profile's accomplishments meet posting after posting), so matching
5,000 postings of 10 requirements against 10 accomplishments takes about a second.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz

from afterview.domain.drafts import Match

COVERAGE_WEIGHT = 0.7  # share of the requirement's keywords the accomplishment covers
SET_RATIO_WEIGHT = 0.3  # token_set_ratio / 100 of the two keyword lists
THRESHOLD = 0.34  # a pair scoring this much answers the requirement
NEAR_RATIO = 85.0  # fuzz.ratio for two words to count as one ('optimise'/'optimize': 87.5)
NEAR_LENGTH = 5  # shorter stems must be equal ('go', 'sql', 'java', 'scal' from 'scaling')
STEM_LENGTH = 4  # 'tested' → 'test', but 'need' stays 'need'
MAX_REQUIREMENTS = 12
MIN_WORDS = 3  # shorter lines are noise ('Apply now', 'Berlin') ...
MIN_WORDS_UNDER_HEADING = 1  # ... except bullets under a requirements heading ('- Python')
MAX_WORDS = 40  # longer requirements are cut to their first 40 words

_STOP_TEXT = """a about above after again all also am an and any are as at be been being both but by
    can could d did do does doing don during each either etc few for from further had has have
    having he her here hers him his how i if in into is it its itself just least ll m may me
    more most much must my no nor not of off on once only or other our ours out over own per
    re s same she should so some such t than that the their them then there these they this
    those through to too under until up ve very via was we were what when where which while
    who whom why will with within would you your yours e.g i.e eg ie"""
_JOB_TEXT = """ability able abilities across advantage background based best bonus build building
    built candidate candidates deliver delivered demonstrated desirable desired end
    environment equivalent excellent experience experienced expertise familiar familiarity get
    good great hands high highly ideal ideally including knowledge level like made make
    minimum new nice one plus preferred preferably proficiency proficient proven related
    relevant required requirement requirements role several ship shipped shipping similar
    skill skills solid strong team teams three two understanding use used using various well
    work worked working year years yrs"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_JOB_WORDS = frozenset(_JOB_TEXT.split())
_SUFFIXES = (  # longest first; the first that leaves a stem of four letters wins
    ("isations", "is"),
    ("izations", "iz"),
    ("isation", "is"),
    ("ization", "iz"),
    ("ations", "at"),
    ("ation", "at"),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
    ("e", ""),
)
_TOKEN = re.compile(r"(?:(?<![\w.])\.)?\w+(?:[./]\w+)*[+#]*")
_BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[-*+–—]\s+|\(?\d{1,2}[.)]\s+|[•·▪●◦‣∙○■□➢➤►✓✔]\s*)(?P<text>\S.*)$"
)
_REQUIREMENT_HEADING = re.compile(
    r"\b(?:requir\w*|qualifications?|must[- ]?haves?|nice[- ]to[- ]haves?|about you|who you are"
    r"|(?:you|you'll|you will|you should|what you) (?:have|bring|need|offer)"
    r"|what you(?:'ll| will)? bring|(?:what )?(?:we're|we are) looking for|looking for"
    r"|(?:your|candidate) profile|skills|experience|expertise|ideal candidate|bonus points"
    r"|preferred|desired|desirable|essential)\b"
)
_OBJECT = re.compile(r"\b(?:with|of|in|on)\b")  # 'Experience with Go' is no heading
_MARKUP = "#*_=>|[]` \t"
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)\s+")
_CUE = re.compile(
    r"\b(?:experience|you have|you've|you are|you're|you know|you can|knowledge of|familiar"
    r"|proficien|years|degree|skills|ability to|able to|understanding of|background in|expertise"
    r"|fluent|fluency|track record|comfortable with|required|must have|should have)"
)
_TRAILING = ".,;:!?…"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostingMatch:
    """The accomplishments picked, best first, and how the requirements fared."""

    matches: tuple[Match, ...]
    matched: tuple[str, ...]  # answered by a pick or by a skill, in posting order
    unmatched: tuple[str, ...]  # the rest, in posting order
    skills: tuple[str, ...]  # your skills the requirements mention, in your order


@dataclass(frozen=True, slots=True, kw_only=True)
class _Line:
    text: str
    bullet: bool
    wanted: bool  # under a requirements heading
    indent: int


def posting_requirements(text: str) -> tuple[str, ...]:
    """The posting's key requirements, at most 12, in posting order.

    The first of these that yields anything: bullets under a requirements heading; lines and
    requirement-like sentences under such a heading (bullets lost in copying); all bullets;
    all requirement-like sentences.
    """
    lines = _posting_lines(text)
    under_heading = [line.text for line in lines if line.wanted and not line.bullet]
    tiers = (
        ([line.text for line in lines if line.bullet and line.wanted], MIN_WORDS_UNDER_HEADING),
        (_section_items(under_heading), MIN_WORDS_UNDER_HEADING),
        ([line.text for line in lines if line.bullet], MIN_WORDS),
        (_cue_sentences(line.text for line in lines if not line.bullet), MIN_WORDS),
    )
    for candidates, min_words in tiers:
        found = _clean_requirements(candidates, min_words)
        if found:
            return found
    return ()


def _posting_lines(text: str) -> list[_Line]:
    """Bullets and prose lines, each marked with whether a requirements heading rules it."""
    lines: list[_Line] = []
    wanted = False
    before: _Line | None = None  # the line before, if a bullet or prose
    after_short = False  # the line before was a heading or a short line: not a sentence
    for raw in text.expandtabs(4).splitlines():
        indent = len(raw) - len(raw.lstrip())
        bullet = _BULLET.match(raw)
        if not raw.strip():
            before, after_short = None, False
            continue
        if bullet:
            lines.append(_Line(text=bullet["text"], bullet=True, wanted=wanted, indent=indent))
        elif before and before.bullet and indent > before.indent:
            lines[-1] = replace(before, text=f"{before.text} {raw}")  # a wrapped bullet
        elif _is_heading(raw, after_short=after_short):
            wanted = _is_requirement_heading(raw)
            before, after_short = None, True
            continue
        else:
            lines.append(_Line(text=raw, bullet=False, wanted=wanted, indent=indent))
        before = lines[-1]
        after_short = not bullet and raw.rstrip()[-1] not in ".!?;"
    return lines


def _is_heading(line: str, *, after_short: bool) -> bool:
    """A short line that is not a sentence: 'Requirements:', '## About us', 'Why join us?'.

    After a heading or another short line, only a line ending in ':' or naming requirements
    ('About you') is one: a short line there is a bullet lost in copying ('Python').
    """
    stripped = line.strip().strip(_MARKUP)
    words = stripped.rstrip(":").split()
    if not 0 < len(words) <= 8 or stripped[-1] in ".!;,":
        return False
    folded = _fold(stripped)
    names_requirements = (
        len(words) <= 4 and _REQUIREMENT_HEADING.match(folded) and not _OBJECT.search(folded)
    )
    return stripped.endswith(":") or not after_short or bool(names_requirements)


def _is_requirement_heading(line: str) -> bool:
    return _REQUIREMENT_HEADING.search(_fold(line)) is not None


def _fold(text: str) -> str:
    return text.casefold().replace("’", "'").replace("‘", "'")


def _section_items(lines: Iterable[str]) -> list[str]:
    """Short lines as they are; sentences that read like requirements from paragraphs."""
    found: list[str] = []
    for line in lines:
        if line.rstrip()[-1] in ".!?;" or len(line.split()) > MAX_WORDS:
            found.extend(_cue_sentences([line]))
        else:
            found.append(line)
    return found


def _cue_sentences(lines: Iterable[str]) -> list[str]:
    sentences = (part for line in lines for part in _SENTENCE_END.split(line))
    return [sentence for sentence in sentences if _CUE.search(sentence.casefold())]


def _clean_requirements(candidates: Iterable[str], min_words: int) -> tuple[str, ...]:
    """Without bullets, markup or trailing punctuation; unique (ignoring case); 12 at most."""
    found: list[str] = []
    seen: set[str] = set()
    for candidate in candidates:
        words = candidate.split()[:MAX_WORDS]
        text = " ".join(words).strip(_MARKUP).rstrip(_TRAILING + _MARKUP).strip(_MARKUP)
        key = text.casefold()
        if len(text.split()) >= min_words and key not in seen:
            seen.add(key)
            found.append(text)
    return tuple(found[:MAX_REQUIREMENTS])


@lru_cache(maxsize=1 << 12)
def extract_keywords(text: str) -> tuple[str, ...]:
    """The words that carry meaning, case-folded and lightly stemmed, each once, in order.

    'c++', 'c#', '.net', 'node.js' and 'ci/cd' stay whole; 'python/django' is two words.
    """
    tokens = _TOKEN.findall(text.casefold())
    return tuple(dict.fromkeys(chain.from_iterable(map(_token_keywords, tokens))))


@lru_cache(maxsize=1 << 16)
def _token_keywords(token: str) -> tuple[str, ...]:
    """A token's keywords: none for filler and numbers, two for 'python/django'."""
    parts = token.split("/") if max(map(len, token.split("/"))) > 3 else [token]
    return tuple(
        _stem(part)
        for part in parts
        if any(char.isalpha() for char in part)
        and part not in _STOP_WORDS
        and part not in _JOB_WORDS
    )


def _stem(word: str) -> str:
    """A crude stem that both spellings of a word share, or come near: 'mentoring' and
    'mentored' → 'mentor', 'queries' → 'query', 'optimisation' → 'optimis' (≈ 'optimiz')."""
    if word.endswith("ss") or not word.isalpha():  # 'process' is no plural, 'node.js' no word
        return word
    for suffix, replacement in _SUFFIXES:
        stem = word[: -len(suffix)] + replacement
        if word.endswith(suffix) and len(stem) >= STEM_LENGTH:
            doubled = stem[-1] == stem[-2] and stem[-1] not in "aeiouylsz"
            return stem[:-1] if doubled and suffix in ("ing", "ed") else stem  # 'running'
    return word


def match_posting(
    requirements: Sequence[str],
    accomplishments: Sequence[str],
    skills: Sequence[str],
    *,
    limit: int = 3,
) -> PostingMatch:
    """Up to `limit` accomplishments that together answer the most requirements.

    Each next pick adds the most score on requirements no pick answers yet, so the letter
    covers different requirements; picking stops early when none answers anything new.
    """
    wanted = list(dict.fromkeys(requirements))
    required = [extract_keywords(r) for r in wanted]
    answers = _answers(required, [extract_keywords(a) for a in accomplishments])
    picks = _greedy_picks(answers, limit)
    by_skill, mentioned = _skill_hits(required, skills)
    answered = by_skill.union(*(answers[a] for a in picks))
    return PostingMatch(
        matches=tuple(_match(accomplishments[a], wanted, answers[a]) for a in picks),
        matched=tuple(r for i, r in enumerate(wanted) if i in answered),
        unmatched=tuple(r for i, r in enumerate(wanted) if i not in answered),
        skills=mentioned,
    )


def _reach(words: Iterable[str], texts: Sequence[tuple[str, ...]]) -> dict[str, set[int]]:
    """For each word, the indexes of the texts (keyword lists) holding it or a word near it."""
    holders: dict[str, set[int]] = {}
    for index, keys in enumerate(texts):
        for key in keys:
            holders.setdefault(key, set()).add(index)
    by_start: dict[str, list[str]] = {}
    for other in holders:
        if len(other) >= NEAR_LENGTH:
            by_start.setdefault(other[:2], []).append(other)
    reach: dict[str, set[int]] = {}
    for word in words:
        found = set(holders.get(word, ()))
        if len(word) >= NEAR_LENGTH:
            for other in by_start.get(word[:2], ()):
                if other != word and fuzz.ratio(word, other, score_cutoff=NEAR_RATIO):
                    found |= holders[other]
        reach[word] = found
    return reach


def _answers(
    requirements: Sequence[tuple[str, ...]], accomplishments: Sequence[tuple[str, ...]]
) -> list[dict[int, float]]:
    """For each accomplishment, the requirements it answers (index → score)."""
    reach = _reach({w for words in requirements for w in words}, accomplishments)
    answers: list[dict[int, float]] = [{} for _ in accomplishments]
    joined = [" ".join(words) for words in accomplishments]
    for r, words in enumerate(requirements):
        covered = Counter(chain.from_iterable(reach[word] for word in words))
        text = " ".join(words)
        for a, count in covered.items():
            ratio = fuzz.token_set_ratio(text, joined[a]) / 100
            score = COVERAGE_WEIGHT * count / len(words) + SET_RATIO_WEIGHT * ratio
            if score >= THRESHOLD:
                answers[a][r] = score
    return answers


def _greedy_picks(answers: Sequence[dict[int, float]], limit: int) -> list[int]:
    """Indexes of the accomplishments picked, in the order picked."""
    picks: list[int] = []
    answered: set[int] = set()
    while len(picks) < limit:
        best, best_gain = -1, 0.0
        for a, scores in enumerate(answers):  # picks gain nothing: theirs are all answered
            gain = sum(score for r, score in scores.items() if r not in answered)
            if gain > best_gain:
                best, best_gain = a, gain
        if best < 0:
            break
        picks.append(best)
        answered.update(answers[best])
    return picks


def _match(accomplishment: str, requirements: Sequence[str], scores: dict[int, float]) -> Match:
    best_first = sorted(scores, key=lambda r: (-scores[r], r))
    return Match(
        accomplishment=accomplishment,
        requirements=tuple(requirements[r] for r in best_first),
        score=round(min(1.0, scores[best_first[0]]), 2),
    )


def _skill_hits(
    requirements: Sequence[tuple[str, ...]], skills: Sequence[str]
) -> tuple[set[int], tuple[str, ...]]:
    """The requirements (indexes) some skill answers, and those skills, in your order.

    A skill answers a requirement when each of its keywords is in it, or near one that is.
    """
    skill_words = {skill: extract_keywords(skill) for skill in dict.fromkeys(skills)}
    reach = _reach({w for words in skill_words.values() for w in words}, requirements)
    answered: set[int] = set()
    mentioned: list[str] = []
    for skill, words in skill_words.items():
        hits = set.intersection(*(reach[w] for w in words)) if words else set()
        answered |= hits
        if hits:
            mentioned.append(skill)
    return answered, tuple(mentioned)
