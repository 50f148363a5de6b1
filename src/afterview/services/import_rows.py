"""An export document's records as table rows, kind by kind, each checked against the same
rules as records typed in (the rivals' kinds: services/import_rivals.py); a record the app
would refuse is a ParseError naming its JSON path."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

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
    InterviewDoc,
    OfferDoc,
    ProfileDoc,
    ReferenceUseDoc,
    ReviewDoc,
)
from afterview.services.import_rivals import Ref
from afterview.services.offers import NOTES_LENGTH, currencies

T = TypeVar("T")
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


def _fields(record: BaseModel, *leave_out: str) -> dict[str, Any]:
    """The record's top-level fields as a shallow dict (cheaper than model_dump)."""
    return {name: value for name, value in record if name not in leave_out}


class Rows:
    """Checks the file's records and turns each into its table's row; `ref` gives the
    database id of the record of a kind and uid (Importer._ref)."""

    def __init__(self, source: str, ref: Ref, interview_of: Mapping[UUID, UUID]) -> None:
        self.source = source
        self.ref = ref
        # Each interview's application (the file's, where it has the interview).
        self.interview_of = interview_of
        # The file's own company names and aliases, to refuse two companies of one name.
        self.names_in_file: dict[str, int] = {}

    def check(self, where: str, check: Callable[[], T]) -> T:
        """Run a domain check; its InvalidInput becomes a ParseError at `where`."""
        try:
            return check()
        except InvalidInput as error:
            raise ParseError(self.source, where, error.message) from None

    def profile(self, profile: ProfileDoc) -> dict[str, Any]:
        self.check("$.profile.name", lambda: require_text(profile.name, "name"))
        self.check("$.profile.email", lambda: check_email(profile.email))
        self.check("$.profile.time_zone", lambda: check_time_zone(profile.time_zone))
        self.check("$.profile.country", lambda: check_region(profile.country, None))
        self.check(
            "$.profile.subdivision",
            lambda: check_region(profile.country, profile.subdivision),
        )
        for position, place in enumerate(profile.target_places):
            where = f"$.profile.target_places[{position}]"
            self.check(where, partial(require_text, place, "place", NAME_LENGTH))
        return profile.model_dump() | {"id": 1}

    def company(self, index: int, c: CompanyDoc) -> dict[str, Any]:
        where = f"$.companies[{index}]"
        self.check(f"{where}.name", lambda: require_text(c.name, "name"))
        for position, alias in enumerate(c.aliases):
            self.check(f"{where}.aliases[{position}]", partial(require_text, alias, "alias"))
        for position, domain in enumerate(c.domains):
            self.check(f"{where}.domains[{position}]", partial(check_domain, domain))
        for name in (c.name, *c.aliases):
            first = self.names_in_file.setdefault(name.casefold(), index)
            if first != index:
                raise ParseError(
                    self.source, f"{where}.name", f"{name!r} also names $.companies[{first}]"
                )
        return _fields(c, "id") | {"name_key": c.name.casefold()}

    def contact(self, index: int, c: ContactDoc) -> dict[str, Any]:
        where = f"$.contacts[{index}]"
        self.check(f"{where}.name", lambda: require_text(c.name, "name"))
        self.check(f"{where}.title", lambda: limit_text(c.title, "title"))
        for position, email in enumerate(c.emails):
            self.check(f"{where}.emails[{position}]", partial(check_email, email))
        company = self.ref("companies", c.company, f"$.contacts[{index}].company")
        return _fields(c, "id", "company") | {"company_id": company}

    def application(self, index: int, a: ApplicationDoc) -> dict[str, Any]:
        where = f"$.applications[{index}]"
        self.check(f"{where}.role", lambda: require_text(a.role, "role", ROLE_LENGTH))
        self.check(f"{where}.source", lambda: limit_text(a.source, "source"))
        self.check(f"{where}.location", lambda: limit_text(a.location, "location"))
        salary = a.salary
        self.check(
            f"{where}.salary",
            lambda: Salary(minimum=salary.min, maximum=salary.max, currency=salary.currency),
        )
        company = self.ref("companies", a.company, f"$.applications[{index}].company")
        return _fields(a, "id", "company", "salary", "priority") | {
            "company_id": company,
            "stage": str(a.stage),
            "priority": int(Priority[a.priority.upper()]),
            "salary_min": a.salary.min,
            "salary_max": a.salary.max,
            "salary_currency": a.salary.currency,
        }

    def interview(self, index: int, i: InterviewDoc) -> dict[str, Any]:
        where = f"$.interviews[{index}]"
        self.check(f"{where}.time_zone", lambda: check_time_zone(i.time_zone))
        application = self.ref("applications", i.application, f"{where}.application")
        if i.ends_at <= i.starts_at:
            raise ParseError(self.source, f"{where}.ends_at", "the interview ends before it starts")
        return _fields(i, "id", "application", "interviewers") | {
            "application_id": application,
            "kind": str(i.kind),
        }

    def action(self, index: int, a: ActionDoc) -> dict[str, Any]:
        where = f"$.actions[{index}]"
        return _fields(a, "id", "application", "interview", "contact") | {
            "application_id": self.ref("applications", a.application, f"{where}.application"),
            "interview_id": self.ref("interviews", a.interview, f"{where}.interview"),
            "contact_id": self.ref("contacts", a.contact, f"{where}.contact"),
            "kind": str(a.kind),
            "state": str(a.state),
        }

    def draft(self, index: int, d: DraftDoc) -> dict[str, Any]:
        where = f"$.drafts[{index}]"
        self.check(f"{where}.subject", lambda: limit_text(d.subject, "subject", ROLE_LENGTH))
        self.check(f"{where}.recipient_name", lambda: limit_text(d.recipient_name, "name"))
        if d.recipient_email:
            self.check(f"{where}.recipient_email", lambda: check_email(d.recipient_email))
        return _fields(d, "id", "application", "interview", "action", "contact") | {
            "application_id": self.ref("applications", d.application, f"{where}.application"),
            "interview_id": self.ref("interviews", d.interview, f"{where}.interview"),
            "action_id": self.ref("actions", d.action, f"{where}.action"),
            "contact_id": self.ref("contacts", d.contact, f"{where}.contact"),
            "kind": str(d.kind),
            "tone": str(d.tone),
            "state": str(d.state),
        }

    def reference_use(self, index: int, r: ReferenceUseDoc) -> dict[str, Any]:
        where = f"$.reference_uses[{index}]"
        return _fields(r, "id", "contact", "application") | {
            "contact_id": self.ref("contacts", r.contact, f"{where}.contact"),
            "application_id": self.ref("applications", r.application, f"{where}.application"),
        }

    def review(self, index: int, r: ReviewDoc) -> dict[str, Any]:
        where = f"$.reviews[{index}]"
        application = self.ref("applications", r.application, f"{where}.application")
        interview = self.ref("interviews", r.interview, f"{where}.interview")
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

    def check_one_offer_each(
        self, offers: Sequence[OfferDoc], existing: Mapping[UUID, OfferDoc]
    ) -> None:
        """One offer per application and one current job (an offer without one), counting
        the database's offers (`existing`) that the file does not hold."""
        in_file = {offer.uid for offer in offers}
        held = {o.application: o for o in existing.values() if o.uid not in in_file}
        seen: dict[UUID | None, int] = {}
        for index, offer in enumerate(offers):
            where = f"$.offers[{index}].application"
            second = (
                f"a second current job ({offer.label!r})"
                if offer.application is None
                else f"a second offer for one application ({offer.label!r})"
            )
            first = seen.setdefault(offer.application, index)
            if first != index:
                other = offers[first].label
                raise ParseError(self.source, where, f"{second}: $.offers[{first}] is {other!r}")
            if offer.application in held:
                other = held[offer.application].label
                raise ParseError(self.source, where, f"{second}: the database holds {other!r}")

    def offer(self, index: int, o: OfferDoc) -> dict[str, Any]:
        where = f"$.offers[{index}]"
        self.check(f"{where}.label", lambda: require_text(o.label, "label", LABEL_LENGTH))
        self.check(f"{where}.currency", lambda: check_currency(o.currency, currencies()))
        for name in PAY_FIELDS:
            self.check(f"{where}.{name}", partial(check_amount, getattr(o, name), name))
        self.check(f"{where}.location", lambda: limit_text(o.location, "location"))
        self.check(f"{where}.notes", lambda: limit_text(o.notes, "notes", NOTES_LENGTH))
        for key, score in o.scores.items():
            self.check(f"{where}.scores.{key}", partial(check_score, key, score))
        return _fields(o, "id", "application") | {
            "application_id": self.ref("applications", o.application, f"{where}.application"),
            "remote": str(o.remote) if o.remote else None,
        }

    def check_criteria(self, criteria: Sequence[CriterionDoc]) -> None:
        """Keys as the worksheet writes them, each once, and weights that add up to more
        than zero (no criteria at all: the default weights)."""
        seen: dict[str, int] = {}
        for index, c in enumerate(criteria):
            where = f"$.criteria[{index}].key"
            key = self.check(where, partial(criterion_key, c.key))
            if key != c.key:
                raise ParseError(self.source, where, f"write the criterion {c.key!r} as {key!r}")
            first = seen.setdefault(key, index)
            if first != index:
                raise ParseError(self.source, where, f"{key!r} is also $.criteria[{first}]")
        weights = {c.key: c.weight for c in criteria}
        if weights:
            self.check("$.criteria", partial(check_weights, weights))

    def criterion(self, index: int, c: CriterionDoc) -> dict[str, Any]:
        return _fields(c, "id")

    def event(self, index: int, e: EventDoc) -> dict[str, Any]:
        where = f"$.events[{index}].subject"
        if e.subject.kind == SubjectKind.PROFILE:
            subject_id = 1
        else:
            table = SUBJECT_TABLES[e.subject.kind]
            found = self.ref(table, e.subject.uid, f"{where}.uid")
            if found is None:
                raise ParseError(self.source, f"{where}.uid", "the subject's uid is missing")
            subject_id = found
        return _fields(e, "id", "subject") | {
            "subject_kind": str(e.subject.kind),
            "subject_id": subject_id,
            "kind": str(e.kind),
        }
