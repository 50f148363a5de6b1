"""A small, realistic job search to look at: replayed through the real use cases, so every
record has an honest timeline, and placed around the current time."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from afterview.domain.actions import ActionState
from afterview.domain.applications import Priority, Salary, parse_salary
from afterview.domain.drafts import DraftState
from afterview.domain.errors import Conflict
from afterview.domain.interviews import InterviewKind
from afterview.domain.reviews import Question
from afterview.domain.stages import Stage
from afterview.services.applications import add_application, change_stage
from afterview.services.companies import add_company
from afterview.services.contacts import add_contact
from afterview.services.demo_rivals import sample_rivals
from afterview.services.interviews import add_interview
from afterview.services.offers import add_offer
from afterview.services.profile import set_up_profile
from afterview.services.rejection import reject
from afterview.services.reviews import record_lessons, review_interview
from afterview.services.transfer import export_document, import_document
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import drafts as draft_store
from afterview.store.database import sqlite_url
from afterview.store.transfer import is_empty

HOME = "America/New_York"


# A workspace whose clock is stopped `days` from today at `hour`:`minute` at home.
_Clock = Callable[..., Workspace]


def fill_with_sample_data(ws: Workspace) -> None:
    """Fill an empty database with the sample search; refuse to mix it into real data.

    The search is played out in a scratch SQLite file, then imported in one transaction, so
    an interrupted demo leaves the database as it was.
    """
    with ws.ready().read() as session:
        if not is_empty(session):
            raise Conflict(
                f"The database at {ws.db.display_name} already holds data; the demo only fills "
                "an empty one. Run `afterview demo` without --db for a temporary database."
            )
    with tempfile.TemporaryDirectory(prefix="afterview-demo-") as folder:
        settings = ws.settings.model_copy(
            update={"database_url": sqlite_url(Path(folder) / "scratch.db")}
        )
        scratch = Workspace.open(settings)
        try:
            _play_out(scratch)
            _catch_up(scratch)
            import_document(ws, export_document(scratch))
        finally:
            scratch.db.dispose()


def _catch_up(ws: Workspace) -> None:
    """The sample user is diligent: what was due before yesterday is done (and each note
    written for it was sent on time), so the agenda shows a realistic few overdue items
    rather than the whole history."""
    now = ws.now()
    with ws.ready().write() as session:
        old, _n = action_store.pending_due(session, before=now - timedelta(days=1))
        action_store.set_state(session, [a.id for a in old], ActionState.DONE, now)
        due = {a.id: a.due_at for a in old}
        for draft in draft_store.list_drafts(session, action_ids=list(due)):
            sent_at = min(due[draft.action_id or 0], now)
            draft_store.update_draft(
                session, draft.id, now, state=DraftState.SENT, sent_at=sent_at, channel="e-mail"
            )


def _play_out(ws: Workspace) -> None:
    home = ZoneInfo(HOME)
    today = ws.now().astimezone(home).date()

    def at(days: int, hour: int, minute: int = 0) -> Workspace:
        return ws.at(datetime.combine(today + timedelta(days=days), time(hour, minute), home))

    set_up_profile(
        at(-45, 9),
        name="Alex Morgan",
        email="alex.morgan@example.com",
        time_zone=HOME,
        country="US",
        subdivision="NY",
        target_roles=["Senior Data Engineer", "Analytics Engineer"],
        skills=["Python", "SQL", "dbt", "Kafka", "Airflow", "Snowflake"],
        target_places=["New York"],
        accomplishments=[
            "Built a change-data-capture pipeline with Kafka that cut reporting latency from "
            "a day to five minutes",
            "Migrated 300 dbt models to incremental builds, halving the warehouse bill",
            "Mentored three junior engineers, two of whom now lead their own projects",
            "Designed the on-call runbook that cut pipeline incidents by 60% in a year",
        ],
    )
    _companies(at)
    _network(at)
    _northwind(at)
    _globex(at)
    _initech(at)
    _umbrella(at)
    _early_stages(at)
    _cyberdyne(at)
    sample_rivals(at)


def _companies(at: _Clock) -> None:
    add_company(
        at(-45, 9), name="Northwind Analytics", aliases=["Northwind"], domains=["northwind.example"]
    )
    add_company(
        at(-45, 9), name="Globex", aliases=["Globex Corporation"], domains=["globex.example"]
    )


def _network(at: _Clock) -> None:
    add_contact(
        at(-44, 10),
        name="Mei Chen",
        emails=["mei.chen@northwind.example"],
        company="Northwind Analytics",
        title="Staff Engineer",
        notes="Former teammate at Contoso; referred me.",
    )
    add_contact(
        at(-44, 10),
        name="Tomás Álvarez",
        emails=["tomas@alvarez.example"],
        company="Globex",
        title="Product Manager",
        notes="Met at PyData NYC.",
    )
    add_contact(
        at(-44, 10),
        name="Grace Okafor",
        emails=["grace.okafor@example.org"],
        title="Engineering Director",
        notes="My manager at Contoso; happy to be a reference.\n"
        "relationship: my manager at Contoso, 2020–2024",
    )
    # The recruiters' and interviewers' addresses, from their invitations.
    for name, email, company, title in (
        ("Sam Patel", "sam.patel@globex.example", "Globex", "Analytics Manager"),
        ("Dana Reyes", "dana.reyes@northwind.example", "Northwind Analytics", "Data Lead"),
        ("Marcus Lee", "marcus.lee@northwind.example", "Northwind Analytics", "Staff Engineer"),
    ):
        add_contact(at(-30, 9), name=name, emails=[email], company=company, title=title)


def _northwind(at: _Clock) -> None:
    ref = "Northwind"
    add_application(
        at(-24, 9),
        company="Northwind Analytics",
        role="Senior Data Engineer",
        source="referral (Mei Chen)",
        location="New York, hybrid",
        link="https://boards.greenhouse.io/northwind/jobs/4012345",
        salary=_salary("170k-195k USD"),
    )
    change_stage(at(-20, 16), ref, Stage.SCREENING, note="Recruiter call booked")
    screen = add_interview(
        at(-20, 16),
        application=ref,
        starts=_when(at, -18, 11),
        duration="30m",
        kind=InterviewKind.PHONE,
        interviewers=["Priya Shah"],
        next_step_said="You'll hear from us within a week",
        notes="Recruiter screen. topic: why streaming over batch\nSalary band fits.",
    )
    review_interview(
        at(-18, 13),
        screen.id,
        ratings={"preparation": 4, "answers": 3, "rapport": 4, "logistics": 5},
        questions=[
            Question("Tell me about yourself.", 3),
            Question("Why streaming over batch?", 4),
        ],
        went_well="The CDC story landed; salary band fits.",
        went_wrong="My intro ran four minutes.",
        weaknesses=["rambling"],
        fixes={"rambling": "Answer in two minutes, then stop and ask if they want more"},
    )
    _northwind_rounds(at, ref)


def _northwind_rounds(at: _Clock, ref: str) -> None:
    change_stage(at(-14, 10), ref, Stage.INTERVIEWING)
    technical = add_interview(
        at(-14, 10),
        application=ref,
        starts=_when(at, -10, 14),
        duration="1h30m",
        kind=InterviewKind.TECHNICAL,
        interviewers=["Marcus Lee", "Jenna Ortiz"],
        location="https://meet.google.com/abc-defg-hij",
        next_step_said="by end of next week",
        notes="Designed a CDC pipeline on the whiteboard.\n"
        "topic: exactly-once delivery with Kafka\n"
        "flag: on-call rotation is weekly for a team of three",
    )
    review_interview(
        at(-10, 17),
        technical.id,
        ratings={"preparation": 5, "answers": 4, "examples": 4, "questions": 4, "rapport": 4},
        questions=[Question("How would you get exactly-once delivery with Kafka?", 4)],
        went_well="Whiteboard design was clear; asked about their on-call load.",
        strengths=["system design", "kafka"],
    )
    add_interview(
        at(-3, 12),
        application=ref,
        starts=_when(at, 2, 10),
        duration="3h",
        kind=InterviewKind.FINAL,
        interviewers=["Dana Reyes", "Marcus Lee"],
        location="200 Park Ave S, 11th floor, New York",
        notes="Onsite loop: system design, values, meet the team.",
    )


def _globex(at: _Clock) -> None:
    ref = "Globex"
    add_application(
        at(-18, 20),
        company="Globex",
        role="Analytics Engineer",
        source="LinkedIn",
        location="Remote (US)",
        salary=_salary("150k-165k USD"),
    )
    change_stage(at(-9, 9), ref, Stage.INTERVIEWING)
    call = add_interview(
        at(-9, 9),
        application=ref,
        starts=_when(at, -2, 15),
        kind=InterviewKind.VIDEO,
        interviewers=["Sam Patel"],
        next_step_said="within a week",
        notes="Hiring manager call.\ntopic: migrating 300 dbt models to incremental\n"
        "They liked the data-contract story.",
    )
    review_interview(
        at(-2, 17),
        call.id,
        ratings={"preparation": 4, "answers": 4, "examples": 5, "rapport": 5},
        questions=[Question("Why Globex?", 4), Question("Tell me about yourself.", 4)],
        strengths=["storytelling", "dbt"],
    )


def _initech(at: _Clock) -> None:
    ref = "Initech"
    add_application(
        at(-35, 9),
        company="Initech",
        role="Data Platform Engineer",
        source="company site",
        location="Jersey City, onsite",
        salary=_salary("160k-175k USD"),
        priority=Priority.HIGH,
    )
    change_stage(at(-30, 11), ref, Stage.INTERVIEWING)
    coding = add_interview(
        at(-30, 11),
        application=ref,
        starts=_when(at, -27, 10),
        kind=InterviewKind.TECHNICAL,
        interviewers=["Bill Lumbergh"],
        notes="Live coding in SQL. flag: 'we move fast, weekends happen'",
    )
    review_interview(
        at(-27, 15),
        coding.id,
        ratings={"preparation": 3, "answers": 3, "examples": 2, "questions": 3, "rapport": 3},
        questions=[
            Question("Walk me through a data model you designed.", 3),
            Question("How do you test SQL?", 2),
        ],
        went_wrong="No numbers in my stories.",
        weaknesses=["few numbers"],
        fixes={"few numbers": "Put one number in every story (latency, cost, people)"},
    )
    panel = add_interview(
        at(-20, 9),
        application=ref,
        starts=_when(at, -15, 13),
        duration="2h",
        kind=InterviewKind.PANEL,
        interviewers=["Bill Lumbergh", "Joanna Kim"],
        next_step_said="decision within 3 business days of your final round",
    )
    review_interview(
        at(-15, 17),
        panel.id,
        ratings={"preparation": 4, "answers": 3, "examples": 4, "rapport": 2, "logistics": 3},
        questions=[
            Question("Tell me about yourself.", 4),
            Question("How do you handle on-call?", 2),
        ],
        went_wrong="The manager seemed distracted; I rambled on the on-call question.",
        weaknesses=["rambling"],
        fixes={"rambling": "Practise the on-call answer with a two-minute timer"},
    )
    change_stage(at(-1, 17), ref, Stage.OFFER, note="Verbal offer, written offer to follow")
    today = at(0, 9).now().astimezone(ZoneInfo(HOME)).date()
    add_offer(
        at(-1, 18),
        ref,
        currency="USD",
        base=172_000,
        bonus=17_000,
        equity=12_000,
        sign_on=20_000,
        benefits=14_000,
        deadline=(today + timedelta(days=6)).isoformat(),
        location="Jersey City, onsite",
        remote="onsite",
        scores={
            "growth": 3,
            "manager": 2,
            "team": 3,
            "mission": 3,
            "stability": 4,
            "commute": 2,
            "balance": 2,
        },
    )
    add_offer(
        at(-1, 18),
        None,
        employer="Vandelay Industries",
        currency="USD",
        base=148_000,
        bonus=9_000,
        benefits=12_000,
        location="New York, hybrid",
        remote="hybrid",
        scores={
            "growth": 2,
            "manager": 4,
            "team": 4,
            "mission": 2,
            "stability": 4,
            "commute": 4,
            "balance": 4,
        },
    )


def _umbrella(at: _Clock) -> None:
    add_application(
        at(-30, 9),
        company="Umbrella Health",
        role="ML Engineer",
        source="Indeed",
        location="Boston, hybrid",
    )
    video = add_interview(
        at(-14, 9),
        application="Umbrella",
        starts=_when(at, -8, 11),
        kind=InterviewKind.VIDEO,
        interviewers=["Ada Brooks"],
    )
    review_interview(
        at(-8, 15),
        video.id,
        ratings={"preparation": 3, "answers": 2, "examples": 3, "rapport": 4},
        questions=[
            Question("How would you evaluate a churn model?", 2),
            Question("Tell me about yourself.", 4),
        ],
        weaknesses=["ml depth"],
        fixes={"ml depth": "Finish the feature-store side project and write it up"},
    )
    reject(
        at(-4, 10),
        "Umbrella",
        reason="Went with an internal candidate",
        feedback="Strong engineering; they wanted deeper ML modelling experience.",
        still_interested=True,
    )
    record_lessons(
        at(-3, 9),
        "Umbrella",
        went_well="Rapport with Ada; the pipeline questions.",
        went_wrong="Model evaluation answers were thin.",
        weaknesses=["ml depth"],
        fixes={"ml depth": "Take the model evaluation course before the next ML role"},
    )


WAYNE_POSTING = """Staff Data Engineer — Wayne Fintech (New York or remote, US)

About Wayne Fintech:
- Payments infrastructure for 2,000 credit unions
- Series C, 180 people

What you'll bring:
- 7+ years building data pipelines in Python and SQL
- Hands-on experience with Kafka or another streaming platform
- Experience owning dbt projects and warehouse costs
- A track record of mentoring engineers
- Familiarity with PCI DSS or other payment compliance regimes
"""


def _early_stages(at: _Clock) -> None:
    add_application(
        at(-5, 9),
        company="Stark Logistics",
        role="Data Engineer",
        source="Wellfound",
        location="Remote",
    )
    add_application(
        at(-2, 21),
        company="Wayne Fintech",
        role="Staff Data Engineer",
        stage=Stage.SAVED,
        link="https://jobs.lever.co/waynefintech/7f3c",
        notes="Apply after the Northwind onsite.",
        posting=WAYNE_POSTING,
    )
    add_application(at(-40, 9), company="Acme Robotics", role="Data Engineer II", source="LinkedIn")
    change_stage(at(-35, 9), "Acme Robotics", Stage.SCREENING)
    change_stage(at(-7, 9), "Acme Robotics", Stage.GONE_QUIET, note="Two follow-ups, no reply")
    add_application(at(-33, 9), company="Hooli", role="Senior Analytics Engineer")
    change_stage(at(-21, 9), "Hooli", Stage.WITHDRAWN, note="Role moved to the Bay Area only")


def _cyberdyne(at: _Clock) -> None:
    add_application(
        at(-6, 14),
        company="Cyberdyne Systems",
        role="Data Engineer",
        source="recruiter outreach",
        location="London / remote",
    )
    change_stage(at(-3, 9), "Cyberdyne", Stage.SCREENING)
    add_interview(
        at(-3, 9),
        application="Cyberdyne",
        starts=_when(at, 1, 15, "Europe/London"),
        duration="45m",
        kind=InterviewKind.PHONE,
        interviewers=["Oliver Hughes"],
        next_step_said="no timeline",
    )


def _when(at: _Clock, days: int, hour: int, zone: str = HOME) -> str:
    """The text a user would type for `hour`:00 local time about `days` from now, on a
    weekday: a past weekend day moves back to Friday, a future one on to Monday."""
    day = at(days, 12).now().astimezone(ZoneInfo(zone)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1 if days > 0 else -1)
    return f"{day:%Y-%m-%d} {hour:02d}:00 {zone}"


def _salary(text: str) -> Salary:
    return parse_salary(text)
