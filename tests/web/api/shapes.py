"""What the API's answers look like: the keys of each shape of docs/json.md, and a 422
that names its fields."""

from __future__ import annotations


def keys(names: str) -> set[str]:
    return set(names.split())


APPLICATION_KEYS = keys(
    "id uid company role stage priority link source location salary applied_on notes "
    "created_at updated_at stage_changed_at"
)
INTERVIEW_KEYS = keys(
    "id uid application round kind starts_at ends_at time_zone local_start local_end "
    "location interviewers next_step_said notes created_at updated_at"
)
CONTACT_KEYS = keys(
    "id uid name emails phones company title origin notes linkedin_url connected_on"
    " past_companies is_reference relationship knows_work created_at updated_at"
)
EVENT_KEYS = {"id", "at", "subject", "kind", "description", "data"}
ACTION_KEYS = keys(
    "id practice kind rule application_id interview_id contact_id due_at state snoozed_until reason"
)
DRAFT_KEYS = keys(
    "id uid kind tone short application_id interview_id action_id to subject body "
    "state edited channel sent_at created_at updated_at lint"
)


def invalid(response, fields: dict[str, str]) -> None:
    """A 422 whose `fields` names exactly these fields, each message containing the text."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["ok"], body["code"], body["status"]) == (False, "invalid", 422)
    assert set(body["fields"]) == set(fields)
    for name, text in fields.items():
        assert text in body["fields"][name], (name, body["fields"][name])


IMPORT_KEYS = keys("source format dry_run added updated unchanged skipped companies_added")
REFERENCE_KEYS = keys(
    "contact relationship knows_work uses recent limit window_days overused warning"
)
REVIEW_KEYS = keys(
    "id uid kind application_id interview_id happened_at ratings questions went_well went_wrong "
    "strengths weaknesses fixes notes created_at updated_at"
)
OFFER_KEYS = keys(
    "id uid application label currency base bonus equity sign_on benefits yearly first_year "
    "arithmetic start_on deadline location remote notes scores created_at updated_at"
)
