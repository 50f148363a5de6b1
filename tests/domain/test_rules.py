"""The playbook's rules as data: offsets, defaults and the user's overrides."""

from __future__ import annotations

import re
from datetime import time

import pytest

from afterview.domain.actions import ActionKind
from afterview.domain.errors import InvalidInput
from afterview.domain.rules import (
    DEFAULT_RULES,
    Offset,
    Unit,
    apply_overrides,
    parse_offset,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", Offset(24, Unit.HOURS)),
        ("3bd", Offset(3, Unit.BUSINESS_DAYS)),
        ("0d@20:00", Offset(0, Unit.DAYS, time(20, 0))),
        ("2d@7:05", Offset(2, Unit.DAYS, time(7, 5))),
        ("6mo", Offset(6, Unit.MONTHS)),
        (" 5 bd ", Offset(5, Unit.BUSINESS_DAYS)),
        ("1bd @ 09:30", Offset(1, Unit.BUSINESS_DAYS, time(9, 30))),
    ],
)
def test_parse_offset_reads_each_unit(text: str, expected: Offset) -> None:
    assert parse_offset(text) == expected


@pytest.mark.parametrize("text", ["3x", "", "h", "-1d", "3 weeks", "1.5h", "12345h", "3bd@9"])
def test_parse_offset_refuses_unreadable_text_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput, match="Cannot read the offset") as raised:
        parse_offset(text, field="playbook.thank_you.offset")
    assert raised.value.field == "playbook.thank_you.offset"


@pytest.mark.parametrize("text", ["0d@25:00", "1d@23:60", "2bd@24:00"])
def test_parse_offset_refuses_times_of_day_that_do_not_exist(text: str) -> None:
    with pytest.raises(InvalidInput, match="no such time of day") as raised:
        parse_offset(text, field="playbook.self_review.offset")
    assert raised.value.field == "playbook.self_review.offset"


def test_parse_offset_names_the_default_field() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_offset("3x")
    assert raised.value.field == "offset"


@pytest.mark.parametrize(
    ("offset", "shown", "described"),
    [
        (Offset(24, Unit.HOURS), "24h", "24 h"),
        (Offset(1, Unit.BUSINESS_DAYS), "1bd", "1 business day"),
        (Offset(0, Unit.DAYS, time(20, 0)), "0d@20:00", "0 days"),
        (Offset(6, Unit.MONTHS), "6mo", "6 months"),
        (Offset(1, Unit.MONTHS), "1mo", "1 month"),
    ],
)
def test_offsets_show_as_written_and_read_as_words(
    offset: Offset, shown: str, described: str
) -> None:
    assert str(offset) == shown
    assert parse_offset(shown) == offset
    assert offset.describe() == described


def test_default_rules_are_keyed_by_every_action_kind() -> None:
    assert set(DEFAULT_RULES) == {kind.value for kind in ActionKind}
    for key, rule in DEFAULT_RULES.items():
        assert rule.key == key
        assert rule.kind == ActionKind(key)


@pytest.mark.parametrize("key", sorted(DEFAULT_RULES))
def test_each_default_rule_names_its_source_and_practice(key: str) -> None:
    rule = DEFAULT_RULES[key]
    assert rule.source.strip()
    assert 1 <= rule.practice <= 10
    assert rule.enabled


def test_default_offsets_follow_the_guidance() -> None:
    offsets = {key: str(rule.offset) for key, rule in DEFAULT_RULES.items()}
    assert offsets == {
        "self_review": "0d@20:00",
        "reference_heads_up": "1bd",
        "thank_you": "24h",
        "competition_scan": "3bd",
        "network_check": "2bd",
        "follow_up": "2bd",
        "second_follow_up": "5bd",
        "confirm_gone_quiet": "5bd",
        "offer_decision": "5bd",
        "rejection_reply": "48h",
        "lessons_learned": "2d@20:00",
        "reapply_reminder": "6mo",
    }
    assert DEFAULT_RULES["follow_up"].fallback == Offset(5, Unit.BUSINESS_DAYS)


def test_no_overrides_gives_the_defaults() -> None:
    assert apply_overrides({}) == DEFAULT_RULES


def test_overrides_change_only_what_they_name() -> None:
    rules = apply_overrides(
        {
            "thank_you": {"offset": "12h"},
            "competition_scan": {"enabled": False},
            "follow_up": {"fallback": "7bd", "offset": "2bd"},
        }
    )
    assert rules["thank_you"].offset == Offset(12, Unit.HOURS)
    assert rules["thank_you"].enabled
    assert not rules["competition_scan"].enabled
    assert rules["follow_up"].fallback == Offset(7, Unit.BUSINESS_DAYS)
    assert rules["follow_up"].offset == Offset(2, Unit.BUSINESS_DAYS)
    untouched = set(DEFAULT_RULES) - {"thank_you", "competition_scan", "follow_up"}
    assert all(rules[key] == DEFAULT_RULES[key] for key in untouched)


def test_overrides_leave_the_defaults_alone() -> None:
    apply_overrides({"thank_you": {"enabled": False}})
    assert DEFAULT_RULES["thank_you"].enabled


def test_an_unknown_rule_is_named() -> None:
    with pytest.raises(InvalidInput, match=r"^playbook\.thank_yuo: no such rule") as raised:
        apply_overrides({"thank_yuo": {"enabled": False}})
    assert raised.value.field == "playbook.thank_yuo"
    assert "thank_you" in raised.value.message


@pytest.mark.parametrize(
    ("values", "where"),
    [
        ({"enabled": "no"}, "playbook.thank_you.enabled"),
        ({"offset": 24}, "playbook.thank_you.offset"),
        ({"colour": "red"}, "playbook.thank_you.colour"),
    ],
)
def test_a_bad_value_is_named(values: dict[str, object], where: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        apply_overrides({"thank_you": values})
    assert raised.value.field == where
    assert raised.value.message.startswith(f"{where}: expected enabled = true/false")


def test_an_unreadable_offset_override_names_its_key() -> None:
    with pytest.raises(InvalidInput, match="Cannot read the offset '3x'") as raised:
        apply_overrides({"network_check": {"offset": "3x"}})
    assert raised.value.field == "playbook.network_check.offset"
    with pytest.raises(InvalidInput, match="no such time of day") as raised:
        apply_overrides({"self_review": {"offset": "0d@25:00"}})
    assert raised.value.field == "playbook.self_review.offset"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"thank_you": {"offset": "24h@09:00"}}, "playbook.thank_you.offset: a time of day"),
        ({"reference_heads_up": {"offset": "48h"}}, "counted in business days"),
        ({"follow_up": {"offset": "0bd"}}, "must wait at least one unit"),
        ({"thank_you": {"fallback": "5bd"}}, "playbook.thank_you.fallback: only rules that wait"),
    ],
)
def test_overrides_a_rule_could_not_honour_are_refused(
    overrides: dict[str, dict[str, object]], message: str
) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        apply_overrides(overrides)
