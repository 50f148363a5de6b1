"""The boards' date formats and HTML descriptions: readers checked against generated values."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.integrations.boards.dates import (
    read_date_only,
    read_epoch_ms,
    read_iso_datetime,
    read_recruitee_datetime,
)
from afterview.integrations.boards.html_text import html_to_text, unescape_html_to_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value=datetime(2200, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@given(moment=MOMENTS)
def test_epoch_milliseconds_round_trip(moment):
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    milliseconds = (moment - EPOCH) // timedelta(milliseconds=1)
    assert read_epoch_ms(milliseconds) == moment


@given(value=st.one_of(st.booleans(), st.floats(), st.text(max_size=5), st.none()))
def test_epoch_milliseconds_must_be_a_whole_number(value):
    with pytest.raises(ValueError, match="is not a whole number of milliseconds"):
        read_epoch_ms(value)


def test_epoch_milliseconds_out_of_range():
    with pytest.raises(ValueError, match="out of range"):
        read_epoch_ms(10**20)


@given(moment=MOMENTS)
def test_recruitee_dates_round_trip(moment):
    moment = moment.replace(microsecond=0)
    assert read_recruitee_datetime(moment.strftime("%Y-%m-%d %H:%M:%S UTC")) == moment


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20T09:15:00Z",
        "2026-11-20 09:15:00",
        "2026-11-20 09:15 UTC",
        "2026-02-30 09:15:00 UTC",
    ],
)
def test_recruitee_dates_refuse_other_shapes(text):
    with pytest.raises(ValueError, match=r"is not (like|a real)"):
        read_recruitee_datetime(text)


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_a_date_alone_is_midnight_utc(day):
    moment = read_date_only(day.isoformat())
    assert moment == datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["20261120", "2026-11-20T00:00:00", "2026-13-01", "nov 20"])
def test_a_date_alone_refuses_other_shapes(text):
    with pytest.raises(ValueError, match=r"is not a (real )?date"):
        read_date_only(text)


OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))


@given(moment=st.datetimes(timezones=OFFSETS))
def test_iso_dates_round_trip_with_their_offset(moment):
    read = read_iso_datetime(moment.isoformat())
    assert (read, read.utcoffset()) == (moment, moment.utcoffset())


def test_iso_dates_with_z_and_without_an_offset_are_utc():
    assert read_iso_datetime("2026-11-18T14:22:31.412Z") == datetime(
        2026, 11, 18, 14, 22, 31, 412000, tzinfo=UTC
    )
    assert read_iso_datetime("2026-11-18T14:22:31").tzinfo is UTC


def test_html_layout():
    markup = (
        "<h2>About</h2><p>We  build\n things.</p><ul><li><p>One</p><p>more</p></li>"
        "<li>Two &amp; three<ul><li>sub</li></ul></li></ul><p>Line<br>break<br><br>new</p>"
        "<script>var x = '<p>';</script><style>p { color: red }</style>end"
    )
    assert html_to_text(markup) == (
        "About\n\nWe build things.\n\n• One\nmore\n• Two & three\n• sub\n\n"
        "Line\nbreak\n\nnew\n\nend"
    )


def test_greenhouse_content_is_unescaped_once_then_read():
    assert unescape_html_to_text("&lt;p&gt;R&amp;amp;D &amp;lt;3&lt;/p&gt;") == "R&D <3"


def test_broken_html_keeps_its_text():
    assert html_to_text("<p>Open <b>bold <i>both</p> after <script>never closed") == (
        "Open bold both\n\nafter"
    )


WORDS = st.text(st.characters(exclude_characters="<>&", exclude_categories=["Cs"]), max_size=12)
TAGS = st.sampled_from(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h3", "b", "em", "a", "span", "table", "tr", "td"]
)


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "tag", "void", "script"] if depth < 3 else ["text"]))
        if kind == "text":
            parts.append(html.escape(draw(WORDS)))
        elif kind == "void":
            parts.append(f"<{draw(TAGS)}/>")
        elif kind == "script":
            parts.append(f"<script>{html.escape(draw(WORDS))}</script>")
        else:
            tag = draw(TAGS)
            close = draw(st.booleans())
            inner = draw(fragments(depth + 1))
            parts.append(f'<{tag} class="x">{inner}' + (f"</{tag}>" if close else ""))
    return "".join(parts)


@given(markup=fragments())
def test_html_to_text_leaves_no_tags_and_no_loose_whitespace(markup):
    text = html_to_text(markup)
    assert "<" not in text
    assert ">" not in text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(line == line.strip() and "  " not in line for line in text.split("\n"))


@given(markup=st.text(max_size=300))
def test_html_to_text_never_raises(markup):
    html_to_text(markup)
    unescape_html_to_text(markup)
