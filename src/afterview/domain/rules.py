"""The playbook's rules as data: what triggers each action, its offset, and where the default
comes from (../shared/GUIDANCE.md). Users override offsets or turn rules off in config.toml:

    [playbook.thank_you]
    offset = "12h"
    [playbook.competition_scan]
    enabled = false
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from enum import StrEnum

from afterview.domain.actions import ActionKind
from afterview.domain.errors import InvalidInput


class Trigger(StrEnum):
    INTERVIEW_ENDED = "the interview ended"
    FINAL_ROUND = "a final round is scheduled"
    WAITING = "you are waiting for an answer"
    FOLLOW_UP_SENT = "your first follow-up went unanswered"
    SECOND_FOLLOW_UP_SENT = "your second follow-up went unanswered"
    OFFER = "an offer arrived"
    REJECTED = "the application was rejected"


class Unit(StrEnum):
    HOURS = "h"
    DAYS = "d"
    BUSINESS_DAYS = "bd"
    MONTHS = "mo"


_OFFSET = re.compile(r"^\s*(\d{1,4})\s*(h|d|bd|mo)\s*(?:@\s*(\d{1,2}):(\d{2}))?\s*$")
_UNIT_WORDS = {
    Unit.HOURS: ("h", "h"),
    Unit.DAYS: ("day", "days"),
    Unit.BUSINESS_DAYS: ("business day", "business days"),
    Unit.MONTHS: ("month", "months"),
}


@dataclass(frozen=True, slots=True)
class Offset:
    """`amount` units after the trigger; `at` a local time of day for day-based units."""

    amount: int
    unit: Unit
    at: time | None = None

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}" + (f"@{self.at:%H:%M}" if self.at else "")

    def describe(self) -> str:
        singular, plural = _UNIT_WORDS[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"


def parse_offset(text: str, field: str = "offset") -> Offset:
    """'24h', '3bd', '2d@20:00', '6mo' → an Offset."""
    match = _OFFSET.match(text)
    if not match:
        raise InvalidInput(
            f"Cannot read the offset {text!r}; write 24h, 2d, 3bd, 6mo, or 0d@20:00.", field=field
        )
    at = None
    if match[3] is not None:
        hour, minute = int(match[3]), int(match[4])
        if hour > 23 or minute > 59:
            raise InvalidInput(f"{text!r}: no such time of day.", field=field)
        at = time(hour, minute)
    return Offset(int(match[1]), Unit(match[2]), at)


@dataclass(frozen=True, slots=True)
class Rule:
    key: str
    practice: int
    kind: ActionKind
    trigger: Trigger
    offset: Offset
    source: str
    enabled: bool = True
    # Used instead of `offset` when the interviewer gave no timeline (follow-ups).
    fallback: Offset | None = None


def _rule(
    key: str, practice: int, trigger: Trigger, offset: str, source: str, fallback: str = ""
) -> Rule:
    return Rule(
        key=key,
        practice=practice,
        kind=ActionKind(key),
        trigger=trigger,
        offset=parse_offset(offset),
        source=source,
        fallback=parse_offset(fallback) if fallback else None,
    )


DEFAULT_RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        _rule(
            "self_review",
            1,
            Trigger.INTERVIEW_ENDED,
            "0d@20:00",
            "DESIGN.md practice 1: a self-review right after each interview, that evening",
        ),
        _rule(
            "reference_heads_up",
            2,
            Trigger.FINAL_ROUND,
            "1bd",
            "CNBC (Suzy Welch, 22 Apr 2019): brief references a day or two before they are "
            "called; the heads-up is due one business day before the final round",
        ),
        _rule(
            "thank_you",
            3,
            Trigger.INTERVIEW_ENDED,
            "24h",
            "Robert Half/Accountemps and TopResume (Nov 2017): send within 24 hours",
        ),
        _rule(
            "competition_scan",
            4,
            Trigger.INTERVIEW_ENDED,
            "3bd",
            "DESIGN.md practice 4: look at the rivals' openings within three business days",
        ),
        _rule(
            "network_check",
            5,
            Trigger.INTERVIEW_ENDED,
            "2bd",
            "DESIGN.md practice 5: ask who you know there within two business days",
        ),
        _rule(
            "follow_up",
            6,
            Trigger.WAITING,
            "2bd",
            "Indeed (9 Jun 2023), Ivy Exec (2015): respect the stated timeline plus 1–2 "
            "business days; with none, wait at least 5 business days",
            fallback="5bd",
        ),
        _rule(
            "second_follow_up",
            6,
            Trigger.FOLLOW_UP_SENT,
            "5bd",
            "GUIDANCE.md: later follow-ups 5–7 business days apart, at most 2–3",
        ),
        _rule(
            "confirm_gone_quiet",
            6,
            Trigger.SECOND_FOLLOW_UP_SENT,
            "5bd",
            "GUIDANCE.md: after the last follow-up, mark it 'likely ghosted' instead of "
            "chasing (61–75% of candidates report being ghosted: Greenhouse 2022–2024)",
        ),
        _rule(
            "offer_decision",
            7,
            Trigger.OFFER,
            "5bd",
            "DESIGN.md practice 7: a week of business days, or the business day before the "
            "offer's deadline when that is sooner",
        ),
        _rule(
            "rejection_reply",
            10,
            Trigger.REJECTED,
            "48h",
            "The Muse (2017), Indeed UK (2023): cool off, then reply within about 24–48 h; "
            "automated rejections need no reply",
        ),
        _rule(
            "lessons_learned",
            10,
            Trigger.REJECTED,
            "2d@20:00",
            "DESIGN.md practice 10: lessons learned feed the self-review",
        ),
        _rule(
            "reapply_reminder",
            10,
            Trigger.REJECTED,
            "6mo",
            "Lidl GB careers FAQ, jobshopsf: reapply after 3–6 months (6 typical)",
        ),
    )
}


def _fitting(rule: Rule, value: str, where: str) -> Offset:
    """An override's offset, refused where the rule could not honour it."""
    try:
        offset = parse_offset(value, field=where)
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error.message}", field=where) from None
    if offset.at is not None and offset.unit == Unit.HOURS:
        raise InvalidInput(f"{where}: a time of day (@HH:MM) goes with d, bd or mo.", field=where)
    if rule.trigger == Trigger.FINAL_ROUND and offset.unit != Unit.BUSINESS_DAYS:
        raise InvalidInput(f"{where}: a heads-up is counted in business days (bd).", field=where)
    if rule.trigger == Trigger.WAITING and offset.amount < 1:
        raise InvalidInput(
            f"{where}: a follow-up must wait at least one unit after what they said.", field=where
        )
    return offset


def apply_overrides(overrides: Mapping[str, Mapping[str, object]]) -> dict[str, Rule]:
    """The default rules with the user's overrides; an unknown rule or key is named."""
    rules = dict(DEFAULT_RULES)
    for key, values in overrides.items():
        if key not in rules:
            known = ", ".join(sorted(rules))
            raise InvalidInput(
                f"playbook.{key}: no such rule; the rules are: {known}.", field=f"playbook.{key}"
            )
        for name, value in values.items():
            where = f"playbook.{key}.{name}"
            if name == "enabled" and isinstance(value, bool):
                rules[key] = replace(rules[key], enabled=value)
            elif name == "offset" and isinstance(value, str):
                rules[key] = replace(rules[key], offset=_fitting(rules[key], value, where))
            elif name == "fallback" and not rules[key].fallback:
                raise InvalidInput(
                    f"{where}: only rules that wait for a stated timeline have a fallback "
                    "(follow_up).",
                    field=where,
                )
            elif name == "fallback" and isinstance(value, str):
                rules[key] = replace(rules[key], fallback=_fitting(rules[key], value, where))
            else:
                raise InvalidInput(
                    f'{where}: expected enabled = true/false, offset = "3bd" or '
                    f'fallback = "5bd", not {value!r}.',
                    field=where,
                )
    return rules
