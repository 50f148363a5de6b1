"""E-mail, domain, text list, time zone and holiday-region checks."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.errors import InvalidInput
from afterview.domain.values import (
    check_domain,
    check_email,
    check_region,
    check_time_zone,
    require_text,
    unique_texts,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a@b.co", "a@b.co"), ("  Ann.Lee+jobs@Acme.COM ", "Ann.Lee+jobs@Acme.COM")],
)
def test_check_email_strips_and_keeps_case(value: str, expected: str) -> None:
    assert check_email(value) == expected


@pytest.mark.parametrize("value", ["", "a@b", "a b@c.de", "@b.co", "a@@b.co", "a@b.", "ann"])
def test_check_email_refuses(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_email(value, field="emails")
    assert caught.value.message == f"{value!r} is not an e-mail address."
    assert caught.value.field == "emails"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("acme.com", "acme.com"),
        ("WWW.Acme.COM", "acme.com"),
        (" acme.co.uk ", "acme.co.uk"),
        ("mail.acme-labs.io", "mail.acme-labs.io"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
    ],
)
def test_check_domain_normalises(value: str, expected: str) -> None:
    assert check_domain(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "acme",
        "acme..com",
        "https://acme.com",
        "acme.c",
        "acme.com.",
        "a@acme.com",
        "a" * 64 + ".com",
    ],
)
def test_check_domain_refuses(value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_domain(value)
    assert caught.value.message == f"{value!r} is not a domain name (like acme.com)."
    assert caught.value.field == "domain"


def test_require_text() -> None:
    assert require_text("  Acme ", "name") == "Acme"
    with pytest.raises(InvalidInput) as caught:
        require_text(" \n ", "name")
    assert (caught.value.message, caught.value.field) == ("The name must not be empty.", "name")


def test_unique_texts_strips_drops_empties_and_case_insensitive_repeats_in_order() -> None:
    values = [" Acme ", "acme", "", "  ", "ACME Labs", "Acme labs", "Stra\u00dfe", "STRASSE", "b"]
    assert unique_texts(values) == ("Acme", "ACME Labs", "Stra\u00dfe", "b")


def test_unique_texts_takes_any_iterable() -> None:
    assert unique_texts(iter(["x", "X", "y"])) == ("x", "y")
    assert unique_texts([]) == ()


@settings(max_examples=200)
@given(values=st.lists(st.text(alphabet="aAbB \t", max_size=4), max_size=10))
def test_unique_texts_property(values: list[str]) -> None:
    result = unique_texts(values)
    assert all(text and text == text.strip() for text in result)
    assert len({text.casefold() for text in result}) == len(result)
    firsts: list[str] = []
    for value in values:
        key = value.strip().casefold()
        if key and key not in {first.casefold() for first in firsts}:
            firsts.append(value.strip())
    assert list(result) == firsts


@pytest.mark.parametrize("name", ["Europe/Berlin", " Europe/Berlin ", "UTC", "America/New_York"])
def test_check_time_zone_returns_the_zone(name: str) -> None:
    assert check_time_zone(name) == ZoneInfo(name.strip())


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Europe/Berln", " Did you mean Europe/Berlin?"),
        ("America/New_Yrok", " Did you mean America/New_York?"),
        ("Foo/Bar", " Use an IANA name like Europe/Berlin."),
        ("", " Use an IANA name like Europe/Berlin."),
        ("utc", " Use an IANA name like Europe/Berlin."),
        ("../../etc/passwd", " Use an IANA name like Europe/Berlin."),
        ("Europe/Berlin\x00", " Did you mean Europe/Berlin?"),
    ],
)
def test_check_time_zone_refuses_with_a_hint(name: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_time_zone(name, field="zone")
    assert caught.value.message == f"Unknown time zone {name!r}.{hint}"
    assert caught.value.field == "zone"


@settings(max_examples=200)
@given(name=st.text(max_size=40))
def test_check_time_zone_raises_only_invalid_input(name: str) -> None:
    try:
        zone = check_time_zone(name)
    except InvalidInput:
        return
    assert str(zone) == name.strip()


@pytest.mark.parametrize(
    ("country", "subdivision", "expected"),
    [
        ("us", "ny", ("US", "NY")),
        (" us ", " ca ", ("US", "CA")),
        ("US", None, ("US", None)),
        ("gb", "", ("GB", None)),
        ("de", "by", ("DE", "BY")),
    ],
)
def test_check_region(
    country: str, subdivision: str | None, expected: tuple[str, str | None]
) -> None:
    assert check_region(country, subdivision) == expected


@pytest.mark.parametrize("country", ["zz", "", "ZZZ", "u s"])
def test_unknown_country(country: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_region(country, "x")
    assert caught.value.message == (
        f"Unknown country {country!r}; use an ISO 3166 code such as US, GB or DE."
    )
    assert caught.value.field == "country"


def test_unknown_subdivision_lists_the_first_thirty() -> None:
    import holidays

    known = holidays.list_supported_countries()["US"]
    assert len(known) > 30
    with pytest.raises(InvalidInput) as caught:
        check_region("us", "zz")
    assert caught.value.message == (
        f"Unknown subdivision 'zz' for US; US has: {', '.join(known[:30])} ...."
    )
    assert caught.value.message.startswith("Unknown subdivision 'zz' for US; US has: AK, AL, ")
    assert caught.value.field == "subdivision"


def test_unknown_subdivision_of_a_short_list_is_shown_whole() -> None:
    import holidays

    known = holidays.list_supported_countries()["DE"]
    assert len(known) <= 30
    with pytest.raises(InvalidInput) as caught:
        check_region("de", "xx")
    assert caught.value.message == f"Unknown subdivision 'xx' for DE; DE has: {', '.join(known)}."


def test_a_subdivision_for_a_country_without_any() -> None:
    import holidays

    assert holidays.list_supported_countries()["IS"] == []
    with pytest.raises(InvalidInput) as caught:
        check_region("is", "x")
    assert caught.value.message == "Unknown subdivision 'x' for IS; IS has none."
