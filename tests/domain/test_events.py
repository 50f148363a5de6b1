"""changes_between, to_json_value and describe_event."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.applications import Priority
from afterview.domain.events import (
    Event,
    EventKind,
    SubjectKind,
    changes_between,
    describe_event,
    to_json_value,
)
from afterview.domain.stages import Stage

WHEN = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ELLIPSIS = "\u2026"


def make_event(
    kind: EventKind = EventKind.UPDATED,
    data: Mapping[str, object] | None = None,
    subject_kind: SubjectKind = SubjectKind.APPLICATION,
) -> Event:
    return Event(
        id=1,
        uid=UUID(int=1),
        subject_kind=subject_kind,
        subject_id=7,
        kind=kind,
        at=WHEN,
        data={} if data is None else data,
    )


# --- to_json_value ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 1, 2), "2026-01-02"),
        (datetime(2026, 1, 2, 3, 4, tzinfo=UTC), "2026-01-02T03:04:00+00:00"),
        (Stage.GONE_QUIET, "gone-quiet"),
        (Priority.HIGH, "high"),
        (SubjectKind.CONTACT, "contact"),
        (UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ((1, date(2026, 1, 1), (Stage.OFFER,)), [1, "2026-01-01", ["offer"]]),
        (["a", Priority.LOW], ["a", "low"]),
        ((), []),
        (None, None),
        ("text", "text"),
        (3, 3),
        (1.5, 1.5),
        (True, True),
    ],
)
def test_to_json_value(value: object, expected: object) -> None:
    result = to_json_value(value)
    assert result == expected
    assert type(result) is type(expected)
    json.dumps(result)


# --- changes_between ----------------------------------------------------------------------


def test_only_changed_fields_are_reported() -> None:
    old = {"role": "Engineer", "notes": "", "stage": Stage.APPLIED}
    new = {"role": "Engineer", "notes": "Call back", "stage": Stage.SCREENING}
    assert changes_between(old, new) == {
        "notes": ["", "Call back"],
        "stage": ["applied", "screening"],
    }


def test_changes_are_json_ready() -> None:
    old = {
        "applied_on": date(2026, 11, 1),
        "priority": Priority.NORMAL,
        "aliases": ("Acme",),
        "starts_at": datetime(2026, 12, 3, 9, 30, tzinfo=UTC),
    }
    new = {
        "applied_on": date(2026, 11, 2),
        "priority": Priority.HIGH,
        "aliases": ("Acme", "ACME Corp"),
        "starts_at": datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
    }
    changes = changes_between(old, new)
    assert changes == {
        "applied_on": ["2026-11-01", "2026-11-02"],
        "priority": ["normal", "high"],
        "aliases": [["Acme"], ["Acme", "ACME Corp"]],
        "starts_at": ["2026-12-03T09:30:00+00:00", "2026-12-03T10:00:00+00:00"],
    }
    assert json.loads(json.dumps(changes)) == changes


def test_values_equal_after_conversion_are_not_changes() -> None:
    old = {"stage": Stage.OFFER, "aliases": ("a", "b"), "on": date(2026, 1, 1)}
    new = {"stage": "offer", "aliases": ["a", "b"], "on": "2026-01-01"}
    assert changes_between(old, new) == {}


def test_fields_missing_from_old_count_as_none() -> None:
    assert changes_between({}, {"title": "CTO", "phone": None}) == {"title": [None, "CTO"]}


def test_fields_only_in_old_are_ignored() -> None:
    assert changes_between({"gone": 1}, {}) == {}


def test_changes_keep_the_order_of_new() -> None:
    changes = changes_between({}, {"b": 1, "a": 2, "c": 3})
    assert list(changes) == ["b", "a", "c"]


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))
records = st.dictionaries(st.sampled_from("abcdef"), json_scalars, max_size=6)


@settings(max_examples=200)
@given(old=records, new=records)
def test_changes_between_property(old: dict[str, object], new: dict[str, object]) -> None:
    changes = changes_between(old, new)
    for name, value in new.items():
        if name in changes:
            assert changes[name] == [old.get(name), value]
        else:
            assert old.get(name) == value
    assert changes_between(new, new) == {}


# --- describe_event -----------------------------------------------------------------------


def test_describe_a_stage_change() -> None:
    event = make_event(EventKind.STAGE_CHANGED, {"from": "applied", "to": "interviewing"})
    assert describe_event(event) == "Stage applied \u2192 interviewing"


@pytest.mark.parametrize(
    ("subject_kind", "data", "expected"),
    [
        (
            SubjectKind.APPLICATION,
            {"summary": "Acme, Data Engineer"},
            "Created application: Acme, Data Engineer",
        ),
        (SubjectKind.COMPANY, {}, "Created company"),
        (SubjectKind.CONTACT, {"summary": ""}, "Created contact"),
        (SubjectKind.INTERVIEW, {"summary": "round 1"}, "Created interview: round 1"),
        (SubjectKind.PROFILE, {"summary": None}, "Created profile"),
    ],
)
def test_describe_a_creation(
    subject_kind: SubjectKind, data: dict[str, object], expected: str
) -> None:
    assert describe_event(make_event(EventKind.CREATED, data, subject_kind)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"notes": ["", "Call back Tuesday"]}, "Edited notes \u2192 Call back Tuesday"),
        ({"applied_on": ["2026-11-01", None]}, "Edited applied on cleared"),
        ({"link": ["https://x", ""]}, "Edited link cleared"),
        ({"aliases": [["A"], []]}, "Edited aliases cleared"),
        ({"aliases": [[], ["Acme", "ACME Corp"]]}, "Edited aliases \u2192 Acme, ACME Corp"),
        ({"round": [1, 2], "kind": ["phone", "video"]}, "Edited round \u2192 2, kind \u2192 video"),
        ({"round": [1, 0]}, "Edited round \u2192 0"),
        ({"remote": [True, False]}, "Edited remote \u2192 False"),
        ({"notes": ["", "line one\n\n  line   two"]}, "Edited notes \u2192 line one line two"),
        ({"notes": ["", "x" * 40]}, "Edited notes \u2192 " + "x" * 40),
        ({"notes": ["", "x" * 41]}, "Edited notes \u2192 " + "x" * 40 + ELLIPSIS),
        ({}, "Edited"),
    ],
)
def test_describe_an_update(changes: dict[str, list[object]], expected: str) -> None:
    assert describe_event(make_event(EventKind.UPDATED, {"changes": changes})) == expected


def test_describe_an_update_without_changes() -> None:
    assert describe_event(make_event(EventKind.UPDATED, {})) == "Edited"


def test_describe_every_event_kind() -> None:
    described = {kind: describe_event(make_event(kind)) for kind in EventKind}
    assert described == {
        EventKind.CREATED: "Created application",
        EventKind.UPDATED: "Edited",
        EventKind.STAGE_CHANGED: "Stage None \u2192 None",
        EventKind.FOLLOWED_UP: "Followed up",
        EventKind.ACTION_CHANGED: "Action None (): None",
        EventKind.SENT: "Sent",
        EventKind.REPLIED: "Replied",
        EventKind.REFERENCE_GIVEN: "Reference given",
        EventKind.REVIEWED: "Feedback received",
    }
    sent = make_event(EventKind.SENT, {"channel": "smtp", "to": "Ana Lima <ana@example.org>"})
    assert describe_event(sent) == "Sent (smtp) to Ana Lima <ana@example.org>"
    to_them = make_event(EventKind.SENT, {"what": "thank-you note: Thanks", "channel": "smtp"})
    assert describe_event(to_them) == "Sent thank-you note: Thanks (smtp)"
    reply = make_event(EventKind.REPLIED, {"about": "Acme — Data Engineer", "note": "Friday"})
    assert describe_event(reply) == "Replied about Acme — Data Engineer: Friday"
    named = make_event(EventKind.REFERENCE_GIVEN, {"name": "Ana Lima", "on": "2026-11-20"})
    assert describe_event(named) == "Reference given: Ana Lima on 2026-11-20"
    reviewed = make_event(EventKind.REVIEWED, {"what": "interview", "again": True})
    assert describe_event(reviewed) == "Self-review rewritten"
    said = make_event(EventKind.REVIEWED, {"what": "feedback", "note": "Strong on SQL."})
    assert describe_event(said) == "Feedback received: Strong on SQL."
    about = make_event(EventKind.REFERENCE_GIVEN, {"about": "Acme — Data Engineer"})
    assert describe_event(about) == "Reference given for Acme — Data Engineer"


def test_describe_follow_ups_and_action_changes() -> None:
    early = make_event(EventKind.FOLLOWED_UP, {"which": "second_follow_up", "early": True})
    assert describe_event(early) == "Second follow-up (early)"
    done = make_event(EventKind.ACTION_CHANGED, {"action": 7, "kind": "thank_you", "state": "done"})
    assert describe_event(done) == "Action 7 (thank you): done"


def test_describe_a_change_recorded_by_changes_between() -> None:
    changes = changes_between({"priority": Priority.LOW}, {"priority": Priority.HIGH})
    event = make_event(EventKind.UPDATED, {"changes": changes})
    assert describe_event(event) == "Edited priority \u2192 high"


def test_clearing_the_salary_reads_cleared() -> None:
    # services/applications.py records a salary as [minimum, maximum, currency], so a
    # cleared salary arrives as [None, None, None].
    changes = {"salary": [[90000, 110000, "EUR"], [None, None, None]]}
    assert describe_event(make_event(EventKind.UPDATED, {"changes": changes})) == (
        "Edited salary cleared"
    )
