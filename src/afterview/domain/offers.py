"""Offers and the decision worksheet (practice 7). Pure: the arithmetic, the checks, the
weighted scores, the ranking and the sensitivity check; the store and the faces call these.

Money is in whole units of the offer's currency (an ISO 4217 code). An offer's *yearly value*
is what it pays every year: base + bonus + equity per year + benefits; its *first year* adds
the sign-on bonus. Each criterion is scored from 1 (poor) to 5 (excellent); pay is scored from
the yearly value when the user has not scored it (the best offer 5, the others in proportion,
never below 1), which needs one currency across the offers compared. A criterion left
unscored counts as 3 (no view either way) and is listed as such. The weights are normalised
(each divided by their sum), so only their proportions matter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from afterview.domain.errors import InvalidInput
from afterview.domain.values import Remote, limit_text

# The default criteria and weights (percent): pay first, then growth, then the rest alike.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "pay": 25,
    "growth": 15,
    "manager": 10,
    "team": 10,
    "mission": 10,
    "stability": 10,
    "commute": 10,
    "balance": 10,
}
LABELS: Mapping[str, str] = {
    "pay": "Pay",
    "growth": "Growth",
    "manager": "Manager",
    "team": "Team",
    "mission": "Mission",
    "stability": "Stability",
    "commute": "Commute / remote",
    "balance": "Work-life balance",
}
LOWEST, HIGHEST, NEUTRAL = 1, 5, 3
SWING = 0.2  # the sensitivity check moves each weight by this much, up and down
MONEY_LIMIT = 10**12  # more than any pay; keeps a typo from overflowing a column
CRITERION_LENGTH = 40
# Scores equal to this many places are a tie (the sums are floats).
PLACES = 9


PAY_FIELDS = ("base", "bonus", "equity", "sign_on", "benefits")


@dataclass(frozen=True, slots=True, kw_only=True)
class Offer:
    """An offer for an application, or the current job (application_id None) as a baseline."""

    id: int
    uid: UUID
    application_id: int | None
    label: str  # "Acme — Data Engineer", or "Current job: Initech"
    currency: str
    base: int
    bonus: int = 0
    equity: int = 0  # per year
    sign_on: int = 0
    benefits: int = 0  # the yearly value of benefits
    start_on: date | None = None
    deadline: date | None = None
    location: str = ""
    remote: Remote | None = None
    notes: str = ""
    scores: Mapping[str, int] = field(default_factory=dict)  # criterion → 1..5
    created_at: datetime
    updated_at: datetime

    @property
    def is_current(self) -> bool:
        return self.application_id is None

    @property
    def yearly(self) -> int:
        return self.base + self.bonus + self.equity + self.benefits

    @property
    def first_year(self) -> int:
        return self.yearly + self.sign_on

    def arithmetic(self) -> str:
        """The yearly value with its sum written out: 'base 95,000 + bonus 10,000 + equity
        5,000 + benefits 4,000 = 114,000 EUR a year (first year 124,000 with the sign-on
        bonus of 10,000)'."""
        parts = [("base", self.base), ("bonus", self.bonus), ("equity", self.equity)]
        parts.append(("benefits", self.benefits))
        terms = " + ".join(
            f"{name} {money(value)}" for name, value in parts if value or name == "base"
        )
        text = f"{terms} = {money(self.yearly)} {self.currency} a year"
        if self.sign_on:
            text += (
                f" (first year {money(self.first_year)} with the sign-on bonus of "
                f"{money(self.sign_on)})"
            )
        return text


def money(amount: int | float) -> str:
    return f"{amount:,.0f}"


def check_amount(value: int, field: str) -> int:
    if value < 0:
        raise InvalidInput(
            f"The {field.replace('_', '-')} cannot be negative ({value}).", field=field
        )
    if value >= MONEY_LIMIT:
        raise InvalidInput(f"The {field.replace('_', '-')} is too large ({value}).", field=field)
    return value


def check_currency(code: str, known: frozenset[str], field: str = "currency") -> str:
    """An ISO 4217 code among `known` (upper case); an unknown one is refused by name."""
    text = code.strip().upper()
    if text not in known:
        raise InvalidInput(
            f"Unknown currency {code!r}: give its ISO 4217 code, like EUR, USD or GBP.",
            field=field,
        )
    return text


def check_deadline(deadline: date | None, today: date) -> date | None:
    if deadline is not None and deadline < today:
        raise InvalidInput(
            f"The deadline {deadline.isoformat()} has passed (today is {today.isoformat()}).",
            field="deadline",
        )
    return deadline


def criterion_key(name: str) -> str:
    """A criterion's key: lower case, words joined by hyphens ('Work life' → 'work-life')."""
    key = "-".join(limit_text(name, "criterion", CRITERION_LENGTH).casefold().split())
    if not key:
        raise InvalidInput("A criterion needs a name.", field="criterion")
    return key


def criterion_label(key: str) -> str:
    return LABELS.get(key, key.replace("-", " ").capitalize())


def check_score(criterion: str, value: int) -> int:
    if not LOWEST <= value <= HIGHEST:
        raise InvalidInput(
            f"Score {criterion} from {LOWEST} to {HIGHEST}, not {value}.", field="scores"
        )
    return value


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights by criterion: none negative, and at least one above zero."""
    checked: dict[str, float] = {}
    for name, weight in weights.items():
        key = criterion_key(name)
        if not math.isfinite(weight):
            raise InvalidInput(f"The weight of {key} must be a number.", field="weights")
        if weight < 0:
            raise InvalidInput(
                f"The weight of {key} cannot be negative ({weight:g}).", field="weights"
            )
        checked[key] = float(weight)
    if not checked or sum(checked.values()) <= 0:
        raise InvalidInput(
            "The weights add up to zero: give at least one criterion a weight above 0.",
            field="weights",
        )
    return checked


@dataclass(frozen=True, slots=True)
class Row:
    """One offer on the worksheet."""

    offer: Offer
    scores: Mapping[str, float]  # every criterion, as counted
    pay_worked_out: bool  # the pay score comes from the yearly value
    unscored: tuple[str, ...]  # criteria counted as NEUTRAL
    score: float  # weighted, 1..5
    rank: int  # 1 is best; equal scores share a rank


@dataclass(frozen=True, slots=True)
class Shift:
    """One weight moved: what happens to the leader's margin, and who leads then."""

    criterion: str
    factor: float  # 0.8 or 1.2
    margin: float  # the leader's score minus the runner-up's, after the move
    leaders: tuple[int, ...]  # offer ids with the top score after the move


@dataclass(frozen=True, slots=True)
class Sensitivity:
    leaders: tuple[int, ...]  # offer ids with the top score
    margin: float  # over the runner-up
    shifts: tuple[Shift, ...]
    flips: tuple[Shift, ...]  # the moves after which someone else leads
    most_sensitive: str | None  # the criterion whose move cuts the margin most

    @property
    def holds(self) -> bool:
        return not self.flips


@dataclass(frozen=True, slots=True)
class Worksheet:
    weights: Mapping[str, float]  # as given, in their order
    normalised: Mapping[str, float]  # each weight over their sum
    rows: tuple[Row, ...]  # best first
    sensitivity: Sensitivity | None  # None with fewer than two offers
    currency: str | None  # the one currency of all the offers, if they share one


def worksheet(offers: Sequence[Offer], weights: Mapping[str, float]) -> Worksheet:
    """Score, rank and test the ranking of `offers` (the current job among them, if any)."""
    checked = check_weights(weights)
    total = sum(checked.values())
    normalised = {key: value / total for key, value in checked.items()}
    currencies = {o.currency for o in offers}
    currency = next(iter(currencies)) if len(currencies) == 1 else None
    best_pay = max((o.yearly for o in offers), default=0)
    tables: list[tuple[Offer, dict[str, float], bool, tuple[str, ...]]] = []
    for offer in offers:
        scores: dict[str, float] = {}
        unscored: list[str] = []
        worked_out = False
        for key in checked:
            if key in offer.scores:
                scores[key] = float(offer.scores[key])
            elif key == "pay" and currency is not None and best_pay > 0:
                scores[key] = max(LOWEST, HIGHEST * offer.yearly / best_pay)
                worked_out = True
            elif key == "pay" and currency is None:
                raise InvalidInput(
                    f"The offers are in {', '.join(sorted(currencies))}: their pay cannot be "
                    f"compared as sums. Score pay by hand for {offer.label} (1 to 5).",
                    field="scores",
                )
            else:
                scores[key] = NEUTRAL
                unscored.append(key)
        tables.append((offer, scores, worked_out, tuple(unscored)))
    totals = [_weighted(scores, normalised) for _, scores, _, _ in tables]
    order = sorted(
        range(len(tables)), key=lambda i: (-round(totals[i], PLACES), tables[i][0].label)
    )
    rows = []
    for i in order:
        rank = 1 + sum(1 for t in totals if round(t, PLACES) > round(totals[i], PLACES))
        rows.append(Row(*tables[i], totals[i], rank))
    sensitivity = _sensitivity(rows, checked) if len(rows) > 1 else None
    return Worksheet(checked, normalised, tuple(rows), sensitivity, currency)


def _weighted(scores: Mapping[str, float], normalised: Mapping[str, float]) -> float:
    return sum(normalised[key] * scores[key] for key in normalised)


def _standing(rows: Sequence[Row], weights: Mapping[str, float]) -> tuple[tuple[int, ...], float]:
    """The leaders (offer ids with the top score) and their margin over the next score."""
    total = sum(weights.values())
    if total <= 0:  # every weight but one at zero, and that one moved down to zero: impossible
        return (), 0.0
    normalised = {key: value / total for key, value in weights.items()}
    scores = [(round(_weighted(r.scores, normalised), PLACES), r.offer.id) for r in rows]
    top = max(s for s, _ in scores)
    leaders = tuple(sorted(i for s, i in scores if s == top))
    others = [s for s, _ in scores if s < top]
    return leaders, (top - max(others)) if others else 0.0


def _sensitivity(rows: Sequence[Row], weights: Mapping[str, float]) -> Sensitivity:
    leaders, margin = _standing(rows, weights)
    shifts: list[Shift] = []
    for key, weight in weights.items():
        if weight == 0:
            continue
        for factor in (1 - SWING, 1 + SWING):
            moved = dict(weights) | {key: weight * factor}
            now_leading, _ = _standing(rows, moved)
            shifts.append(Shift(key, factor, _margin_of(rows, moved, leaders), now_leading))
    flips = tuple(s for s in shifts if s.leaders != leaders)
    cut = {
        key: min(s.margin for s in shifts if s.criterion == key)
        for key in {s.criterion for s in shifts}
    }
    most = (
        min(cut, key=lambda key: (round(cut[key], PLACES), list(weights).index(key)))
        if cut
        else None
    )
    return Sensitivity(leaders, margin, tuple(shifts), flips, most)


def _margin_of(rows: Sequence[Row], weights: Mapping[str, float], leaders: Sequence[int]) -> float:
    """The score of the first of `leaders` minus the best score among the other offers, under
    `weights`: negative once another offer overtakes it."""
    total = sum(weights.values())
    normalised = {key: value / total for key, value in weights.items()}
    scores = {r.offer.id: _weighted(r.scores, normalised) for r in rows}
    leader = leaders[0]
    rest = [s for i, s in scores.items() if i != leader]
    return round(scores[leader] - max(rest), PLACES) if rest else 0.0


def describe_sensitivity(sheet: Worksheet) -> str:
    """The sensitivity check in a sentence or two."""
    found = sheet.sensitivity
    if found is None:
        return "Add another offer (or your current job) to compare."
    names = {r.offer.id: r.offer.label for r in sheet.rows}
    if len(found.leaders) > 1:
        tied = " and ".join(names[i] for i in found.leaders)
        return f"{tied} tie at the top: a change of weights decides between them."
    leader = names[found.leaders[0]]
    if found.holds:
        text = f"{leader} stays ahead whichever single weight moves by {SWING:.0%} either way"
    else:
        flips = [
            f"{', '.join(names[i] for i in s.leaders)} if {criterion_label(s.criterion).lower()} "
            f"weighs {SWING:.0%} {'more' if s.factor > 1 else 'less'}"
            for s in found.flips
        ]
        text = f"{leader} leads, but the lead changes: to " + "; to ".join(flips)
    if found.most_sensitive is not None:
        text += f". It is most sensitive to {criterion_label(found.most_sensitive).lower()}"
    return text + "."
