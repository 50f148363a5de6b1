"""Ranking rivals' open roles for you (practice 4). Pure: postings and what you look for in,
each posting's score out, with the reasons behind it.

A posting scores from 0 to 100, the weighted sum of three parts (each 0 to 100):
- **title** (50 %): how close its title is to the nearest of your target roles: rapidfuzz's
  `token_set_ratio` of the two, case and punctuation aside, so "Senior Data Engineer,
  Platform" is close to "Data Engineer"; a title sharing no word with any target role
  scores 0;
- **skills** (30 %): the share of your skills its title and description mention, as whole
  words ("SQL" is not found in "NoSQL");
- **place** (20 %): 100 for a remote role when you take remote work or one in a place you
  named; 60 for a hybrid role there; 50 when the posting does not say where; else 0.
With no target roles (or no skills, or no places) that part is left out and the others
share its weight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from afterview.domain.boards import Posting
from afterview.domain.values import Remote

WEIGHTS = {"title": 0.5, "skills": 0.3, "place": 0.2}
UNKNOWN_PLACE = 50.0
HYBRID_THERE = 60.0
# A word, with what makes "C++", "C#" and "node.js" one word (a full stop ending it does not).
_WORD = re.compile(r"[^\W_]+(?:[+#]+|\.[^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Targets:
    """What you look for: your profile's target roles and skills, and places."""

    roles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    remote: bool = True  # remote work suits you


@dataclass(frozen=True, slots=True)
class Ranked:
    posting: Posting
    score: float  # 0..100
    parts: dict[str, float]  # title, skills, place: each 0..100 (the parts that count)
    reasons: tuple[str, ...]  # why, in words, strongest part first


def rank_postings(postings: Sequence[Posting], targets: Targets) -> list[Ranked]:
    """The postings best first (ties by title, then board and id: a stable order)."""
    ranked = [score_posting(p, targets) for p in postings]
    return sorted(ranked, key=lambda r: (-round(r.score, 6), r.posting.title, r.posting.key))


def score_posting(posting: Posting, targets: Targets) -> Ranked:
    parts: dict[str, float] = {}
    reasons: dict[str, str] = {}
    if targets.roles:
        role, closeness = _nearest_role(posting.title, targets.roles)
        parts["title"] = closeness
        reasons["title"] = (
            f"title close to “{role}” ({closeness:.0f})"
            if closeness
            else "title unlike your target roles"
        )
    if targets.skills:
        found = _mentioned(posting, targets.skills)
        parts["skills"] = 100 * len(found) / len(targets.skills)
        reasons["skills"] = (
            f"mentions {', '.join(found)} ({len(found)} of {len(targets.skills)} skills)"
            if found
            else "mentions none of your skills"
        )
    if targets.places or targets.remote:
        parts["place"], reasons["place"] = _place(posting, targets)
    total = sum(WEIGHTS[name] for name in parts)
    score = sum(WEIGHTS[name] * value for name, value in parts.items()) / total if total else 0
    order = sorted(parts, key=lambda name: -WEIGHTS[name] * parts[name])
    return Ranked(posting, score, parts, tuple(reasons[name] for name in order))


def _nearest_role(title: str, roles: Sequence[str]) -> tuple[str, float]:
    mine = _plain(title)
    best = max(roles, key=lambda role: (_closeness(mine, _plain(role)), -len(role)))
    return best, _closeness(mine, _plain(best))


def role_closeness(one: str, other: str) -> float:
    """How close two job titles are (0..100), case and punctuation aside; 0 when they share
    no word."""
    return _closeness(_plain(one), _plain(other))


def _closeness(title: str, role: str) -> float:
    if not set(title.split()) & set(role.split()):
        return 0.0
    return float(fuzz.token_set_ratio(title, role))


def _mentioned(posting: Posting, skills: Sequence[str]) -> list[str]:
    words = _words(f"{posting.title} {posting.text}")
    present = frozenset(words)
    found = []
    for skill in skills:
        phrase = _phrase(skill)
        if not phrase or not present.issuperset(phrase):
            continue  # a word of it is missing: no need to look for the phrase
        if len(phrase) == 1 or _has(words, phrase):
            found.append(skill)
    return found


def _has(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _place(posting: Posting, targets: Targets) -> tuple[float, str]:
    where = posting.location.casefold()
    named = next((p for p in targets.places if p.strip() and p.casefold() in where), None)
    if posting.remote == Remote.REMOTE and targets.remote:
        return 100.0, "remote"
    if named is not None:
        if posting.remote == Remote.HYBRID:
            return HYBRID_THERE, f"hybrid, in {named}"
        return 100.0, f"in {named}"
    if not where and posting.remote is None:
        return UNKNOWN_PLACE, "the posting does not say where"
    return 0.0, f"in {posting.location}" if posting.location else "not remote"


def _plain(text: str) -> str:
    return " ".join(_words(text))


@cache
def _phrase(skill: str) -> tuple[str, ...]:
    return _words(skill)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))
