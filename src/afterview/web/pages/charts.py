"""Charts drawn on the server as inline SVG (no script, no charting library): the ratings of
each review dimension over time, one line per dimension, with a title and a description in
words for those who cannot see it (the page adds a table of the same numbers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from afterview.domain.reviews import HIGHEST, LOWEST, DimensionTrend

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 32, 16, 36  # margins for the axes' labels
TICK_GAP = 64  # between day labels, in the chart's units ("16 Nov" is about 50 wide)
SERIES_STYLES = 6  # app.css colours and dashes .series-0 … .series-5
X_TICKS = 6


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    day: date
    value: int


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    style: int  # which of the SERIES_STYLES
    points: tuple[Point, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: float  # the x of the plot's right edge
    top: int
    bottom: float  # the y of the plot's bottom edge
    series: tuple[Series, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    description: str


def ratings_chart(trends: Sequence[DimensionTrend]) -> Chart | None:
    """The ratings over time (None without any rating): days along, 1 to 5 up."""
    days = sorted({day for trend in trends for day, _ in trend.points})
    if not days:
        return None
    first, span = days[0], (days[-1] - days[0]).days
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x_of(day: date) -> float:
        if not span:
            return (LEFT + right) / 2
        return LEFT + (right - LEFT) * (day - first).days / span

    def y_of(value: float) -> float:
        return bottom - (bottom - TOP) * (value - LOWEST) / (HIGHEST - LOWEST)

    series = tuple(
        Series(
            dimension_label(trend.dimension),
            index % SERIES_STYLES,
            tuple(Point(x_of(day), y_of(value), day, value) for day, value in trend.points),
        )
        for index, trend in enumerate(trends)
    )
    # At most X_TICKS days labelled along, evenly among those with ratings, first and last.
    last = len(days) - 1
    shown = _apart(
        list(dict.fromkeys(days[round(i * last / (X_TICKS - 1))] for i in range(X_TICKS))), x_of
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        series=series,
        x_ticks=tuple((x_of(day), f"{day:%d %b}") for day in shown),
        y_ticks=tuple((y_of(value), str(value)) for value in range(LOWEST, HIGHEST + 1)),
        description=describe(trends),
    )


def _apart(days: list[date], x_of: Callable[[date], float]) -> list[date]:
    """The days whose labels do not overlap, from the left; the last day always (in place
    of the one before it when the two are too close)."""
    kept: list[date] = []
    for day in days:
        if kept and x_of(day) - x_of(kept[-1]) < TICK_GAP:
            if day != days[-1]:
                continue
            if len(kept) > 1:
                kept.pop()
            else:
                continue  # first and last too close: the first stands for both
        kept.append(day)
    return kept


def describe(trends: Sequence[DimensionTrend]) -> str:
    """The chart in words: 'Preparation: 3 on 30 Oct, 4 on 24 Nov. Rapport: 2 on 24 Nov.'"""
    return " ".join(
        f"{dimension_label(t.dimension)}: "
        + ", ".join(f"{value} on {day:%d %b %Y}" for day, value in t.points)
        + "."
        for t in trends
    )


def dimension_label(name: str) -> str:
    return name.replace("_", " ").replace("-", " ").capitalize()
