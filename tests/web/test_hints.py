"""A refusal that says what to type, in each face's words (services/hints.py): the API names
body fields and routes, a page its own controls; neither ever a command line's options or
commands (the CLI's wording is asserted in tests/cli)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from afterview.domain.errors import InvalidInput
from afterview.services.hints import Command, Hint, Option
from afterview.web.errors import api_message, page_message

HX = {"HX-Request": "true"}
TOO_EARLY = (
    "Too early to follow up on Globex — Analytics Engineer: they said “within a week” "
    "(by Tue 1 Dec). Following up before Thu 3 Dec reads as impatient."
)
FOLLOW_UP = (
    "Action 22 is a follow-up: it is recorded when its draft is marked sent, which checks "
    "that it is not too early."
)
# What only a command line says: an option ('--anyway') or a command ('afterview draft ...').
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z]|\bafterview [a-z]")


def said(answer) -> str:
    message: str = answer.json()["error"]
    assert not CLI_WORDS.search(message), message
    return message


def test_a_hint_reads_as_the_command_line_says_it_and_keeps_its_parts():
    hint = Hint(
        ["Draft 7 has 1 problem: ", Option("to", "CONTACT"), " is unset."],
        [
            "Fix it (",
            Command("draft edit", 7, (Option("to", "CONTACT"),)),
            ") or use ",
            Option("force"),
            ".",
        ],
    )
    assert hint == (
        "Draft 7 has 1 problem: --to CONTACT is unset. "
        "Fix it (afterview draft edit 7 --to CONTACT) or use --force."
    )
    error = InvalidInput(hint, field="draft")
    assert api_message(error) == (
        'Draft 7 has 1 problem: "to": "CONTACT" is unset. '
        'Fix it (PATCH /api/drafts/7 {"to": "CONTACT"}) or use "force": true.'
    )
    assert page_message(error) == "Draft 7 has 1 problem: “to” is unset."
    plain = InvalidInput("No hint here.")
    assert api_message(plain) == page_message(plain) == "No hint here."


def test_a_remedy_the_api_cannot_follow_is_left_out():
    error = InvalidInput(Hint("Nothing to export.", ["Use `", Command("draft export", 1), "`."]))
    assert api_message(error) == "Nothing to export."
    assert str(error.message) == "Nothing to export. Use `afterview draft export 1`."


# --- the API -----------------------------------------------------------------------------


def test_the_api_says_anyway_as_a_body_field(demo_client: TestClient):
    early = demo_client.post("/api/drafts/10/sent")
    assert (early.status_code, early.json()["code"]) == (422, "too_early")
    assert said(early) == TOO_EARLY[:-1] + '; use "anyway": true to record it now.'
    sent = demo_client.post("/api/drafts/10/sent", json={"anyway": True})
    assert (sent.status_code, sent.json()["state"]) == (200, "sent")


def test_the_api_names_its_own_fields_and_routes(demo_client: TestClient):
    moved = demo_client.post("/api/applications/1/stage", json={"stage": "offer", "automated": 1})
    assert said(moved) == '"automated": true and "still_interested": true go with a rejection.'
    follow_up = demo_client.post("/api/actions/22/done")
    assert said(follow_up) == FOLLOW_UP
    assert follow_up.json()["fields"] == {"action": FOLLOW_UP}
    whom = demo_client.post("/api/drafts", json={"kind": "networking_note", "for": 2})
    assert said(whom) == 'Say whom the networking note is for: "to": "CONTACT".'
    assert demo_client.patch("/api/drafts/9", json={"body": "Hi Sam, thanks."}).status_code == 200
    kept = demo_client.post("/api/drafts", json={"kind": "thank_you", "for": 4, "to": "Sam"})
    assert (kept.status_code, kept.json()["code"]) == (409, "conflict")
    assert said(kept) == (
        "Draft 9 already holds your edits for this. Change it with `PATCH /api/drafts/9`, or "
        "discard it first (`POST /api/drafts/9/discard`)."
    )


def test_the_api_says_how_to_add_interviewers(demo_client: TestClient):
    added = demo_client.post("/api/interviews", json={"application": 3, "starts": "mon 10:00"})
    interview = added.json()
    refused = demo_client.post("/api/drafts", json={"kind": "thank_you", "for": interview["id"]})
    assert refused.status_code == 422
    assert said(refused).endswith(
        " has no interviewers. "
        f'Add them (PATCH /api/interviews/{interview["id"]} {{"interviewers": ["NAME"]}}) or '
        'say whom to thank with "to": "CONTACT".'
    )


# --- the pages ---------------------------------------------------------------------------


def shown(answer) -> str:
    assert not CLI_WORDS.search(answer.text), CLI_WORDS.search(answer.text)
    return answer.text


def test_a_page_offers_its_own_control_instead_of_a_flag(demo_client: TestClient):
    early = demo_client.post("/drafts/10/sent", data={"via": "e-mail"}, headers=HX)
    assert early.status_code == 422
    page = shown(early)
    assert f'<p class="field-error" id="sent-error" role="alert">{TOO_EARLY}</p>' in page
    assert '<input type="checkbox" name="anyway" value="1"> Record it anyway' in page
    sent = demo_client.post("/drafts/10/sent", data={"via": "e-mail", "anyway": "1"}, headers=HX)
    assert (sent.status_code, "Marked sent (e-mail)." in sent.text) == (200, True)


def test_a_page_names_its_own_controls(demo_client: TestClient):
    moved = demo_client.post(
        "/applications/1/stage",
        data={"stage": "offer", "automated": "1", "view": "application"},
        headers=HX,
    )
    assert moved.status_code == 422
    assert (
        '<p class="field-error" id="new-stage-error" role="alert">“It was a form letter” and '
        "“I would still like to work there” go with a rejection.</p>"
    ) in shown(moved)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/actions/22/done", f'<p class="notice error" role="alert">{FOLLOW_UP}</p>'),
        (
            "/drafts/9/send",
            "<p>No SMTP server is configured: set smtp_host (and smtp_user) in config.toml.</p>",
        ),
    ],
)
def test_a_page_leaves_out_what_only_a_command_line_can_do(
    demo_client: TestClient, path: str, text: str
):
    answer = demo_client.post(path, headers=HX)
    assert answer.status_code == 422
    assert text in shown(answer)


def test_the_blocked_download_says_why_without_a_flag(demo_client: TestClient):
    body = "Hi [Name],\n\nThanks. TODO\n"
    demo_client.post("/drafts/9", data={"subject": "Thanks", "body": body}, headers=HX)
    refused = demo_client.get("/drafts/9.eml")
    assert refused.status_code == 422
    [why] = re.findall(r"<p>(Draft 9 has \d+ problems: .*?)</p>", shown(refused))
    assert why.endswith("4 words: a thank-you note needs 25 or more.")
