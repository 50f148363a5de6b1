"""The offers' page — the worksheet, and the forms that record an offer, score one and change
the weights — and the application page's offer panel: errors next to their fields, labels
on every control, no inline scripts, no command line's words. On the small search of
tests/web/small_search.py."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.web.page_checks import labelled, said, section
from tests.web.small_search import ACME, FLAG, GLOBEX, Search, small_search

OFFER = {"application": "", "currency": "USD", "base": "170,000", "bonus": "20000"}


@pytest.fixture
def search(client: TestClient) -> Search:
    return small_search(client)


def field_error(name: str, message: str) -> str:
    return f'<p class="field-error" id="offer-{name}-error">{escape(message)}</p>'


def add(client: TestClient, **fields: str) -> int:
    added = client.post("/offers", data=OFFER | fields, follow_redirects=False)
    assert added.status_code == 303, added.text
    found = re.fullmatch(r"/offers#offer-(\d+)", added.headers["location"])
    assert found is not None
    return int(found[1])


def test_the_page_without_offers_offers_the_forms(client: TestClient, search: Search):
    page = client.get("/offers")
    assert page.status_code == 200
    text = page.text
    assert '<a href="/offers" aria-current="page">Offers</a>' in text
    assert "No offers yet." in text
    assert 'id="h-worksheet"' not in text
    form = section(text, "h-add-offer")
    assert '<label for="offer-application">The offer from</label>' in form
    assert '<option value="current">Your current job (to compare against)</option>' in form
    assert f'<option value="{search.acme}">{ACME}</option>' in form
    assert f'<option value="{search.globex}">{GLOBEX}</option>' in form
    assert "Initech" not in form  # rejected
    assert '<label for="offer-base">Base pay a year <span class="muted">(required)</span>' in form
    assert 'id="offer-deadline" name="deadline" type="date" value="" min="2026-11-26"' in form
    weights = section(text, "h-weights")
    assert '<label for="weight-pay">Pay</label>' in weights
    assert 'value="25" aria-describedby="weight-pay-share"' in weights
    assert '<span class="muted" id="weight-pay-share">25%</span>' in weights
    assert (
        '<input type="checkbox" name="remove" value="pay"> Remove<span class="visually-hidden"> '
        "Pay</span>"
    ) in weights
    labelled(text)
    chosen = client.get("/offers", params={"application": search.acme}).text
    assert f'<option value="{search.acme}" selected>{ACME}</option>' in chosen


def test_an_offer_is_recorded_and_the_worksheet_compares_it(client: TestClient, search: Search):
    acme = add(client, application=str(search.acme), deadline="2026-12-01", remote="hybrid")
    current = add(client, application="current", employer="Contoso", base="150000", bonus="")
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "offer"
    page = client.get("/offers").text
    sheet = section(page, "h-worksheet")
    assert (
        f'<th scope="col" id="offer-{acme}"><a href="/applications/{search.acme}">{ACME}</a></th>'
    ) in sheet
    assert f'<th scope="col" id="offer-{current}">Current job: Contoso</th>' in sheet
    assert '<th scope="row">Pay <span class="muted">25%</span></th>' in sheet
    assert '<td>5.0 <span class="tag">worked out from the pay</span></td>' in sheet
    assert '<td>3.9 <span class="tag">worked out from the pay</span></td>' in sheet
    assert '<td>3 <span class="tag unscored">unscored</span></td>' in sheet
    assert "<td><strong>3.50</strong></td>" in sheet
    assert '<td>1 <span class="tag best">first</span></td><td>2</td>' in sheet
    assert (
        '<td class="arithmetic">base 170,000 + bonus 20,000 = 190,000 USD a year</td>'
        '<td class="arithmetic">base 150,000 = 150,000 USD a year</td>'
    ) in sheet
    assert 'Tue 01 Dec 2026 <span class="muted">(5 days left)</span>' in sheet
    assert f"<li>{FLAG} (round 1, 10 Nov)</li>" in sheet
    assert '<span class="muted">none noted</span>' in sheet
    assert (
        f'<p class="notice sensitivity" id="sensitivity">{ACME} stays ahead whichever single '
        "weight moves by 20% either way. It is most sensitive to pay.</p>"
    ) in page
    scores = section(page, "h-scores")
    assert f"<legend>{ACME}</legend>" in scores
    assert f'<label for="score-{acme}-growth">Growth</label>' in scores
    assert '<option value="">worked out from the pay</option>' in scores
    assert f'aria-label="Remove the offer: {ACME}"' in scores
    labelled(page)
    form = section(page, "h-add-offer")
    assert '<option value="current">' not in form  # recorded already
    assert f'<option value="{search.acme}">' not in form
    assert 'id="offer-currency" name="currency" type="text" value="USD"' in form


@pytest.mark.parametrize(
    ("sent", "name", "message"),
    [
        ({"application": ""}, "application", "Choose the application the offer is for"),
        ({"base": "-5"}, "base", "The base cannot be negative (-5)."),
        ({"base": ""}, "base", "Give the base pay a year."),
        ({"bonus": "lots"}, "bonus", "Write the bonus as a whole number, like 95000, not 'lots'."),
        ({"currency": "EUX"}, "currency", "Unknown currency 'EUX'"),
        ({"deadline": "2026-11-20"}, "deadline", "The deadline 2026-11-20 has passed"),
        ({"remote": "sometimes"}, "remote", "Remote is one of onsite, hybrid, remote"),
        ({"application": "99"}, "application", "No application 99."),
    ],
)
def test_the_add_form_says_what_is_wrong_where(
    client: TestClient, search: Search, sent: dict, name: str, message: str
):
    data = OFFER | {"application": str(search.acme), "location": "Berlin"} | sent
    refused = client.post("/offers", data=data)
    assert refused.status_code == 422
    form = section(refused.text, "h-add-offer")
    assert f'<p class="field-error" id="offer-{name}-error">{escape(message)}' in form
    assert 'aria-invalid="true"' in form
    assert 'id="offer-location" name="location" type="text" value="Berlin"' in form  # kept
    assert client.get("/api/offers").json() == []
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "applied"


def test_a_second_offer_for_one_application_is_refused(client: TestClient, search: Search):
    add(client, application=str(search.acme))
    again = client.post("/offers", data=OFFER | {"application": str(search.acme)})
    assert again.status_code == 409
    assert (
        f'<p class="notice error" role="alert">{ACME} already has an offer recorded (offer 1): '
        "edit it instead.</p>"
    ) in said(again.text)


def test_an_offer_is_scored_and_removed(client: TestClient, search: Search):
    offer = add(client, application=str(search.acme))
    add(client, application="current", base="150000")
    scored = client.post(
        f"/offers/{offer}/scores",
        data={"score_growth": "4", "score_team": "", "score_pay": ""},
        follow_redirects=False,
    )
    assert (scored.status_code, scored.headers["location"]) == (303, f"/offers#offer-{offer}")
    page = client.get("/offers").text
    assert '<option value="4" selected>4</option>' in section(page, "h-scores")
    assert client.get("/api/offers").json()[1]["scores"] == {"growth": 4}
    refused = client.post(f"/offers/{offer}/scores", data={"score_growth": "9"})
    assert refused.status_code == 422
    scores = section(refused.text, "h-scores")
    assert (
        f'<p class="field-error" id="score-{offer}-error" role="alert">Score growth from 1 to 5, '
        "not 9.</p>"
    ) in scores
    assert f'<fieldset class="scores" aria-describedby="score-{offer}-error">' in scores
    assert '<option value="9"' not in scores
    assert client.get("/api/offers").json()[1]["scores"] == {"growth": 4}
    removed = client.post(f"/offers/{offer}/remove", follow_redirects=False)
    assert (removed.status_code, removed.headers["location"]) == (303, "/offers")
    assert [o["label"] for o in client.get("/api/offers").json()] == ["Current job"]
    assert client.post("/offers/99/scores", data={"score_growth": "3"}).status_code == 404


def test_the_weights_change_and_go_back_to_the_defaults(client: TestClient, search: Search):
    add(client, application=str(search.acme))
    weights = {f"weight_{key}": "10" for key in client.get("/api/offers/weights").json()["weights"]}
    changed = client.post(
        "/offers/weights",
        data=weights
        | {"weight_pay": "50", "remove": "mission", "new_name": "Visa", "new_weight": "5"},
        follow_redirects=False,
    )
    assert (changed.status_code, changed.headers["location"]) == (303, "/offers#weights")
    stored = client.get("/api/offers/weights").json()["weights"]
    assert (stored["pay"], stored["visa"], "mission" in stored) == (50, 5, False)
    page = client.get("/offers").text
    assert '<th scope="row">Pay <span class="muted">43%</span></th>' in page
    assert '<span class="muted" id="weight-pay-share">43%</span>' in page
    assert '<label for="weight-visa">Visa</label>' in page
    zero = {f"weight_{key}": "0" for key in stored}
    refused = client.post("/offers/weights", data=zero)
    assert refused.status_code == 422
    assert (
        '<p class="notice error" role="alert">The weights add up to zero: give at least one '
        "criterion a weight above 0.</p>"
    ) in section(refused.text, "h-weights")
    bad = client.post(
        "/offers/weights", data={f"weight_{key}": "1" for key in stored} | {"weight_team": "lots"}
    )
    assert bad.status_code == 422
    assert (
        '<p class="field-error" id="weight-team-error" role="alert">Give Team a weight: a number, '
        "like 10.</p>"
    ) in bad.text
    assert (
        'value="lots" aria-describedby="weight-team-share weight-team-error" aria-invalid="true"'
        in (bad.text)
    )
    nameless = client.post(
        "/offers/weights", data={f"weight_{key}": "1" for key in stored} | {"new_weight": "3"}
    )
    assert (
        '<p class="field-error" id="weight-new_name-error">Name the new criterion.</p>'
    ) in nameless.text
    assert client.get("/api/offers/weights").json()["weights"] == stored  # nothing written
    reset = client.post("/offers/weights", data={"reset": "1"}, follow_redirects=False)
    assert reset.status_code == 303
    assert client.get("/api/offers/weights").json()["weights"]["pay"] == 25


def test_offers_in_two_currencies_say_why_there_is_no_worksheet(client: TestClient, search: Search):
    add(client, application=str(search.acme))
    add(client, application="current", currency="EUR")
    page = client.get("/offers").text
    assert (
        '<p class="notice error" role="alert">The offers are in EUR, USD: their pay cannot be '
        "compared as sums. Score pay by hand for Current job (1 to 5).</p>"
    ) in page
    assert 'id="h-scores"' in page


def test_the_application_page_links_to_an_offer_or_to_adding_one(
    client: TestClient, search: Search
):
    page = client.get(f"/applications/{search.acme}").text
    link = f'<a class="button" href="/offers?application={search.acme}#add-offer">Add offer</a>'
    assert link in page
    assert 'id="h-offer"' not in page
    assert "Add offer" not in client.get(f"/applications/{search.initech}").text
    offer = add(client, application=str(search.acme), deadline="2026-12-01")
    client.post(f"/offers/{offer}/scores", data={"score_growth": "4"})
    page = client.get(f"/applications/{search.acme}").text
    assert link not in page
    panel = section(page, "h-offer")
    assert "<dt>Yearly value</dt><dd>base 170,000 + bonus 20,000 = 190,000 USD a year</dd>" in panel
    assert "<dt>Answer by</dt><dd>Tue 01 Dec 2026</dd>" in panel
    assert "<dd>Growth 4/5</dd>" in panel
    assert f'<a href="/offers#offer-{offer}">Compare it on the worksheet</a>' in panel


def test_the_forms_need_the_csrf_token(client: TestClient, search: Search):
    offer = add(client, application=str(search.acme))
    client.headers.pop("X-CSRF-Token")
    for path, sent in [
        ("/offers", OFFER | {"application": "current"}),
        (f"/offers/{offer}/scores", {"score_growth": "4"}),
        (f"/offers/{offer}/remove", {}),
        ("/offers/weights", {"reset": "1"}),
    ]:
        assert client.post(path, data=sent).status_code == 403, path
    assert len(client.get("/api/offers").json()) == 1
