"""Writing an export document's records into a database, kind by kind, all checked first
against the same rules as records typed in, so an import cannot store what the app refuses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy.orm import Session

from afterview.domain.applications import Priority, Salary
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.events import SubjectKind
from afterview.domain.offers import (
    PAY_FIELDS,
    check_amount,
    check_currency,
    check_score,
    check_weights,
    criterion_key,
)
from afterview.domain.reviews import Question, check_review
from afterview.domain.values import (
    NAME_LENGTH,
    ROLE_LENGTH,
    check_domain,
    check_email,
    check_region,
    check_time_zone,
    limit_text,
    require_text,
)
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
    OfferDoc,
    ReferenceUseDoc,
    ReviewDoc,
)
from afterview.services.import_rivals import (
    board_row,
    board_targets,
    posting_row,
    posting_targets,
    rival_row,
    rival_targets,
)
from afterview.services.offers import NOTES_LENGTH, currencies
from afterview.store import transfer as tables

T = TypeVar("T")
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
SUBJECT_TABLES = {
    SubjectKind.COMPANY: "companies",
    SubjectKind.CONTACT: "contacts",
    SubjectKind.APPLICATION: "applications",
    SubjectKind.INTERVIEW: "interviews",
    SubjectKind.DRAFT: "drafts",
}
LABEL_LENGTH = 300  # an offer's label: its application's, or the current job's
# The JSON field of a review that each field named by check_review's errors is in.
REVIEW_FIELDS = {"question": "questions", "fix": "fixes"}


@dataclass
class ImportReport:
    """How many records of each kind were added, updated or already the same."""

    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)


def _fields(record: BaseModel, *leave_out: str) -> dict[str, Any]:
    """The record's top-level fields as a shallow dict (cheaper than model_dump)."""
    return {name: value for name, value in record if name not in leave_out}


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
        # Each interview's application (the file's, where it has the interview).
        self.interview_of = {
            i.uid: i.application for i in (*current.interviews, *document.interviews)
        }
        self.current_profile = current.profile
        self.company_names = {c.uid: c.name for c in (*current.companies, *document.companies)}
        # The file's own company names and aliases, to refuse two companies of one name.
        self.names_in_file: dict[str, int] = {}

    def run(self) -> None:
        self._profile()
        self._write("companies", self._company_row)
        self._write("contacts", self._contact_row)
        self._write("applications", self._application_row)
        self._write("interviews", self._interview_row)
        self._panels()
        self._write("actions", self._action_row)
        self._write("drafts", self._draft_row)
        self._write("reference_uses", self._reference_use_row)
        self._write("reviews", self._review_row)
        self._check_one_offer_each()
        self._write("offers", self._offer_row)
        self._check_criteria()
        self._write("criteria", self._criterion_row)
        self._number_criteria()
        self._competition()
        self._write("events", self._event_row, update=False)

    def _profile(self) -> None:
        profile = self.document.profile
        if profile is None:
            return
        self._check("$.profile.name", lambda: require_text(profile.name, "name"))
        self._check("$.profile.email", lambda: check_email(profile.email))
        self._check("$.profile.time_zone", lambda: check_time_zone(profile.time_zone))
        self._check("$.profile.country", lambda: check_region(profile.country, None))
        self._check(
            "$.profile.subdivision",
            lambda: check_region(profile.country, profile.subdivision),
        )
        for position, place in enumerate(profile.target_places):
            where = f"$.profile.target_places[{position}]"
            self._check(where, partial(require_text, place, "place", NAME_LENGTH))
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

    def _check(self, where: str, check: Callable[[], T]) -> T:
        """Run a domain check; its InvalidInput becomes a ParseError at `where`."""
        try:
            return check()
        except InvalidInput as error:
            raise ParseError(self.source, where, error.message) from None

    def _company_row(self, index: int, c: CompanyDoc) -> dict[str, Any]:
        where = f"$.companies[{index}]"
        self._check(f"{where}.name", lambda: require_text(c.name, "name"))
        for position, alias in enumerate(c.aliases):
            self._check(f"{where}.aliases[{position}]", partial(require_text, alias, "alias"))
        for position, domain in enumerate(c.domains):
            self._check(f"{where}.domains[{position}]", partial(check_domain, domain))
        for name in (c.name, *c.aliases):
            first = self.names_in_file.setdefault(name.casefold(), index)
            if first != index:
                raise ParseError(
                    self.source, f"{where}.name", f"{name!r} also names $.companies[{first}]"
                )
        return _fields(c, "id") | {"name_key": c.name.casefold()}

    def _contact_row(self, index: int, c: ContactDoc) -> dict[str, Any]:
        where = f"$.contacts[{index}]"
        self._check(f"{where}.name", lambda: require_text(c.name, "name"))
        self._check(f"{where}.title", lambda: limit_text(c.title, "title"))
        for position, email in enumerate(c.emails):
            self._check(f"{where}.emails[{position}]", partial(check_email, email))
        company = self._ref("companies", c.company, f"$.contacts[{index}].company")
        return _fields(c, "id", "company") | {"company_id": company}

    def _application_row(self, index: int, a: ApplicationDoc) -> dict[str, Any]:
        where = f"$.applications[{index}]"
        self._check(f"{where}.role", lambda: require_text(a.role, "role", ROLE_LENGTH))
        self._check(f"{where}.source", lambda: limit_text(a.source, "source"))
        self._check(f"{where}.location", lambda: limit_text(a.location, "location"))
        salary = a.salary
        self._check(
            f"{where}.salary",
            lambda: Salary(minimum=salary.min, maximum=salary.max, currency=salary.currency),
        )
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
        self._check(f"{where}.time_zone", lambda: check_time_zone(i.time_zone))
        application = self._ref("applications", i.application, f"{where}.application")
        if i.ends_at <= i.starts_at:
            raise ParseError(self.source, f"{where}.ends_at", "the interview ends before it starts")
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

    def _action_row(self, index: int, a: ActionDoc) -> dict[str, Any]:
        where = f"$.actions[{index}]"
        return _fields(a, "id", "application", "interview", "contact") | {
            "application_id": self._ref("applications", a.application, f"{where}.application"),
            "interview_id": self._ref("interviews", a.interview, f"{where}.interview"),
            "contact_id": self._ref("contacts", a.contact, f"{where}.contact"),
            "kind": str(a.kind),
            "state": str(a.state),
        }

    def _draft_row(self, index: int, d: DraftDoc) -> dict[str, Any]:
        where = f"$.drafts[{index}]"
        self._check(f"{where}.subject", lambda: limit_text(d.subject, "subject", ROLE_LENGTH))
        self._check(f"{where}.recipient_name", lambda: limit_text(d.recipient_name, "name"))
        if d.recipient_email:
            self._check(f"{where}.recipient_email", lambda: check_email(d.recipient_email))
        return _fields(d, "id", "application", "interview", "action", "contact") | {
            "application_id": self._ref("applications", d.application, f"{where}.application"),
            "interview_id": self._ref("interviews", d.interview, f"{where}.interview"),
            "action_id": self._ref("actions", d.action, f"{where}.action"),
            "contact_id": self._ref("contacts", d.contact, f"{where}.contact"),
            "kind": str(d.kind),
            "tone": str(d.tone),
            "state": str(d.state),
        }

    def _reference_use_row(self, index: int, r: ReferenceUseDoc) -> dict[str, Any]:
        where = f"$.reference_uses[{index}]"
        return _fields(r, "id", "contact", "application") | {
            "contact_id": self._ref("contacts", r.contact, f"{where}.contact"),
            "application_id": self._ref("applications", r.application, f"{where}.application"),
        }

    def _review_row(self, index: int, r: ReviewDoc) -> dict[str, Any]:
        where = f"$.reviews[{index}]"
        application = self._ref("applications", r.application, f"{where}.application")
        interview = self._ref("interviews", r.interview, f"{where}.interview")
        if r.interview is not None and self.interview_of.get(r.interview) != r.application:
            raise ParseError(
                self.source, f"{where}.interview", "the interview is of another application"
            )
        try:
            check_review(
                r.kind,
                # Any dimension: the ones rated then may have left the settings since.
                dimensions=[name.strip().casefold() for name in r.ratings],
                ratings=r.ratings,
                questions=[Question(q.text, q.rating) for q in r.questions],
                went_well=r.went_well,
                went_wrong=r.went_wrong,
                strengths=r.strengths,
                weaknesses=r.weaknesses,
                fixes=r.fixes,
                notes=r.notes,
            )
        except InvalidInput as error:
            field = REVIEW_FIELDS.get(error.field or "", error.field)
            raise ParseError(self.source, f"{where}.{field}", error.message) from None
        return _fields(r, "id", "application", "interview", "questions") | {
            "application_id": application,
            "interview_id": interview,
            "kind": str(r.kind),
            "questions": [q.model_dump() for q in r.questions],
        }

    def _check_one_offer_each(self) -> None:
        """One offer per application and one current job (an offer without one), counting
        the database's offers that the file does not hold."""
        in_file = {offer.uid for offer in self.document.offers}
        held = {o.application: o for o in self.existing["offers"].values() if o.uid not in in_file}
        seen: dict[UUID | None, int] = {}
        for index, offer in enumerate(self.document.offers):
            where = f"$.offers[{index}].application"
            second = (
                f"a second current job ({offer.label!r})"
                if offer.application is None
                else f"a second offer for one application ({offer.label!r})"
            )
            first = seen.setdefault(offer.application, index)
            if first != index:
                other = self.document.offers[first].label
                raise ParseError(self.source, where, f"{second}: $.offers[{first}] is {other!r}")
            if offer.application in held:
                other = held[offer.application].label
                raise ParseError(self.source, where, f"{second}: the database holds {other!r}")

    def _offer_row(self, index: int, o: OfferDoc) -> dict[str, Any]:
        where = f"$.offers[{index}]"
        self._check(f"{where}.label", lambda: require_text(o.label, "label", LABEL_LENGTH))
        self._check(f"{where}.currency", lambda: check_currency(o.currency, currencies()))
        for name in PAY_FIELDS:
            self._check(f"{where}.{name}", partial(check_amount, getattr(o, name), name))
        self._check(f"{where}.location", lambda: limit_text(o.location, "location"))
        self._check(f"{where}.notes", lambda: limit_text(o.notes, "notes", NOTES_LENGTH))
        for key, score in o.scores.items():
            self._check(f"{where}.scores.{key}", partial(check_score, key, score))
        return _fields(o, "id", "application") | {
            "application_id": self._ref("applications", o.application, f"{where}.application"),
            "remote": str(o.remote) if o.remote else None,
        }

    def _check_criteria(self) -> None:
        """Keys as the worksheet writes them, each once, and weights that add up to more
        than zero (no criteria at all: the default weights)."""
        seen: dict[str, int] = {}
        for index, c in enumerate(self.document.criteria):
            where = f"$.criteria[{index}].key"
            key = self._check(where, partial(criterion_key, c.key))
            if key != c.key:
                raise ParseError(self.source, where, f"write the criterion {c.key!r} as {key!r}")
            first = seen.setdefault(key, index)
            if first != index:
                raise ParseError(self.source, where, f"{key!r} is also $.criteria[{first}]")
        weights = {c.key: c.weight for c in self.document.criteria}
        if weights:
            self._check("$.criteria", partial(check_weights, weights))

    def _criterion_row(self, index: int, c: CriterionDoc) -> dict[str, Any]:
        return _fields(c, "id")

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

    def _event_row(self, index: int, e: EventDoc) -> dict[str, Any]:
        where = f"$.events[{index}].subject"
        if e.subject.kind == SubjectKind.PROFILE:
            subject_id = 1
        else:
            table = SUBJECT_TABLES[e.subject.kind]
            found = self._ref(table, e.subject.uid, f"{where}.uid")
            if found is None:
                raise ParseError(self.source, f"{where}.uid", "the subject's uid is missing")
            subject_id = found
        return _fields(e, "id", "subject") | {
            "subject_kind": str(e.subject.kind),
            "subject_id": subject_id,
            "kind": str(e.kind),
        }
