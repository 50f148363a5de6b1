"""The offer worksheet: yearly value, normalised weights, ranking with ties, and the
sensitivity check against examples worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.errors import InvalidInput
from afterview.domain.offers import (
    Offer,
    check_amount,
    check_currency,
    check_deadline,
    check_weights,
    criterion_key,
    describe_sensitivity,
    worksheet,
)

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def offer(
    number: int, label: str, *, currency: str = "EUR", base: int = 0, **values: object
) -> Offer:
    return Offer(
        id=number,
        uid=uuid4(),
        application_id=number,
        label=label,
        currency=currency,
        base=base,
        created_at=NOW,
        updated_at=NOW,
        **values,  # type: ignore[arg-type]
    )


def test_the_yearly_value_and_its_arithmetic() -> None:
    acme = offer(1, "Acme", base=95_000, bonus=10_000, equity=5_000, sign_on=10_000, benefits=4_000)
    assert (acme.yearly, acme.first_year) == (114_000, 124_000)
    assert acme.arithmetic() == (
        "base 95,000 + bonus 10,000 + equity 5,000 + benefits 4,000 = 114,000 EUR a year "
        "(first year 124,000 with the sign-on bonus of 10,000)"
    )
    assert offer(2, "Plain", base=80_000).arithmetic() == "base 80,000 = 80,000 EUR a year"


def test_weights_are_normalised_and_only_proportions_count() -> None:
    a = offer(1, "A", base=100, scores={"growth": 1})
    b = offer(2, "B", base=50, scores={"growth": 5})
    small = worksheet([a, b], {"pay": 1, "growth": 1})
    large = worksheet([a, b], {"pay": 50, "growth": 50})
    assert small.normalised == {"pay": 0.5, "growth": 0.5}
    assert [r.score for r in small.rows] == pytest.approx([r.score for r in large.rows])
    # Pay from the yearly value: the best 5, the other in proportion (50/100 of 5 = 2.5).
    by_label = {r.offer.label: r for r in small.rows}
    assert by_label["A"].scores["pay"] == 5
    assert by_label["A"].pay_worked_out
    assert by_label["B"].scores["pay"] == 2.5
    assert by_label["A"].score == pytest.approx(3.0)  # (5 + 1) / 2
    assert by_label["B"].score == pytest.approx(3.75)  # (2.5 + 5) / 2
    assert [r.offer.label for r in small.rows] == ["B", "A"]


def test_equal_scores_share_a_rank_and_unscored_criteria_count_as_three() -> None:
    a = offer(1, "A", base=10, scores={"pay": 4, "team": 2})
    b = offer(2, "B", base=10, scores={"pay": 2, "team": 4})
    c = offer(3, "C", base=10, scores={"pay": 1})
    sheet = worksheet([a, b, c], {"pay": 1, "team": 1})
    assert [(r.offer.label, r.rank) for r in sheet.rows] == [("A", 1), ("B", 1), ("C", 3)]
    assert sheet.rows[2].unscored == ("team",)
    assert sheet.rows[2].scores["team"] == 3
    assert sheet.sensitivity is not None
    assert sheet.sensitivity.leaders == (1, 2)
    assert "A and B tie at the top" in describe_sensitivity(sheet)


def test_sensitivity_worked_by_hand_two_criteria() -> None:
    # Pay 60, growth 40. A: pay 5, growth 1 → (300 + 40)/100 = 3.40. B: pay 2, growth 5 →
    # (120 + 200)/100 = 3.20. A leads by 0.20.
    # Pay ×0.8 (48/40): A = (240 + 40)/88 = 3.1818, B = (96 + 200)/88 = 3.3636 → B, −0.1818.
    # Pay ×1.2 (72/40): A = (360 + 40)/112 = 3.5714, B = (144 + 200)/112 = 3.0714 → 0.5000.
    # Growth ×0.8 (60/32): A = (300 + 32)/92 = 3.6087, B = (120 + 160)/92 = 3.0435 → 0.5652.
    # Growth ×1.2 (60/48): A = (300 + 48)/108 = 3.2222, B = (120 + 240)/108 = 3.3333 → B, −0.1111.
    a = offer(1, "A", base=1, scores={"pay": 5, "growth": 1})
    b = offer(2, "B", base=1, scores={"pay": 2, "growth": 5})
    sheet = worksheet([a, b], {"pay": 60, "growth": 40})
    assert [(r.offer.label, round(r.score, 4)) for r in sheet.rows] == [("A", 3.4), ("B", 3.2)]
    found = sheet.sensitivity
    assert found is not None
    assert found.leaders == (1,)
    assert found.margin == pytest.approx(0.2)
    margins = {(s.criterion, s.factor): s.margin for s in found.shifts}
    assert margins == pytest.approx(
        {
            ("pay", 0.8): -2 / 11,
            ("pay", 1.2): 0.5,
            ("growth", 0.8): 52 / 92,
            ("growth", 1.2): -12 / 108,
        }
    )
    assert {(s.criterion, s.factor) for s in found.flips} == {("pay", 0.8), ("growth", 1.2)}
    assert all(s.leaders == (2,) for s in found.flips)
    assert found.most_sensitive == "pay"  # its move cuts the margin most (to −0.18)
    assert describe_sensitivity(sheet) == (
        "A leads, but the lead changes: to B if pay weighs 20% less; to B if growth weighs "
        "20% more. It is most sensitive to pay."
    )


def test_sensitivity_worked_by_hand_a_clear_winner() -> None:
    # Weights pay 40, team 30, mission 30. A: 5, 4, 4 → 4.4. B: 3, 3, 3 → 3.0. Margin 1.4.
    # No ±20% move can close 1.4 (A beats B on every criterion): the lead holds.
    # Margins: pay ×0.8 → (160+120+120)/92 − 3 = 1.3478; pay ×1.2 → 1.4516 ...;
    # team ×0.8 → (200+96+120)/94 ... the smallest is pay ×0.8 (pay is A's widest lead).
    a = offer(1, "A", base=1, scores={"pay": 5, "team": 4, "mission": 4})
    b = offer(2, "B", base=1, scores={"pay": 3, "team": 3, "mission": 3})
    sheet = worksheet([a, b], {"pay": 40, "team": 30, "mission": 30})
    found = sheet.sensitivity
    assert found is not None
    assert found.holds
    assert found.margin == pytest.approx(1.4)
    margins = {(s.criterion, s.factor): s.margin for s in found.shifts}
    assert margins[("pay", 0.8)] == pytest.approx((0.8 * 40 * 2 + 30 + 30) / 92)
    assert found.most_sensitive == "pay"
    assert describe_sensitivity(sheet) == (
        "A stays ahead whichever single weight moves by 20% either way. "
        "It is most sensitive to pay."
    )


def test_mixed_currencies_need_pay_scored_by_hand() -> None:
    eur = offer(1, "Berlin", base=80_000)
    usd = offer(2, "Boston", currency="USD", base=120_000)
    with pytest.raises(InvalidInput, match="EUR, USD") as refused:
        worksheet([eur, usd], {"pay": 1, "team": 1})
    assert refused.value.field == "scores"
    scored = [
        offer(1, "Berlin", base=1, scores={"pay": 4}),
        offer(2, "Boston", currency="USD", base=1, scores={"pay": 3}),
    ]
    assert worksheet(scored, {"pay": 1}).currency is None


def test_bad_input_is_refused_with_its_field() -> None:
    with pytest.raises(InvalidInput, match="add up to zero"):
        check_weights({"pay": 0, "team": 0})
    with pytest.raises(InvalidInput, match="cannot be negative"):
        check_weights({"pay": -1, "team": 2})
    with pytest.raises(InvalidInput, match="base cannot be negative"):
        check_amount(-5, "base")
    with pytest.raises(InvalidInput, match="Unknown currency 'EUX'"):
        check_currency("EUX", frozenset({"EUR", "USD"}))
    assert check_currency(" eur ", frozenset({"EUR"})) == "EUR"
    with pytest.raises(InvalidInput, match="has passed") as late:
        check_deadline(date(2026, 11, 25), date(2026, 11, 26))
    assert late.value.field == "deadline"
    assert check_deadline(date(2026, 11, 26), date(2026, 11, 26)) == date(2026, 11, 26)
    assert criterion_key("  Work  Life ") == "work-life"


weights = st.dictionaries(
    st.sampled_from(["pay", "growth", "team", "mission"]),
    st.integers(min_value=0, max_value=100),
    min_size=1,
).filter(lambda w: sum(w.values()) > 0)
scores = st.dictionaries(
    st.sampled_from(["pay", "growth", "team", "mission"]), st.integers(min_value=1, max_value=5)
)


@given(weights, st.lists(scores, min_size=1, max_size=5), st.integers(min_value=1, max_value=9))
def test_scores_stay_in_range_and_scaling_the_weights_changes_nothing(
    given_weights: dict[str, int], given_scores: list[dict[str, int]], factor: int
) -> None:
    offers = [
        offer(i + 1, f"O{i}", base=1000 * (i + 1), scores=s) for i, s in enumerate(given_scores)
    ]
    sheet = worksheet(offers, given_weights)
    scaled = worksheet(offers, {k: v * factor for k, v in given_weights.items()})
    assert sum(sheet.normalised.values()) == pytest.approx(1.0)
    assert all(1 <= r.score <= 5 for r in sheet.rows)
    assert [r.score for r in sheet.rows] == pytest.approx([r.score for r in scaled.rows])
    assert [r.rank for r in sheet.rows] == sorted(r.rank for r in sheet.rows)
    if sheet.sensitivity is not None:
        flipped = {s for s in sheet.sensitivity.shifts if s.leaders != sheet.sensitivity.leaders}
        assert set(sheet.sensitivity.flips) == flipped


def test_a_tiny_offer_scores_at_least_one_for_pay_and_weights_must_be_numbers() -> None:
    sheet = worksheet([offer(1, "Big", base=1_000_000), offer(2, "Tiny", base=1)], {"pay": 1})
    assert {r.offer.label: r.scores["pay"] for r in sheet.rows} == {"Big": 5, "Tiny": 1}
    for bad in (float("nan"), float("inf")):
        with pytest.raises(InvalidInput, match="must be a number"):
            check_weights({"pay": bad})
