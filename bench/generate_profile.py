"""Write the large synthetic profile of DESIGN.md as an Afterview export document.

About 2,000 applications over ~600 companies, 6,000 interviews with panels drawn from the
company's contacts, 30,000 contacts and the events the app itself would have written (a
'created' event per record, 'stage_changed' events for applications). Everything comes from
`random.Random(seed)` and a fixed "now", never the real clock: the same arguments give a
byte-identical document.

    python bench/generate_profile.py --out /tmp/profile.json --db /tmp/bench.db

With `--db` the document is also imported into that SQLite file through
`afterview.services.transfer.import_document`, with the config and data folders pointed at a
temporary folder so that no real settings or data are read or written.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import random
import sqlite3
import sys
import tempfile
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.interviews import InterviewKind
from afterview.domain.stages import Stage
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
    write_document,
)


def _items(text: str) -> tuple[str, ...]:
    """'a; b; ; c' → ('a', 'b', '', 'c'): long word lists kept compact."""
    return tuple(item.strip() for item in text.split(";"))


DEFAULT_NOW = "2026-11-26T12:00:00+00:00"
UNIQUE_COMPANY = "Zebulon Benchmark Labs"
HOME_ZONE = "Europe/Berlin"

FIRST_NAMES = _items(
    "Alex; Priya; Marcus; Jenna; Dana; Sam; Mei; Tomás; Grace; Oliver; Ada; Joanna; Bill; Hannah; "
    "Lukas; Sofia; Mateo; Amara; Yuki; Noah; Leila; Chidi; Ingrid; Rafael; Aisha; Kenji; Zoë; "
    "Emeka; Freya; Diego; Nadia; Oskar; Ravi; Elena; Tariq; Camille; Jonas; Ananya; Björn; Lucia; "
    "Kwame; Maya; Henrik; Fatima; Pavel; Chloé; Arjun; Sienna; Mohammed; Ines; Wei; Astrid; "
    "Santiago; Nora; Dmitri; Keiko; Femi; Clara; Ibrahim; Rosa; Theo; Anjali; Mikael; Valentina; "
    "Hiroshi; Olga; Kofi; Elif; Samuel; Ji-woo"
)
LAST_NAMES = _items(
    "Chen; Shah; Lee; Ortiz; Reyes; Patel; Okafor; Álvarez; Hughes; Brooks; Kim; Müller; Schmidt; "
    "Rossi; García; Nguyen; Kowalski; Johansson; Tanaka; Mensah; Dubois; Silva; Novak; Fischer; "
    "Ivanova; Haddad; O'Brien; Singh; Andersen; Costa; Yilmaz; Nakamura; Adeyemi; Lindqvist; "
    "Moreau; Ferreira; Horvat; Kaur; Wagner; Bianchi; Sato; Osei; Petrov; Martínez; Walsh; "
    "Becker; Lopez; Eriksson; Hoffmann; Santos; Kovacs; Mahmoud; Weber; Cohen; Park; Jansen; "
    "Romano; Abebe; Larsen; Das; Moretti; Van Dijk; Gallagher; Suzuki; Nowak; Ahmed; Bauer; "
    "Castillo; Murphy; Zhang"
)
NAME_PREFIXES = _items(
    "North; Blue; Silver; Iron; Bright; Red; Green; Clear; Deep; High; Swift; Cedar; Maple; "
    "Harbor; Summit; Quartz; Lumen; Atlas; Orbit; Nova; Vector; Pixel; Signal; Granite; Copper; "
    "Falcon; Willow; Aurora; Delta; Polar; Solar; Echo; Prism; Tidal; Crimson; Amber; Indigo; "
    "Meridian"
)
NAME_CORES = _items(
    "wind; stone; leaf; field; bridge; forge; gate; path; wave; peak; line; point; works; loop; "
    "grid; light; craft; hive; mark; shift"
)
NAME_KINDS = _items(
    "Analytics; Labs; Systems; Health; Logistics; Fintech; Robotics; Software; Energy; Media; "
    "Bio; Cloud; Data; Security; Games; Mobility; Insurance; Retail; Foods; AI"
)
ROLES = _items(
    "Data Engineer; Senior Data Engineer; Staff Data Engineer; Analytics Engineer; Senior "
    "Analytics Engineer; Data Platform Engineer; ML Engineer; Backend Engineer; Senior Backend "
    "Engineer; Software Engineer; Platform Engineer; Data Scientist; Engineering Manager, Data; "
    "Lead Data Engineer; Site Reliability Engineer; Machine Learning Platform Engineer; Data "
    "Architect; BI Developer"
)
TITLES = _items(
    "Recruiter; Senior Recruiter; Talent Partner; Engineering Manager; Staff Engineer; Senior "
    "Engineer; Software Engineer; Head of Data; Director of Engineering; CTO; Product Manager; "
    "Data Scientist; Tech Lead; VP Engineering; Hiring Manager; Principal Engineer; ;"
)
SOURCES = _items(
    "LinkedIn; LinkedIn; referral; company site; Indeed; Wellfound; recruiter outreach; meetup;"
)
# Zone → (city, salary currency).
ZONES = {
    "America/New_York": ("New York", "USD"),
    "America/Chicago": ("Chicago", "USD"),
    "America/Los_Angeles": ("San Francisco", "USD"),
    "America/Toronto": ("Toronto", "CAD"),
    "America/Sao_Paulo": ("São Paulo", "BRL"),
    "Europe/London": ("London", "GBP"),
    "Europe/Berlin": ("Berlin", "EUR"),
    "Europe/Paris": ("Paris", "EUR"),
    "Europe/Amsterdam": ("Amsterdam", "EUR"),
    "Asia/Kolkata": ("Bengaluru", "INR"),
    "Asia/Singapore": ("Singapore", "SGD"),
    "Asia/Tokyo": ("Tokyo", "JPY"),
    "Australia/Sydney": ("Sydney", "AUD"),
}
ZONE_WEIGHTS = (14, 6, 10, 4, 2, 10, 16, 6, 5, 4, 3, 2, 3)
# The stage each application ends up at, in plausible proportions (percent).
STAGE_WEIGHTS = {
    Stage.SAVED: 6.0,
    Stage.APPLIED: 22.0,
    Stage.SCREENING: 8.0,
    Stage.INTERVIEWING: 10.0,
    Stage.OFFER: 2.5,
    Stage.ACCEPTED: 1.0,
    Stage.REJECTED: 30.0,
    Stage.WITHDRAWN: 5.0,
    Stage.DECLINED: 1.5,
    Stage.GONE_QUIET: 14.0,
}
STAGE_NOTES = {
    Stage.SCREENING: ("Recruiter call booked", "Screening call scheduled"),
    Stage.REJECTED: ("Went with an internal candidate", "Not a fit for the level", "Role closed"),
    Stage.WITHDRAWN: ("Role moved to onsite only", "Accepted another offer", "Team reorg"),
    Stage.GONE_QUIET: ("Two follow-ups, no reply", "No answer for three weeks"),
    Stage.OFFER: ("Verbal offer, written offer to follow", "Offer letter received"),
    Stage.DECLINED: ("Compensation too low", "Chose another offer"),
    Stage.ACCEPTED: ("Signed!",),
}
NEXT_STEPS = _items(
    "within a week; by end of next week; You'll hear from us in 3-5 business days; no timeline; ; "
    "; decision after the final round; early next month; within two weeks"
)
TOPICS = _items(
    "exactly-once delivery with Kafka; migrating dbt models to incremental; designing a CDC "
    "pipeline; SQL window functions; on-call and incident review; data contracts between teams; "
    "batch vs streaming trade-offs; team culture and growth; cost of the warehouse; testing data "
    "pipelines"
)
FLAGS = (
    "on-call rotation is weekly for a team of three",
    "'we move fast, weekends happen'",
    "no budget for training",
    "manager changed twice this year",
)
CONTACT_NOTES = (
    "Met at PyData.",
    "Former colleague.",
    "Referred me.",
    "Connected on LinkedIn.",
    "Happy to be a reference.",
    "Spoke at a meetup together.",
)


@dataclass(frozen=True)
class Sizes:
    applications: int
    companies: int
    interviews: int
    contacts: int


@dataclass
class _Step:
    stage: Stage
    at: datetime
    note: str = ""


@dataclass
class _App:
    index: int
    company: int
    final: Stage
    steps: list[_Step]
    interviews: int = 0


@dataclass
class _Person:
    uid: uuid.UUID
    name: str
    emails: list[str]
    phones: list[str]
    company_uid: uuid.UUID | None
    company_name: str | None
    title: str
    origin: str
    notes: str
    created_at: datetime


@dataclass
class _Event:
    at: datetime
    order: int
    subject: SubjectKind
    uid: uuid.UUID | None
    kind: EventKind
    data: dict[str, object] = field(default_factory=dict)


class Generator:
    """Builds the document; one instance per run, every choice from one seeded Random."""

    def __init__(self, sizes: Sizes, seed: int, now: datetime) -> None:
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.now = now.astimezone(UTC)
        self.events: list[_Event] = []

    # -- helpers ---------------------------------------------------------------------------

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def ago(self, low_days: float, high_days: float) -> datetime:
        seconds = self.rng.uniform(low_days, high_days) * 86400
        return (self.now - timedelta(seconds=seconds)).replace(microsecond=0)

    def event(
        self,
        at: datetime,
        subject: SubjectKind,
        uid: uuid.UUID | None,
        kind: EventKind,
        data: dict[str, object],
    ) -> None:
        self.events.append(_Event(at, len(self.events), subject, uid, kind, data))

    # -- the document ----------------------------------------------------------------------

    def build(self) -> ExportDocument:
        companies = self.company_names()
        zones = self.rng.choices(list(ZONES), weights=ZONE_WEIGHTS, k=len(companies))
        apps = self.plan_applications(len(companies))
        self.spread_interviews(apps)
        contact_company = self.place_contacts(len(companies), apps)
        company_uids = [self.uid() for _ in companies]
        contacts = self.contacts(companies, company_uids, contact_company)
        by_company: dict[int, list[int]] = {}
        for index, owner in enumerate(contact_company):
            if owner is not None:
                by_company.setdefault(owner, []).append(index)
        applications = [self.application(app, companies, company_uids, zones) for app in apps]
        interviews = self.interviews(apps, applications, zones, by_company, contacts)
        first_seen = self.first_seen(len(companies), apps, contact_company, contacts)
        company_docs = self.companies(companies, company_uids, first_seen)
        profile = self.profile(min(c.created_at for c in company_docs))
        contact_docs = [self.contact_doc(i, c) for i, c in enumerate(contacts)]
        return ExportDocument(
            profile=profile,
            companies=company_docs,
            contacts=contact_docs,
            applications=applications,
            interviews=interviews,
            events=self.event_docs(),
        )

    def company_names(self) -> list[str]:
        names = [UNIQUE_COMPANY]
        seen = {UNIQUE_COMPANY.casefold()}
        while len(names) < self.sizes.companies:
            prefix = self.rng.choice(NAME_PREFIXES)
            core = self.rng.choice(NAME_CORES)
            kind = self.rng.choice(NAME_KINDS)
            shape = self.rng.random()
            if shape < 0.55:
                name = f"{prefix}{core} {kind}"
            elif shape < 0.8:
                name = f"{prefix} {kind}"
            else:
                name = f"{prefix}{core}"
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        # The unique company sits somewhere in the middle, not first.
        names.insert(len(names) // 2, names.pop(0))
        return names

    def plan_applications(self, n_companies: int) -> list[_App]:
        """Which company, which final stage and when each stage was reached."""
        unique = n_companies // 2
        others = [i for i in range(n_companies) if i != unique] or [unique]
        # A few companies get many applications, most get one or two.
        weights = [1.0 / (1 + rank) ** 0.6 for rank in range(len(others))]
        self.rng.shuffle(weights)
        cumulative = list(itertools.accumulate(weights))
        stages = list(STAGE_WEIGHTS)
        apps: list[_App] = []
        for index in range(self.sizes.applications):
            if index == self.sizes.applications // 3 or n_companies == 1:
                company, final = unique, Stage.INTERVIEWING
            else:
                company = self.rng.choices(others, cum_weights=cumulative)[0]
                final = self.rng.choices(stages, weights=list(STAGE_WEIGHTS.values()))[0]
            apps.append(_App(index, company, final, self.steps(final)))
        return apps

    def path(self, final: Stage) -> list[Stage]:
        """The stages an application went through to reach `final`, first one included."""
        rng = self.rng
        start = [Stage.SAVED] if rng.random() < 0.3 else []
        to_interviewing = [Stage.APPLIED, *([Stage.SCREENING] if rng.random() < 0.7 else [])]
        to_interviewing.append(Stage.INTERVIEWING)
        match final:
            case Stage.SAVED:
                return [Stage.SAVED]
            case Stage.APPLIED:
                return [*start, Stage.APPLIED]
            case Stage.SCREENING:
                return [*start, Stage.APPLIED, Stage.SCREENING]
            case Stage.INTERVIEWING:
                return [*start, *to_interviewing]
            case Stage.OFFER:
                return [*start, *to_interviewing, Stage.OFFER]
            case Stage.ACCEPTED | Stage.DECLINED:
                return [*start, *to_interviewing, Stage.OFFER, final]
            case Stage.REJECTED:
                reached = rng.choices([1, 2, 3], weights=[50, 20, 30])[0]
            case Stage.GONE_QUIET:
                reached = rng.choices([1, 2], weights=[75, 25])[0]
            case _:  # withdrawn
                reached = rng.choices([0, 1, 2, 3, 4], weights=[10, 35, 20, 30, 5])[0]
        line = [Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]
        body = line[: reached + 1]
        if reached > 0 and not start:
            body = body[1:]
        if final == Stage.WITHDRAWN and reached == 0:
            body = [Stage.SAVED]
        return [*body, final]

    def steps(self, final: Stage) -> list[_Step]:
        stages = self.path(final)
        active = final.is_active
        created = self.ago(1, 90) if active else self.ago(14, 420)
        age = (self.now - created).total_seconds()
        gaps = [self.rng.uniform(2, 21) * 86400 for _ in stages[1:]]
        if gaps and sum(gaps) > age * 0.95:
            scale = age * 0.95 / sum(gaps)
            gaps = [gap * scale for gap in gaps]
        steps = [_Step(stages[0], created)]
        moment = created
        for stage, gap in zip(stages[1:], gaps, strict=True):
            moment = (moment + timedelta(seconds=gap)).replace(microsecond=0)
            note = ""
            if stage in STAGE_NOTES and self.rng.random() < 0.4:
                note = self.rng.choice(STAGE_NOTES[stage])
            steps.append(_Step(stage, moment, note))
        return steps

    def spread_interviews(self, apps: Sequence[_App]) -> None:
        """Give each application that got past applying some rounds, summing to the target."""
        eligible: list[_App] = []
        for app in apps:
            reached = {step.stage for step in app.steps}
            if Stage.OFFER in reached:
                app.interviews = self.rng.randint(4, 9)
            elif Stage.INTERVIEWING in reached:
                app.interviews = self.rng.randint(2, 7)
            elif Stage.SCREENING in reached:
                app.interviews = self.rng.randint(1, 2)
            else:
                continue
            eligible.append(app)
        if not eligible:
            return
        target = min(self.sizes.interviews, 20 * len(eligible))
        target = max(target, len(eligible)) if self.sizes.interviews else 0
        total = sum(app.interviews for app in eligible)
        # Extra rounds go to applications that have ended, so live ones keep a plausible count.
        ended = [app for app in eligible if not app.final.is_active] or eligible
        while total != target:
            app = self.rng.choice(ended if total < target else eligible)
            if total < target and app.interviews < 20:
                app.interviews += 1
                total += 1
            elif total > target and app.interviews > (1 if target else 0):
                app.interviews -= 1
                total -= 1

    def place_contacts(self, n_companies: int, apps: Sequence[_App]) -> list[int | None]:
        """The company of each contact (None for some): at least three where interviews are."""
        wanted = self.sizes.contacts
        interviewing = sorted({app.company for app in apps if app.interviews})
        owners: list[int | None] = []
        for company in interviewing:
            owners.extend([company] * 3)
        owners = owners[:wanted]
        per_company = Counter(app.company for app in apps)
        weights = [1.0 + 3 * per_company[c] for c in range(n_companies)]
        cumulative = list(itertools.accumulate(weights))
        companies = list(range(n_companies))
        while len(owners) < wanted:
            if self.rng.random() < 0.15:
                owners.append(None)
            else:
                owners.append(self.rng.choices(companies, cum_weights=cumulative)[0])
        self.rng.shuffle(owners)
        return owners

    def contacts(
        self, names: Sequence[str], uids: Sequence[uuid.UUID], owners: Sequence[int | None]
    ) -> list[_Person]:
        people: list[_Person] = []
        for owner in owners:
            first = self.rng.choice(FIRST_NAMES)
            last = self.rng.choice(LAST_NAMES)
            handle = _ascii(f"{first}.{last}").lower().replace(" ", "").replace("'", "")
            domain = _domain(names[owner]) if owner is not None else "mail.example"
            emails = [f"{handle}@{domain}"]
            if self.rng.random() < 0.15:
                emails.append(f"{handle}{self.rng.randint(1, 99)}@mail.example")
            phones = []
            if self.rng.random() < 0.3:
                phones.append(f"+1 555 01{self.rng.randint(0, 99):02d}")
            created = self.ago(1, 900)
            people.append(
                _Person(
                    uid=self.uid(),
                    name=f"{first} {last}",
                    emails=emails,
                    phones=phones,
                    company_uid=uids[owner] if owner is not None else None,
                    company_name=names[owner] if owner is not None else None,
                    title=self.rng.choice(TITLES) if owner is not None else "",
                    origin="linkedin" if self.rng.random() < 0.6 else "manual",
                    notes=self.rng.choice(CONTACT_NOTES) if self.rng.random() < 0.1 else "",
                    created_at=created,
                )
            )
        return people

    def application(
        self,
        app: _App,
        names: Sequence[str],
        uids: Sequence[uuid.UUID],
        zones: Sequence[str],
    ) -> ApplicationDoc:
        rng = self.rng
        zone = zones[app.company]
        city, currency = ZONES[zone]
        first, last = app.steps[0], app.steps[-1]
        applied = next((s.at for s in app.steps if s.stage == Stage.APPLIED), None)
        applied_on = applied.astimezone(ZoneInfo(HOME_ZONE)).date() if applied else None
        salary = SalaryDoc(min=None, max=None, currency=None)
        if rng.random() < 0.7:
            low = rng.randrange(60, 200, 5) * 1000
            salary = SalaryDoc(
                min=low, max=low + rng.randrange(10, 45, 5) * 1000, currency=currency
            )
        location = rng.choice(("Remote", f"{city}, hybrid", f"{city}, onsite", f"{city} / remote"))
        uid = self.uid()
        self.event(
            first.at,
            SubjectKind.APPLICATION,
            uid,
            EventKind.CREATED,
            {"summary": f"stage {first.stage}"},
        )
        for before, step in zip(app.steps, app.steps[1:], strict=False):
            data: dict[str, object] = {"from": str(before.stage), "to": str(step.stage)}
            if step.note:
                data["note"] = step.note
            self.event(step.at, SubjectKind.APPLICATION, uid, EventKind.STAGE_CHANGED, data)
        return ApplicationDoc(
            id=app.index + 1,
            uid=uid,
            company=uids[app.company],
            role=rng.choice(ROLES),
            stage=app.final,
            priority=rng.choices(("low", "normal", "high"), weights=(2, 6, 2))[0],
            link=f"https://jobs.example/{_domain(names[app.company]).split('.')[0]}/"
            f"{rng.randint(100000, 999999)}",
            source=rng.choice(SOURCES),
            location=location,
            salary=salary,
            applied_on=applied_on,
            notes=rng.choice(("", "", "", "Apply after the onsite elsewhere.", "Great team.")),
            created_at=first.at,
            updated_at=last.at,
            stage_changed_at=last.at,
        )

    def interviews(
        self,
        apps: Sequence[_App],
        applications: Sequence[ApplicationDoc],
        zones: Sequence[str],
        by_company: dict[int, list[int]],
        contacts: list[_Person],
    ) -> list[InterviewDoc]:
        docs: list[InterviewDoc] = []
        for app, application in zip(apps, applications, strict=True):
            if not app.interviews:
                continue
            for number, (starts, created) in enumerate(self.times(app, zones[app.company]), 1):
                kind = self.kind(number, app.interviews, app.final)
                minutes = {
                    InterviewKind.PHONE: (30, 45),
                    InterviewKind.VIDEO: (45, 60),
                    InterviewKind.TECHNICAL: (60, 90),
                    InterviewKind.PANEL: (90, 120),
                    InterviewKind.ONSITE: (180, 240),
                    InterviewKind.FINAL: (120, 180),
                }.get(kind, (45, 60))
                size = 1 if kind == InterviewKind.PHONE else self.rng.randint(1, 3)
                pool = by_company.get(app.company, [])
                panel = self.rng.sample(pool, min(size, len(pool)))
                for member in panel:
                    contacts[member].created_at = min(contacts[member].created_at, created)
                uid = self.uid()
                self.event(
                    created,
                    SubjectKind.INTERVIEW,
                    uid,
                    EventKind.CREATED,
                    {"summary": f"round {number}, {kind}"},
                )
                docs.append(
                    InterviewDoc(
                        id=len(docs) + 1,
                        uid=uid,
                        application=application.uid,
                        round=number,
                        kind=kind,
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=self.rng.choice(minutes)),
                        time_zone=zones[app.company],
                        location=self.location(kind, application.company),
                        interviewers=[contacts[m].uid for m in panel],
                        next_step_said=self.rng.choice(NEXT_STEPS),
                        notes=self.notes(),
                        created_at=created,
                        updated_at=created,
                    )
                )
        return docs

    def times(self, app: _App, zone: str) -> list[tuple[datetime, datetime]]:
        """(starts_at, created_at) of each round, on weekdays in office hours of `zone`."""
        opened = next(s for s in app.steps if s.stage in (Stage.SCREENING, Stage.INTERVIEWING))
        after = [
            s
            for s in app.steps
            if s.at > opened.at and s.stage not in (Stage.SCREENING, Stage.INTERVIEWING)
        ]
        # A live application has at most its next round ahead (within two weeks).
        upcoming = app.final.is_active and not after and self.rng.random() < 0.5
        if after:
            end = after[0].at - timedelta(days=2)
        elif app.final.is_active:
            end = self.now - timedelta(days=2)
        else:
            end = app.steps[-1].at
        begin = opened.at + timedelta(days=1)
        past = app.interviews - upcoming
        end = max(end, begin + timedelta(days=past))
        if app.final.is_active and not after:  # rounds already held lie in the past
            end = max(begin, min(end, self.now - timedelta(hours=2)))
        span = (end - begin).total_seconds()
        slots = sorted(self.rng.uniform(0, span) for _ in range(past))
        if upcoming:
            ahead = self.now + timedelta(days=self.rng.uniform(0.5, 13))
            slots.append(max((ahead - begin).total_seconds(), slots[-1] if slots else 0))
        local = ZoneInfo(zone)
        result = []
        for offset in slots:
            day = (begin + timedelta(seconds=offset)).astimezone(local).date()
            while day.weekday() >= 5:
                day += timedelta(days=1)
            hour = self.rng.randint(9, 16)
            minute = self.rng.choice((0, 0, 15, 30, 45))
            starts = datetime(day.year, day.month, day.day, hour, minute, tzinfo=local)
            starts = starts.astimezone(UTC)
            created = starts - timedelta(seconds=self.rng.uniform(1, 8) * 86400)
            created = min(max(created, opened.at), self.now, starts).replace(microsecond=0)
            result.append((starts, created))
        return result

    def kind(self, number: int, total: int, final: Stage) -> InterviewKind:
        if number == 1:
            return self.rng.choice((InterviewKind.PHONE, InterviewKind.PHONE, InterviewKind.VIDEO))
        if number == total and final in (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED):
            return self.rng.choice((InterviewKind.FINAL, InterviewKind.ONSITE))
        return self.rng.choice(
            (
                InterviewKind.VIDEO,
                InterviewKind.TECHNICAL,
                InterviewKind.TECHNICAL,
                InterviewKind.PANEL,
                InterviewKind.BEHAVIOURAL,
                InterviewKind.CASE,
                InterviewKind.OTHER,
            )
        )

    def location(self, kind: InterviewKind, company: uuid.UUID) -> str:
        if kind == InterviewKind.PHONE:
            return ""
        if kind in (InterviewKind.ONSITE, InterviewKind.FINAL) and self.rng.random() < 0.7:
            return f"Head office, floor {self.rng.randint(1, 30)}"
        code = "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz") for _ in range(10))
        return f"https://meet.example/{code[:3]}-{code[3:7]}-{code[7:]}"

    def notes(self) -> str:
        lines = []
        if self.rng.random() < 0.6:
            lines.append(f"topic: {self.rng.choice(TOPICS)}")
        if self.rng.random() < 0.1:
            lines.append(f"flag: {self.rng.choice(FLAGS)}")
        if self.rng.random() < 0.3:
            lines.append(self.rng.choice(("Went well.", "Ran out of time.", "Friendly panel.")))
        return "\n".join(lines)

    def first_seen(
        self,
        n_companies: int,
        apps: Sequence[_App],
        owners: Sequence[int | None],
        contacts: Sequence[_Person],
    ) -> list[datetime]:
        """When each company was first recorded: a minute before its first record."""
        earliest: list[datetime | None] = [None] * n_companies
        moments = [(app.company, app.steps[0].at) for app in apps]
        moments += [
            (owner, person.created_at)
            for owner, person in zip(owners, contacts, strict=True)
            if owner is not None
        ]
        for company, moment in moments:
            seen = earliest[company]
            if seen is None or moment < seen:
                earliest[company] = moment
        return [
            (seen - timedelta(minutes=1)) if seen is not None else self.ago(1, 900)
            for seen in earliest
        ]

    def companies(
        self, names: Sequence[str], uids: Sequence[uuid.UUID], created: Sequence[datetime]
    ) -> list[CompanyDoc]:
        docs = []
        # A name or alias names one company only (Afterview refuses a shared one).
        taken = {name.casefold() for name in names}
        for index, (name, uid, at) in enumerate(zip(names, uids, created, strict=True)):
            aliases = []
            words = name.split()
            if len(words) > 1 and self.rng.random() < 0.3 and words[0].casefold() not in taken:
                taken.add(words[0].casefold())
                aliases.append(words[0])
            self.event(at, SubjectKind.COMPANY, uid, EventKind.CREATED, {"summary": name})
            docs.append(
                CompanyDoc(
                    id=index + 1,
                    uid=uid,
                    name=name,
                    aliases=aliases,
                    domains=[_domain(name)] if self.rng.random() < 0.8 else [],
                    notes="",
                    created_at=at,
                    updated_at=at,
                )
            )
        return docs

    def contact_doc(self, index: int, person: _Person) -> ContactDoc:
        where = ", ".join(part for part in (person.title, person.company_name or "") if part)
        label = f"{person.name} ({where})" if where else person.name
        at = person.created_at
        self.event(at, SubjectKind.CONTACT, person.uid, EventKind.CREATED, {"summary": label})
        return ContactDoc(
            id=index + 1,
            uid=person.uid,
            name=person.name,
            emails=person.emails,
            phones=person.phones,
            company=person.company_uid,
            title=person.title,
            origin=person.origin,
            notes=person.notes,
            created_at=at,
            updated_at=at,
        )

    def profile(self, before: datetime) -> ProfileDoc:
        at = before - timedelta(hours=1)
        name = "Robin Fischer"
        self.event(at, SubjectKind.PROFILE, None, EventKind.CREATED, {"summary": name})
        return ProfileDoc(
            name=name,
            email="robin.fischer@example.com",
            time_zone=HOME_ZONE,
            country="DE",
            subdivision="BE",
            target_roles=["Senior Data Engineer", "Analytics Engineer", "Data Platform Engineer"],
            created_at=at,
            updated_at=at,
        )

    def event_docs(self) -> list[EventDoc]:
        """Events in the order they happened, numbered as the app would have numbered them."""
        ordered = sorted(self.events, key=lambda e: (e.at, e.order))
        return [
            EventDoc(
                id=number,
                uid=self.uid(),
                subject=SubjectDoc(kind=e.subject, uid=e.uid),
                kind=e.kind,
                at=e.at,
                data=e.data,
            )
            for number, e in enumerate(ordered, 1)
        ]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@functools.cache
def _domain(name: str) -> str:
    return "".join(ch for ch in _ascii(name).lower() if ch.isalnum()) + ".example"


def generate(sizes: Sizes, seed: int, now: datetime) -> ExportDocument:
    return Generator(sizes, seed, now).build()


def import_into(document: ExportDocument, db_path: Path, now: datetime, *, plan: bool) -> float:
    """Import the document into the SQLite file `db_path`, away from any real settings, then
    (with `plan`) let the playbook plan every application at `now`. Returns the planning
    time in seconds."""
    with tempfile.TemporaryDirectory(prefix="afterview-bench-home-") as home:
        os.environ["AFTERVIEW_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["AFTERVIEW_DATA_DIR"] = str(Path(home) / "data")
        os.environ.pop("AFTERVIEW_DATABASE_URL", None)
        from afterview.config import load_settings
        from afterview.services.playbook import replan_everything
        from afterview.services.transfer import import_document
        from afterview.services.workspace import Workspace
        from afterview.store.database import sqlite_url

        ws = Workspace.open(load_settings(database_url=sqlite_url(db_path), now=now))
        try:
            import_document(ws, document)
            started = time.perf_counter()
            if plan:
                replan_everything(ws)
                _catch_up(ws, now)
            return time.perf_counter() - started
        finally:
            ws.db.engine.dispose()


def _catch_up(ws: object, now: datetime) -> None:
    """A diligent user: what fell due more than two days ago is done, so the agenda holds a
    realistic few overdue items and the table a long history of finished ones."""
    from afterview.domain.actions import ActionState
    from afterview.services.workspace import Workspace
    from afterview.store import actions as action_store

    assert isinstance(ws, Workspace)
    with ws.ready().write() as session:
        old, _n = action_store.pending_due(session, before=now - timedelta(days=2))
        action_store.set_state(session, [a.id for a in old], ActionState.DONE, now)


def add_history(db_path: Path, target: int, now: datetime, seed: int) -> int:
    """Top the actions table up to `target` rows with finished actions of earlier plans
    (done or skipped, due before `now`), as a long search accumulates. Returns how many."""
    rng = random.Random(seed)
    with sqlite3.connect(db_path) as connection:
        have = connection.execute("SELECT count(*) FROM actions").fetchone()[0]
        apps = [row[0] for row in connection.execute("SELECT id FROM applications")]
        rows = []
        for number in range(max(target - have, 0)):
            due = now - timedelta(days=rng.randint(3, 400), minutes=rng.randint(0, 1440))
            stamp = due.replace(tzinfo=None).isoformat(sep=" ")
            state = "done" if rng.random() < 0.85 else "skipped"
            rows.append(
                (
                    uuid.UUID(int=rng.getrandbits(128)).hex,
                    f"history:{number}",
                    "network_check",
                    5,
                    "network_check",
                    rng.choice(apps),
                    stamp,
                    state,
                    "An earlier plan's step",
                    stamp,
                    stamp,
                    stamp,
                )
            )
        connection.executemany(
            "INSERT INTO actions (uid, key, rule, practice, kind, application_id, due_at, state,"
            " reason, created_at, updated_at, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    return len(rows)


def count_rows(db_path: Path) -> dict[str, int]:
    tables = (
        "companies",
        "contacts",
        "applications",
        "interviews",
        "interviewers",
        "events",
        "actions",
    )
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("--now needs an offset, e.g. 2026-11-26T12:00:00+00:00")
    return moment


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write the large synthetic Afterview profile (an export document) and "
        "optionally import it into a SQLite database.",
    )
    default_out = Path(tempfile.gettempdir()) / "afterview-bench" / "profile.json"
    parser.add_argument(
        "--out",
        type=Path,
        default=default_out,
        help=f"where to write the document (default: {default_out})",
    )
    parser.add_argument("--db", type=Path, help="also import the document into this SQLite file")
    parser.add_argument(
        "--force", action="store_true", help="delete the --db file first if it exists"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--no-plan", action="store_true", help="import only; do not plan the actions"
    )
    parser.add_argument(
        "--actions",
        type=int,
        default=60000,
        help="top the actions up to this many with finished ones (default: 60000)",
    )
    parser.add_argument(
        "--now",
        type=_aware,
        default=_aware(DEFAULT_NOW),
        help=f"the fixed 'now' the profile is built around (default: {DEFAULT_NOW})",
    )
    parser.add_argument("--applications", type=int, default=2000, help="default: 2000")
    parser.add_argument("--companies", type=int, default=600, help="default: 600")
    parser.add_argument("--interviews", type=int, default=6000, help="default: 6000")
    parser.add_argument("--contacts", type=int, default=30000, help="default: 30000")
    args = parser.parse_args(argv)
    if min(args.applications, args.companies) < 1 or min(args.interviews, args.contacts) < 0:
        parser.error("need at least one application and company; counts cannot be negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = Sizes(args.applications, args.companies, args.interviews, args.contacts)
    started = time.perf_counter()
    document = generate(sizes, args.seed, args.now)
    generated = time.perf_counter()
    write_document(document, args.out)
    written = time.perf_counter()
    print(
        f"Wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB): "
        f"{len(document.companies)} companies, {len(document.contacts)} contacts, "
        f"{len(document.applications)} applications, {len(document.interviews)} interviews, "
        f"{len(document.events)} events (seed {args.seed}, now {args.now.isoformat()})."
    )
    print(f"  generating: {generated - started:.2f} s, writing: {written - generated:.2f} s")
    if args.db is not None:
        db_path = args.db.expanduser().resolve()
        if args.force:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        start_import = time.perf_counter()
        try:
            planning = import_into(document, db_path, args.now, plan=not args.no_plan)
        except Exception as error:  # the app's own errors carry a readable message
            print(
                f"Error: import into {db_path} failed: {getattr(error, 'message', error)}",
                file=sys.stderr,
            )
            return 1
        imported = time.perf_counter()
        if args.actions and not args.no_plan:
            added = add_history(db_path, args.actions, args.now, args.seed)
            print(f"  added {added} finished actions of earlier plans (--actions {args.actions})")
        counts = ", ".join(f"{n} {table}" for table, n in count_rows(db_path).items())
        print(f"Imported into {db_path}: {counts}")
        print(
            f"  importing: {imported - start_import - planning:.2f} s, "
            f"planning every application: {planning:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
