"""The lint of a draft's words: the live check of the draft editor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel

from afterview.domain.lint import Finding, Severity
from afterview.domain.values import POSTING_LENGTH
from afterview.services.drafts import lint_text
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["drafts"])


class FindingOut(BaseModel):
    """One problem the lint found: errors stop a send, warnings do not."""

    severity: Severity
    code: str
    message: str


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(severity=finding.severity, code=finding.code, message=finding.message)


def lint_counts(findings: Sequence[Finding]) -> tuple[int, int]:
    """How many errors and warnings the lint found."""
    errors = sum(f.severity == Severity.ERROR for f in findings)
    return errors, len(findings) - errors


@router.post("/drafts/{draft_id}/lint")
def lint_draft(
    draft_id: int,
    subject: Annotated[str, Body(max_length=POSTING_LENGTH)],
    body: Annotated[str, Body(max_length=POSTING_LENGTH)],
    ws: WorkspaceDep,
) -> list[FindingOut]:
    """Lint `subject` and `body` as this draft's words, without saving them (errors first)."""
    return [finding_out(f) for f in lint_text(ws, draft_id, subject, body)]
