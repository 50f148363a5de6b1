"""Bodies the job-board parsers refuse: each with one clear error naming board, token, place
and problem; never a KeyError or TypeError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.boards import Board
from afterview.domain.errors import NotFound, ParseError
from afterview.integrations.boards import PARSERS, BoardNotFound, BoardResponseError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "boards"


def fixture(board: str, name: str) -> bytes:
    return (FIXTURES / board / name).read_bytes()


@pytest.mark.parametrize(
    ("board", "name", "message"),
    [
        (
            Board.GREENHOUSE,
            "truncated.json",
            "Greenhouse board 'acme': line 1 column 84: malformed JSON (Unterminated string"
            " starting at)",
        ),
        (
            Board.GREENHOUSE,
            "wrong-shape.json",
            "Greenhouse board 'acme': jobs[2].title: not the expected shape: missing",
        ),
        (
            Board.LEVER,
            "malformed.json",
            "Lever board 'acme': line 3 column 3: malformed JSON (Expecting ',' delimiter)",
        ),
        (
            Board.LEVER,
            "wrong-shape.json",
            "Lever board 'acme': [1].createdAt: not the expected shape: '2026-11-06' is not a"
            " whole number of milliseconds",
        ),
        (
            Board.ASHBY,
            "wrong-shape.json",
            "Ashby board 'acme': jobs: not the expected shape: an object, not a list",
        ),
        (
            Board.SMARTRECRUITERS,
            "wrong-shape.json",
            "SmartRecruiters board 'acme': totalFound: not the expected shape: 'many' is not a"
            " count",
        ),
        (
            Board.WORKABLE,
            "wrong-shape.json",
            "Workable board 'acme': jobs[0].published_on: not the expected shape: '2026-11-31'"
            " is not a real date",
        ),
        (
            Board.RECRUITEE,
            "wrong-shape.json",
            "Recruitee board 'acme': offers[0].published_at: not the expected shape:"
            " '2026-11-20T09:15:00Z' is not like 2026-11-20 09:15:00 UTC",
        ),
        (
            Board.PERSONIO,
            "invalid.xml",
            "Personio board 'acme': line 5 column 19: malformed XML (not well-formed (invalid"
            " token))",
        ),
        (
            Board.PERSONIO,
            "truncated.xml",
            "Personio board 'acme': line 11 column 28: malformed XML (no element found)",
        ),
        (
            Board.PERSONIO,
            "wrong-shape.xml",
            "Personio board 'acme': position[1].name: not the expected shape: missing",
        ),
        (
            Board.PERSONIO,
            "entities.xml",
            "Personio board 'acme': body: XML with a forbidden construct (EntitiesForbidden)",
        ),
    ],
)
def test_a_bad_body_names_board_token_place_and_problem(board, name, message):
    with pytest.raises(BoardResponseError) as caught:
        PARSERS[board](fixture(board, name), "acme")
    assert caught.value.message == message
    assert (caught.value.board, caught.value.token) == (board, "acme")
    assert isinstance(caught.value, ParseError)
    assert caught.value.code == "parse_error"


SHAPES = {
    Board.GREENHOUSE: [
        (b"[]", "body: not the expected shape: a list, not an object"),
        (b'{"meta":{}}', "jobs: not the expected shape: missing"),
        (b'{"jobs":[{"title":"T"}]}', "jobs[0].id: not the expected shape: missing"),
        (b'{"jobs":[{"id":true,"title":"T"}]}', "jobs[0].id: not the expected shape: true or"),
        (b'{"jobs":[{"id":1,"title":5}]}', "jobs[0].title: not the expected shape: a number"),
        (b'{"jobs":[{"id":1,"title":"T","location":"X"}]}', "jobs[0].location: not the"),
        (b'{"jobs":[{"id":1,"title":"T","departments":{}}]}', "jobs[0].departments: not the"),
        (b'{"jobs":["x"]}', "jobs[0]: not the expected shape: text, not an object"),
        (b'{"jobs":[{"id":1,"title":"T","updated_at":"soon"}]}', "'soon' is not an ISO 8601"),
    ],
    Board.LEVER: [
        (b'{"jobs":[]}', "body: not the expected shape: an object, not a list"),
        (b'[{"id":"a","text":""}]', "[0].text: not the expected shape: missing"),
        (b'[{"id":"a","text":"T","categories":[]}]', "[0].categories: not the expected shape"),
        (b'[{"id":"a","text":"T","createdAt":1e400}]', "[0].createdAt: not the expected shape"),
        (
            b'[{"id":"a","text":"T","createdAt":99999999999999999999}]',
            "99999999999999999999 milliseconds is out of range",
        ),
        (
            b'[{"id":"a","text":"T","salaryRange":{"min":"lots"}}]',
            "[0].salaryRange.min: not the expected shape: 'lots' is not a number",
        ),
    ],
    Board.ASHBY: [
        (b'{"apiVersion":"1"}', "jobs: not the expected shape: missing"),
        (b'{"jobs":[{"id":"a","title":"T","isListed":"yes"}]}', "jobs[0].isListed: not the"),
        (
            b'{"jobs":[{"id":"a","title":"T","compensation":{"compensationTiers":[{"components"'
            b':[{"compensationType":"Salary","minValue":true}]}]}}]}',
            "jobs[0].compensation.compensationTiers[0].components[0].minValue: not the",
        ),
    ],
    Board.SMARTRECRUITERS: [
        (b'{"content":[]}', "totalFound: not the expected shape: missing"),
        (b'{"totalFound":1}', "content: not the expected shape: missing"),
        (b'{"totalFound":1,"content":[{"id":"1"}]}', "content[0].name: not the expected shape"),
        (
            b'{"totalFound":1,"content":[{"id":"1","name":"T","location":{"remote":"no"}}]}',
            "content[0].location.remote: not the expected shape: text, not true or false",
        ),
    ],
    Board.WORKABLE: [
        (b'{"name":"A"}', "jobs: not the expected shape: missing"),
        (b'{"jobs":[{"title":"T"}]}', "jobs[0].shortcode: not the expected shape: missing"),
        (
            b'{"jobs":[{"shortcode":"S","title":"T","published_on":"2026-11-20T00:00:00Z"}]}',
            "is not a date like 2026-11-20",
        ),
    ],
    Board.RECRUITEE: [
        (b'{"offers":null}', "offers: not the expected shape: null, not a list"),
        (b'{"offers":[{"id":1,"title":["T"]}]}', "offers[0].title: not the expected shape: a"),
        (b'{"offers":[{"id":1,"title":"T","salary":3}]}', "offers[0].salary: not the expected"),
    ],
    Board.PERSONIO: [
        (b"<jobs/>", "jobs: not the expected shape: <jobs>, not <workzag-jobs>"),
        (b"<workzag-jobs><position><name>T</name></position></workzag-jobs>", "position[0].id"),
        (
            b"<workzag-jobs><position><id>1</id><name>T</name><createdAt>x</createdAt>"
            b"</position></workzag-jobs>",
            "position[0].createdAt: not the expected shape: 'x' is not an ISO 8601",
        ),
    ],
}


@pytest.mark.parametrize(
    ("board", "body", "problem"),
    [(board, body, problem) for board, cases in SHAPES.items() for body, problem in cases],
)
def test_a_wrong_shape_says_where(board, body, problem):
    with pytest.raises(BoardResponseError) as caught:
        PARSERS[board](body, "acme")
    assert caught.value.message.startswith(f"{board.label} board 'acme': ")
    assert problem in caught.value.message


@pytest.mark.parametrize("board", [b for b in Board if b is not Board.PERSONIO])
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"", "line 1 column 1: malformed JSON (Expecting value)"),
        (b"<!DOCTYPE html><html><body>Oops</body></html>", "body: an HTML page, not the board's"),
        (b"\xff\xfe\xfa", "body: not UTF-8 text"),
        (b"[" * 100_000, "body: JSON nested too deeply"),
        (b"[" + b"9" * 5_000 + b"]", "body: malformed JSON (a number too long to read)"),
    ],
)
def test_json_boards_refuse_what_is_not_json(board, body, problem):
    with pytest.raises(BoardResponseError) as caught:
        PARSERS[board](body, "acme")
    assert caught.value.message.startswith(f"{board.label} board 'acme': {problem}")


def test_personio_refuses_an_empty_body():
    with pytest.raises(BoardResponseError, match=r"line 1 column 1: malformed XML"):
        PARSERS[Board.PERSONIO](b"", "acme")


def test_not_found_is_distinct_from_a_bad_body():
    assert issubclass(BoardNotFound, NotFound)
    assert not issubclass(BoardNotFound, BoardResponseError)
    assert not issubclass(BoardResponseError, NotFound)


@pytest.mark.parametrize("board", list(Board))
@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_any_truncated_fixture_parses_or_gives_the_clear_error(board, cut):
    name = {
        Board.GREENHOUSE: "jobs.json",
        Board.LEVER: "postings.json",
        Board.ASHBY: "job-board.json",
        Board.SMARTRECRUITERS: "postings-offset-0.json",
        Board.WORKABLE: "account.json",
        Board.RECRUITEE: "offers.json",
        Board.PERSONIO: "feed.xml",
    }[board]
    body = fixture(board, name)
    try:
        PARSERS[board](body[: cut % (len(body) + 1)], "acme")
    except BoardResponseError as error:
        message = error.message
    else:
        message = f"{board.label} board 'acme': parsed"
    assert message.startswith(f"{board.label} board 'acme': ")


KEYS = (
    *("jobs", "offers", "content", "totalFound", "id", "title", "name", "text", "location"),
    *("categories", "createdAt", "salaryRange", "compensation", "isListed", "department"),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(KEYS),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("board", [b for b in Board if b is not Board.PERSONIO])
@settings(max_examples=150, deadline=None)
@given(value=JSON)
def test_any_json_value_parses_or_gives_the_clear_error(board, value):
    try:
        PARSERS[board](json.dumps(value).encode(), "acme")
    except (BoardResponseError, BoardNotFound) as error:
        message = error.message
    else:
        message = "parsed 'acme'"
    assert "'acme'" in message
