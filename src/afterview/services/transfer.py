"""Export everything to one document, and import such a document: all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.orm import Session

from afterview.domain.applications import Priority
from afterview.domain.errors import Conflict, ParseError
from afterview.domain.events import SubjectKind
from afterview.integrations.export_document import (
    ActionDoc,
    ApplicationDoc,
    CompanyDoc,
    ContactDoc,
    CriterionDoc,
    DraftDoc,
    EventDoc,
    ExportDocument,
    InterviewDoc,
    JobBoardDoc,
    OfferDoc,
    PostingDoc,
    ProfileDoc,
    ReferenceUseDoc,
    ReviewDoc,
    RivalDoc,
    SalaryDoc,
    SubjectDoc,
    dump_document,
    read_document,
    write_document,
)
from afterview.services.import_rows import SUBJECT_TABLES
from afterview.services.importer import KINDS, Importer, ImportReport
from afterview.services.workspace import Workspace
from afterview.store import transfer as tables


def export_document(ws: Workspace) -> ExportDocument:
    with ws.ready().read() as session:
        return build_document(session)


def export_text(ws: Workspace) -> str:
    return dump_document(export_document(ws))


def export_to_file(ws: Workspace, path: Path) -> int:
    """Write the export to `path` atomically; returns how many records it holds."""
    document = export_document(ws)
    write_document(document, path)
    return sum(len(getattr(document, kind)) for kind in KINDS)


def import_file(ws: Workspace, path: Path, *, merge: bool = False) -> ImportReport:
    return import_document(ws, read_document(path), merge=merge, source=str(path))


def build_document(session: Session) -> ExportDocument:
    """Everything in the database as one document, records in id order."""
    read = {name: tables.read_table(session, name) for name in tables.TABLES}
    uids = {name: {row["id"]: row["uid"] for row in read[name]} for name in KINDS}
    panels: dict[int, list[UUID]] = {}
    for member in sorted(read["interviewers"], key=lambda m: (m["interview_id"], m["position"])):
        panels.setdefault(member["interview_id"], []).append(uids["contacts"][member["contact_id"]])
    profile = read["profile"][0] if read["profile"] else None
    return ExportDocument(
        profile=ProfileDoc.model_validate(_pick(ProfileDoc, profile)) if profile else None,
        companies=[CompanyDoc.model_validate(_pick(CompanyDoc, r)) for r in read["companies"]],
        contacts=[
            ContactDoc.model_validate(
                _pick(ContactDoc, r) | {"company": uids["companies"].get(r["company_id"])}
            )
            for r in read["contacts"]
        ],
        applications=[_application_doc(r, uids["companies"]) for r in read["applications"]],
        interviews=[
            InterviewDoc.model_validate(
                _pick(InterviewDoc, r)
                | {
                    "application": uids["applications"][r["application_id"]],
                    "interviewers": panels.get(r["id"], []),
                }
            )
            for r in read["interviews"]
        ],
        actions=[_action_doc(r, uids) for r in read["actions"]],
        drafts=[_draft_doc(r, uids) for r in read["drafts"]],
        reference_uses=[
            ReferenceUseDoc.model_validate(
                _pick(ReferenceUseDoc, r)
                | {
                    "contact": uids["contacts"][r["contact_id"]],
                    "application": uids["applications"][r["application_id"]],
                }
            )
            for r in read["reference_uses"]
        ],
        reviews=[_review_doc(r, uids) for r in read["reviews"]],
        offers=[
            OfferDoc.model_validate(
                _pick(OfferDoc, r) | {"application": uids["applications"].get(r["application_id"])}
            )
            for r in read["offers"]
        ],
        criteria=[CriterionDoc.model_validate(_pick(CriterionDoc, r)) for r in read["criteria"]],
        rivals=[_rival_doc(r, uids["companies"]) for r in read["rivals"]],
        job_boards=[
            JobBoardDoc.model_validate(
                _pick(JobBoardDoc, r) | {"company": uids["companies"][r["company_id"]]}
            )
            for r in read["job_boards"]
        ],
        postings=[_posting_doc(r, uids) for r in read["postings"]],
        events=[_event_doc(r, uids) for r in read["events"]],
    )


def import_document(
    ws: Workspace, document: ExportDocument, *, merge: bool = False, source: str = "import"
) -> ImportReport:
    """Add the document's records. Records already here (same uid, a company of the same
    name, a criterion or a posting of the same key) are a conflict unless `merge`, which
    updates them from the file (a rivalry of the same two companies, and a company's board,
    too). Errors name `source` (the file) and the JSON path; nothing is written
    unless everything can be."""
    _check_unique_uids(document, source)
    with tables.without_collector(), ws.ready().write() as session:
        empty = tables.is_empty(session)
        current = build_document(session)
        report = ImportReport()
        collisions = _collisions(document, current)
        if collisions and not merge:
            raise Conflict(_describe_collisions(collisions))
        Importer(session, document, current, report, keep_ids=empty, source=source).run()
        if empty:
            tables.reset_sequences(session)
        return report


def _pick(model: type[BaseModel], row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[name] for name in model.model_fields if name in row}


def _application_doc(row: dict[str, Any], companies: dict[int, UUID]) -> ApplicationDoc:
    salary = SalaryDoc(
        min=row["salary_min"], max=row["salary_max"], currency=row["salary_currency"]
    )
    return ApplicationDoc.model_validate(
        _pick(ApplicationDoc, row)
        | {
            "company": companies[row["company_id"]],
            "priority": str(Priority(row["priority"])),
            "salary": salary,
        }
    )


def _action_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> ActionDoc:
    return ActionDoc.model_validate(
        _pick(ActionDoc, row)
        | {
            "application": uids["applications"][row["application_id"]],
            "interview": uids["interviews"].get(row["interview_id"]),
            "contact": uids["contacts"].get(row["contact_id"]),
        }
    )


def _draft_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> DraftDoc:
    return DraftDoc.model_validate(
        _pick(DraftDoc, row)
        | {
            "application": uids["applications"][row["application_id"]],
            "interview": uids["interviews"].get(row["interview_id"]),
            "action": uids["actions"].get(row["action_id"]),
            "contact": uids["contacts"].get(row["contact_id"]),
        }
    )


def _review_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> ReviewDoc:
    return ReviewDoc.model_validate(
        _pick(ReviewDoc, row)
        | {
            "application": uids["applications"][row["application_id"]],
            "interview": uids["interviews"].get(row["interview_id"]),
        }
    )


def _rival_doc(row: dict[str, Any], companies: dict[int, UUID]) -> RivalDoc:
    return RivalDoc.model_validate(
        _pick(RivalDoc, row)
        | {"company": companies[row["company_id"]], "rival": companies[row["rival_id"]]}
    )


def _posting_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> PostingDoc:
    return PostingDoc.model_validate(
        _pick(PostingDoc, row)
        | {
            "company": uids["companies"][row["company_id"]],
            "application": uids["applications"].get(row["application_id"]),
        }
    )


def _event_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> EventDoc:
    kind = SubjectKind(row["subject_kind"])
    table = SUBJECT_TABLES.get(kind)
    subject_uid = uids[table].get(row["subject_id"]) if table else None
    return EventDoc.model_validate(
        _pick(EventDoc, row) | {"subject": SubjectDoc(kind=kind, uid=subject_uid)}
    )


def _check_unique_uids(document: ExportDocument, source: str) -> None:
    for kind in KINDS:
        seen: set[UUID] = set()
        for index, record in enumerate(getattr(document, kind)):
            if record.uid in seen:
                raise ParseError(source, f"$.{kind}[{index}].uid", "the same uid appears twice")
            seen.add(record.uid)


def _collisions(document: ExportDocument, current: ExportDocument) -> list[tuple[str, str]]:
    """(kind, label) of each record of the document that the database already holds."""
    found: list[tuple[str, str]] = []
    names = {company.name.casefold() for company in current.companies}
    keys = {criterion.key for criterion in current.criteria}
    postings = {posting.key for posting in current.postings}
    for kind in KINDS:
        here = {record.uid for record in getattr(current, kind)}
        for record in getattr(document, kind):
            clash = (
                record.uid in here
                or (kind == "companies" and record.name.casefold() in names)
                or (kind == "criteria" and record.key in keys)
                or (kind == "postings" and record.key in postings)
            )
            if clash:
                found.append((kind, _label(record)))
    if document.profile and current.profile and document.profile != current.profile:
        found.append(("profile", current.profile.name))
    return found


def _label(record: BaseModel) -> str:
    for attribute in ("name", "role", "label", "key", "token"):
        value = getattr(record, attribute, None)
        if value:
            return str(value)
    return f"#{getattr(record, 'id', '?')}"


def _describe_collisions(collisions: Sequence[tuple[str, str]]) -> str:
    by_kind: dict[str, list[str]] = {}
    for kind, label in collisions:
        by_kind.setdefault(kind, []).append(label)
    parts = []
    for kind, labels in by_kind.items():
        examples = ", ".join(labels[:3]) + (", ..." if len(labels) > 3 else "")
        parts.append(f"{len(labels)} {kind} ({examples})")
    return (
        "The database already holds records of this file: " + "; ".join(parts) + ". "
        "Use --merge to update them from the file, or import into an empty database."
    )
