"""Export everything to one document, and import such a document: all or nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.orm import Session

from afterview.domain.applications import Priority
from afterview.domain.errors import Conflict, ParseError
from afterview.domain.events import SubjectKind
from afterview.integrations.export_document import (
    ApplicationDoc,
    CompanyDoc,
    ContactDoc,
    EventDoc,
    ExportDocument,
    InterviewDoc,
    ProfileDoc,
    SalaryDoc,
    SubjectDoc,
    dump_document,
    read_document,
    write_document,
)
from afterview.services.workspace import Workspace
from afterview.store import transfer as tables

KINDS = ("companies", "contacts", "applications", "interviews", "events")
SUBJECT_TABLES = {
    SubjectKind.COMPANY: "companies",
    SubjectKind.CONTACT: "contacts",
    SubjectKind.APPLICATION: "applications",
    SubjectKind.INTERVIEW: "interviews",
}


@dataclass
class ImportReport:
    """How many records of each kind were added, updated or already the same."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


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
    return import_document(ws, read_document(path), merge=merge)


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
        events=[_event_doc(r, uids) for r in read["events"]],
    )


def import_document(
    ws: Workspace, document: ExportDocument, *, merge: bool = False
) -> ImportReport:
    """Add the document's records. Records already here (same uid, or a company of the same
    name) are a conflict unless `merge`, which updates them from the file."""
    _check_unique_uids(document)
    with ws.ready().write() as session:
        empty = tables.is_empty(session)
        current = build_document(session)
        report = ImportReport()
        collisions = _collisions(document, current)
        if collisions and not merge:
            raise Conflict(_describe_collisions(collisions))
        _Importer(session, document, current, report, keep_ids=empty).run()
        if empty:
            tables.reset_sequences(session)
        return report


def _fields(record: BaseModel, *leave_out: str) -> dict[str, Any]:
    """The record's top-level fields as a shallow dict (cheaper than model_dump)."""
    return {name: value for name, value in record if name not in leave_out}


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


def _event_doc(row: dict[str, Any], uids: dict[str, dict[int, UUID]]) -> EventDoc:
    kind = SubjectKind(row["subject_kind"])
    table = SUBJECT_TABLES.get(kind)
    subject_uid = uids[table].get(row["subject_id"]) if table else None
    return EventDoc.model_validate(
        _pick(EventDoc, row) | {"subject": SubjectDoc(kind=kind, uid=subject_uid)}
    )


def _check_unique_uids(document: ExportDocument) -> None:
    for kind in KINDS:
        seen: set[UUID] = set()
        for index, record in enumerate(getattr(document, kind)):
            if record.uid in seen:
                raise ParseError("import", f"$.{kind}[{index}].uid", "the same uid appears twice")
            seen.add(record.uid)


def _collisions(document: ExportDocument, current: ExportDocument) -> list[tuple[str, str]]:
    """(kind, label) of each record of the document that the database already holds."""
    found: list[tuple[str, str]] = []
    names = {company.name.casefold() for company in current.companies}
    for kind in KINDS:
        here = {record.uid for record in getattr(current, kind)}
        for record in getattr(document, kind):
            clash = record.uid in here or (kind == "companies" and record.name.casefold() in names)
            if clash:
                found.append((kind, _label(record)))
    if document.profile and current.profile and document.profile != current.profile:
        found.append(("profile", current.profile.name))
    return found


def _label(record: BaseModel) -> str:
    for attribute in ("name", "role"):
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


class _Importer:
    """Writes a document's records, kind by kind, mapping uids to the database's ids."""

    def __init__(
        self,
        session: Session,
        document: ExportDocument,
        current: ExportDocument,
        report: ImportReport,
        *,
        keep_ids: bool,
    ) -> None:
        self.session = session
        self.document = document
        self.report = report
        self.keep_ids = keep_ids
        self.existing = {kind: {r.uid: r for r in getattr(current, kind)} for kind in KINDS}
        self.ids: dict[str, dict[UUID, int]] = {
            kind: {r.uid: r.id for r in getattr(current, kind)} for kind in KINDS
        }
        self.same_name = {c.name.casefold(): c.uid for c in current.companies}
        self.current_profile = current.profile

    def run(self) -> None:
        from afterview.domain.values import check_time_zone

        self._profile()
        self._write("companies", self._company_row)
        self._write("contacts", self._contact_row)
        self._write("applications", self._application_row)
        for index, interview in enumerate(self.document.interviews):
            self._guard(f"$.interviews[{index}].time_zone", check_time_zone, interview.time_zone)
        self._write("interviews", self._interview_row)
        self._panels()
        self._write("events", self._event_row, update=False)

    def _profile(self) -> None:
        profile = self.document.profile
        if profile is None:
            return
        from afterview.domain.values import check_time_zone

        self._guard("$.profile.time_zone", check_time_zone, profile.time_zone)
        if profile == self.current_profile:
            self.report.unchanged["profile"] += 1
        elif self.current_profile is None:
            tables.insert_rows(self.session, "profile", [profile.model_dump() | {"id": 1}])
            self.report.added["profile"] += 1
        else:
            tables.update_rows(self.session, "profile", [profile.model_dump() | {"id": 1}])
            self.report.updated["profile"] += 1

    def _write(
        self,
        kind: str,
        to_row: Callable[[int, Any], dict[str, Any]],
        *,
        update: bool = True,
    ) -> None:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for index, record in enumerate(getattr(self.document, kind)):
            target = self._target(kind, record)
            if target is None:
                row = to_row(index, record)
                if self.keep_ids:
                    row["id"] = record.id
                    self.ids[kind][record.uid] = record.id
                inserts.append(row)
                self.report.added[kind] += 1
                continue
            self.ids[kind][record.uid] = target.id
            same = target.model_dump(exclude={"id", "uid"}) == record.model_dump(
                exclude={"id", "uid"}
            )
            if same or not update:
                self.report.unchanged[kind] += 1
                continue
            updates.append(to_row(index, record) | {"id": target.id, "uid": target.uid})
            self.report.updated[kind] += 1
        tables.update_rows(self.session, kind, updates)
        assigned = tables.insert_rows(self.session, kind, inserts, returning=not self.keep_ids)
        self.ids[kind].update(assigned)

    def _target(self, kind: str, record: Any) -> Any:
        existing = self.existing[kind]
        if record.uid in existing:
            return existing[record.uid]
        if kind == "companies" and record.name.casefold() in self.same_name:
            return existing[self.same_name[record.name.casefold()]]
        return None

    def _ref(self, kind: str, uid: UUID | None, where: str) -> int | None:
        if uid is None:
            return None
        found = self.ids[kind].get(uid)
        if found is None:
            raise ParseError("import", where, f"no record in {kind} has uid {uid}")
        return found

    def _guard(self, where: str, check: Callable[[str], object], value: str) -> None:
        from afterview.domain.errors import InvalidInput

        try:
            check(value)
        except InvalidInput as error:
            raise ParseError("import", where, error.message) from None

    def _company_row(self, index: int, c: CompanyDoc) -> dict[str, Any]:
        return _fields(c, "id") | {"name_key": c.name.casefold()}

    def _contact_row(self, index: int, c: ContactDoc) -> dict[str, Any]:
        company = self._ref("companies", c.company, f"$.contacts[{index}].company")
        return _fields(c, "id", "company") | {"company_id": company}

    def _application_row(self, index: int, a: ApplicationDoc) -> dict[str, Any]:
        company = self._ref("companies", a.company, f"$.applications[{index}].company")
        return _fields(a, "id", "company", "salary", "priority") | {
            "company_id": company,
            "stage": str(a.stage),
            "priority": int(Priority[a.priority.upper()]),
            "salary_min": a.salary.min,
            "salary_max": a.salary.max,
            "salary_currency": a.salary.currency,
        }

    def _interview_row(self, index: int, i: InterviewDoc) -> dict[str, Any]:
        where = f"$.interviews[{index}]"
        application = self._ref("applications", i.application, f"{where}.application")
        if i.ends_at <= i.starts_at:
            raise ParseError("import", f"{where}.ends_at", "the interview ends before it starts")
        return _fields(i, "id", "application", "interviewers") | {
            "application_id": application,
            "kind": str(i.kind),
        }

    def _panels(self) -> None:
        rows = []
        for index, interview in enumerate(self.document.interviews):
            interview_id = self.ids["interviews"][interview.uid]
            for position, uid in enumerate(interview.interviewers):
                where = f"$.interviews[{index}].interviewers[{position}]"
                contact = self._ref("contacts", uid, where)
                rows.append(
                    {"interview_id": interview_id, "contact_id": contact, "position": position}
                )
        tables.replace_panel(
            self.session, [self.ids["interviews"][i.uid] for i in self.document.interviews]
        )
        tables.insert_rows(self.session, "interviewers", rows)

    def _event_row(self, index: int, e: EventDoc) -> dict[str, Any]:
        where = f"$.events[{index}].subject"
        if e.subject.kind == SubjectKind.PROFILE:
            subject_id = 1
        else:
            table = SUBJECT_TABLES[e.subject.kind]
            found = self._ref(table, e.subject.uid, f"{where}.uid")
            if found is None:
                raise ParseError("import", f"{where}.uid", "the subject's uid is missing")
            subject_id = found
        return _fields(e, "id", "subject") | {
            "subject_kind": str(e.subject.kind),
            "subject_id": subject_id,
            "kind": str(e.kind),
        }
