"""How the pages answer what they cannot do: a bad value next to its field (422), an address
that names nothing as not found (404), and an error for htmx in the page's flash area rather
than over what the request was aimed at."""

from __future__ import annotations

from fastapi.testclient import TestClient

HX = {"HX-Request": "true"}


def test_the_edit_form_says_an_unknown_company_next_to_the_field(demo_client: TestClient):
    edited = demo_client.post("/applications/1/edit", data={"company": "999", "role": "Lead"})
    assert edited.status_code == 422
    assert '<p class="field-error" id="f-company-error">No company 999.</p>' in edited.text
    missing = demo_client.post("/applications/999/edit", data={"company": "Acme", "role": "Lead"})
    assert missing.status_code == 404


def test_an_address_with_no_number_for_an_id_is_not_found(demo_client: TestClient):
    for answer in (demo_client.get("/applications/abc"), demo_client.post("/actions/1/later")):
        assert answer.status_code == 404
        assert "No such page." in answer.text


def test_an_error_for_htmx_goes_to_the_flash_area(demo_client: TestClient):
    refused = demo_client.post("/actions/22/done", headers=HX)
    assert refused.status_code == 422
    assert (refused.headers["hx-retarget"], refused.headers["hx-reswap"]) == ("#flash", "innerHTML")
    assert refused.text.startswith('<p class="notice error" role="alert">Action 22 is a follow-up')
    whole_page = demo_client.post("/actions/22/done")
    assert "hx-retarget" not in whole_page.headers
    assert "<!doctype html>" in whole_page.text


def test_a_date_field_suggests_dates_and_a_time_field_times(demo_client: TestClient):
    added = demo_client.post(
        "/applications/new", data={"company": "Acme", "role": "Lead", "applied_on": "next blurday"}
    )
    assert added.status_code == 422
    assert (
        '<p class="field-error" id="f-applied_on-error">Cannot read &#39;next blurday&#39; as the '
        "applied_on (a date); try &#39;yesterday&#39;, &#39;last monday&#39; or "
        "&#39;2026-11-20&#39;.</p>"
    ) in added.text
    scheduled = demo_client.post("/interviews/new", data={"application": "2", "starts": "friday"})
    assert scheduled.status_code == 422
    assert "The starts needs a time of day, and &#39;friday&#39; has none; try" in scheduled.text
