"""The error classes: codes, exit codes and messages."""

from __future__ import annotations

import pytest

from afterview.domain.errors import (
    AfterviewError,
    Ambiguous,
    Conflict,
    DatabaseError,
    InvalidInput,
    NotFound,
    ParseError,
)

ALL: list[type[AfterviewError]] = [
    AfterviewError,
    NotFound,
    Ambiguous,
    InvalidInput,
    ParseError,
    Conflict,
    DatabaseError,
]


def test_codes_and_exit_codes() -> None:
    table = {error.__name__: (error.code, error.exit_code) for error in ALL}
    assert table == {
        "AfterviewError": ("error", 1),
        "NotFound": ("not_found", 3),
        "Ambiguous": ("ambiguous", 4),
        "InvalidInput": ("invalid", 5),
        "ParseError": ("parse_error", 5),
        "Conflict": ("conflict", 6),
        "DatabaseError": ("database", 7),
    }


def test_every_code_is_distinct() -> None:
    codes = [error.code for error in ALL]
    assert len(set(codes)) == len(codes)


def test_exit_codes_are_distinct_except_a_parse_error_is_invalid_input() -> None:
    # ParseError is a kind of InvalidInput and shares its exit code on purpose.
    exits = [error.exit_code for error in ALL if error is not ParseError]
    assert len(set(exits)) == len(exits)
    assert ParseError.exit_code == InvalidInput.exit_code
    # 2 is Click's usage error.
    assert 2 not in {error.exit_code for error in ALL}


@pytest.mark.parametrize("error", ALL[1:])
def test_every_error_is_an_afterview_error(error: type[AfterviewError]) -> None:
    assert issubclass(error, AfterviewError)


def test_not_found_by_id() -> None:
    error = NotFound("application", 42)
    assert error.message == "No application 42."
    assert str(error) == "No application 42."
    assert (error.kind, error.key) == ("application", 42)


def test_not_found_by_fragment() -> None:
    assert NotFound("company", "acme").message == "No company matching 'acme'."
    assert NotFound("company", "42").message == "No company matching '42'."


def test_ambiguous_message_and_candidates() -> None:
    error = Ambiguous("application", "acme", [(1, "Acme - Data"), (2, "Acme - ML")])
    assert error.message == (
        "'acme' matches 2 applications: 1 Acme - Data; 2 Acme - ML. Use the id or a longer name."
    )
    assert error.candidates == [(1, "Acme - Data"), (2, "Acme - ML")]


def test_ambiguous_shows_ten_and_counts_the_rest() -> None:
    candidates = [(i, f"c{i}") for i in range(1, 14)]
    error = Ambiguous("contact", "c", candidates)
    shown = "; ".join(f"{i} c{i}" for i in range(1, 11))
    assert error.message == (
        f"'c' matches 13 contacts: {shown}; and 3 more. Use the id or a longer name."
    )
    assert len(error.candidates) == 13


def test_ambiguous_with_exactly_ten_has_no_more() -> None:
    error = Ambiguous("contact", "c", [(i, "c") for i in range(10)])
    assert "more" not in error.message


def test_ambiguous_companies_are_spelt_companies() -> None:
    # BUG: the plural is f"{kind}s", so the message says "2 companys".
    error = Ambiguous("company", "acme", [(1, "Acme"), (2, "Acme Labs")])
    assert error.message == (
        "'acme' matches 2 companies: 1 Acme; 2 Acme Labs. Use the id or a longer name."
    )


def test_invalid_input_field() -> None:
    error = InvalidInput("Bad.", field="email")
    assert (error.message, error.field, str(error)) == ("Bad.", "email", "Bad.")
    assert InvalidInput("Bad.").field is None


def test_parse_error_names_the_file_and_place() -> None:
    error = ParseError("jobs.csv", "line 3", "missing company")
    assert error.message == "jobs.csv: line 3: missing company"
    assert (error.source, error.where, error.field) == ("jobs.csv", "line 3", "line 3")
    assert isinstance(error, InvalidInput)


def test_plain_errors_carry_their_message() -> None:
    assert Conflict("Already exists.").message == "Already exists."
    assert DatabaseError("Unreachable.").message == "Unreachable."
