"""Writing an export document's records into a database, kind by kind, all checked first
against the same rules as records typed in (services/import_rows.py), so an import cannot store
what the app refuses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from sqlalchemy.orm import Session

from afterview.domain.errors import ParseError
from afterview.integrations.export_document import ExportDocument
from afterview.services.import_rivals import (
    board_row,
    board_targets,
    posting_row,
    posting_targets,
    rival_row,
    rival_targets,
)
from afterview.services.import_rows import Rows
from afterview.store import transfer as tables

__all__ = ["KINDS", "ImportReport", "Importer"]

KINDS = (
    "companies",
    "contacts",
    "applications",
    "interviews",
    "actions",
    "drafts",
    "reference_uses",
    "reviews",
    "offers",
    "criteria",
    "rivals",
    "job_boards",
    "postings",
    "events",
)


@dataclass
class ImportReport:
    """How many records of each kind were added, updated or already the same."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


class Importer:
    """Writes a document's records, kind by kind, mapping uids to the database's ids."""

    def __init__(
        self,
        session: Session,
        document: ExportDocument,
        current: ExportDocument,
        report: ImportReport,
        *,
        keep_ids: bool,
        source: str,
    ) -> None:
        self.source = source
        self.session = session
        self.document = document
        self.report = report
        self.keep_ids = keep_ids
        self.existing = {kind: {r.uid: r for r in getattr(current, kind)} for kind in KINDS}
        self.ids: dict[str, dict[UUID, int]] = {
            kind: {r.uid: r.id for r in getattr(current, kind)} for kind in KINDS
        }
        self.same_name = {c.name.casefold(): c.uid for c in current.companies}
        self.same_key = {c.key: c.uid for c in current.criteria}
        self.current_profile = current.profile
        self.company_names = {c.uid: c.name for c in (*current.companies, *document.companies)}
        interview_of = {i.uid: i.application for i in (*current.interviews, *document.interviews)}
        self.rows = Rows(source, self._ref, interview_of)

    def run(self) -> None:
        rows, document = self.rows, self.document
        self._profile()
        self._write("companies", rows.company)
        self._write("contacts", rows.contact)
        self._write("applications", rows.application)
        self._write("interviews", rows.interview)
        self._panels()
        self._write("actions", rows.action)
        self._write("drafts", rows.draft)
        self._write("reference_uses", rows.reference_use)
        self._write("reviews", rows.review)
        rows.check_one_offer_each(document.offers, self.existing["offers"])
        self._write("offers", rows.offer)
        rows.check_criteria(document.criteria)
        self._write("criteria", rows.criterion)
        self._number_criteria()
        self._competition()
        self._write("events", rows.event, update=False)

    def _profile(self) -> None:
        profile = self.document.profile
        if profile is None:
            return
        row = self.rows.profile(profile)
        if profile == self.current_profile:
            self.report.unchanged["profile"] += 1
        elif self.current_profile is None:
            tables.insert_rows(self.session, "profile", [row])
            self.report.added["profile"] += 1
        else:
            tables.update_rows(self.session, "profile", [row])
            self.report.updated["profile"] += 1

    def _write(
        self,
        kind: str,
        to_row: Callable[[int, Any], dict[str, Any]],
        *,
        update: bool = True,
        targets: Mapping[UUID, Any] | None = None,
    ) -> None:
        """Write a kind's records: each one updates its `target` (by default the record of
        its uid, or the company of its name, or the criterion of its key), if any."""
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for index, record in enumerate(getattr(self.document, kind)):
            target = self._target(kind, record) if targets is None else targets.get(record.uid)
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
        if kind == "criteria" and record.key in self.same_key:
            return existing[self.same_key[record.key]]
        return None

    def _ref(self, kind: str, uid: UUID | None, where: str) -> int | None:
        if uid is None:
            return None
        found = self.ids[kind].get(uid)
        if found is None:
            raise ParseError(self.source, where, f"no record in {kind} has uid {uid}")
        return found

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

    def _number_criteria(self) -> None:
        """Number the criteria 0, 1, … in their order: a merge may put two in one place."""
        found = tables.read_columns(self.session, "criteria", ("id", "position"))
        ordered = sorted(found, key=lambda row: (row.position, row.id))
        moved = [{"id": r.id, "position": at} for at, r in enumerate(ordered) if r.position != at]
        tables.update_rows(self.session, "criteria", moved)

    def _competition(self) -> None:
        """Rivals, job boards and the postings scans found (services/import_rivals.py)."""
        document, existing, ref = self.document, self.existing, self._ref
        names, source = self.company_names, self.source
        rivals = rival_targets(document.rivals, existing["rivals"], ref, names, source)
        self._write("rivals", partial(rival_row, ref), targets=rivals)
        boards = board_targets(document.job_boards, existing["job_boards"], ref, names, source)
        self._write("job_boards", partial(board_row, ref), targets=boards)
        postings = posting_targets(document.postings, existing["postings"], source)
        self._write("postings", partial(posting_row, ref), targets=postings)
