"""The export document's schema without a database: older files, strict sections, docs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from afterview.domain.errors import ParseError
from afterview.integrations.export_document import ExportDocument, parse_document

DOCS = Path(__file__).parents[2] / "docs" / "export-format.md"
UID = "3f0c8a52-6c1d-4f57-9a43-2d1f0e7c9b11"
AT = "2026-11-26T09:00:00Z"


def _document(**sections: Any) -> dict[str, Any]:
    """A file as 0.2 wrote it (no references, reviews, offers or criteria), plus `sections`."""
    base: dict[str, Any] = {
        "format": "afterview-export",
        "version": 1,
        "profile": None,
        "companies": [],
        "contacts": [],
        "applications": [],
        "interviews": [],
        "actions": [],
        "drafts": [],
        "events": [],
    }
    return base | sections


def _offer(**values: Any) -> dict[str, Any]:
    offer = {
        "id": 1,
        "uid": UID,
        "application": None,
        "label": "Current job: Initech",
        "currency": "EUR",
        "base": 80_000,
        "bonus": 0,
        "equity": 0,
        "sign_on": 0,
        "benefits": 0,
        "start_on": None,
        "deadline": None,
        "location": "",
        "remote": None,
        "notes": "",
        "scores": {},
        "created_at": AT,
        "updated_at": AT,
    }
    return offer | values


def test_a_file_from_before_reviews_and_offers_reads_with_none() -> None:
    document = parse_document(_document(), "old.json")
    assert (document.reviews, document.offers, document.criteria) == ([], [], [])
    assert document.reference_uses == []


def test_an_offer_reads_with_the_current_job_as_no_application() -> None:
    [offer] = parse_document(_document(offers=[_offer(remote="hybrid")]), "new.json").offers
    assert (offer.application, offer.remote, offer.currency) == (None, "hybrid", "EUR")


@pytest.mark.parametrize(
    ("sections", "where", "problem"),
    [
        ({"offers": [_offer(currency="EU")]}, "$.offers[0].currency", "at least 3 characters"),
        ({"offers": [_offer(currency="eur")]}, "$.offers[0].currency", "should match pattern"),
        ({"offers": [_offer(base=1.5)]}, "$.offers[0].base", "valid integer"),
        ({"offers": [_offer(remote="sometimes")]}, "$.offers[0].remote", "Input should be"),
        ({"offers": [_offer(salary=1)]}, "$.offers[0].salary", "Extra inputs are not permitted"),
        (
            {"criteria": [{"id": 1, "uid": UID, "key": "pay", "weight": -1, "position": 0}]},
            "$.criteria[0].weight",
            "greater than or equal to 0",
        ),
        ({"reviews": [{"id": 1}]}, "$.reviews[0].uid", "Field required"),
    ],
)
def test_bad_sections_name_the_json_path(sections: dict[str, Any], where: str, problem: str):
    with pytest.raises(ParseError) as raised:
        parse_document(_document(**sections), "bad.json")
    assert raised.value.where == where
    assert problem in raised.value.message


def test_every_section_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for section in ExportDocument.model_fields:
        assert re.search(rf'"{section}": ', text), f"docs/export-format.md lacks {section}"
