"""The ratings chart's day labels never overlap, and the first and the last day are shown."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.reviews import DimensionTrend
from afterview.web.pages.charts import TICK_GAP, ratings_chart


def test_close_days_are_not_both_labelled() -> None:
    days = [date(2026, 10, 30), date(2026, 11, 6), date(2026, 11, 16), date(2026, 11, 18)]
    trend = DimensionTrend("answers", tuple((d, 3) for d in days), 3.0, 0.0)
    chart = ratings_chart([trend])
    assert chart is not None
    labels = [label for _x, label in chart.x_ticks]
    assert labels[0] == "30 Oct"
    assert labels[-1] == "18 Nov"
    assert "16 Nov" not in labels  # two days before the last: no room for both


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=30, unique=True))
def test_labels_keep_their_distance(offsets: list[int]) -> None:
    start = date(2026, 1, 1)
    points = tuple((start + timedelta(days=o), 4) for o in sorted(offsets))
    chart = ratings_chart([DimensionTrend("rapport", points, 4.0, 0.0)])
    assert chart is not None
    xs = [x for x, _label in chart.x_ticks]
    assert all(b - a >= TICK_GAP for a, b in itertools.pairwise(xs))
    assert chart.x_ticks[-1][1] == f"{points[-1][0]:%d %b}" or len(xs) == 1
