"""The plan of one interview across the ten practices (`afterview plan`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from afterview.domain.actions import Action, ActionState
from afterview.domain.applications import Application
from afterview.domain.interviews import Interview
from afterview.domain.pipeline import Health
from afterview.domain.reviews import Review, ReviewKind
from afterview.domain.rivals import JobBoard, since_phrase
from afterview.domain.stages import WAITING_STAGES, Stage
from afterview.services.agenda import health, waiting_windows
from afterview.services.interviews import find_interview
from afterview.services.network import Acquaintance, people_at
from afterview.services.region import Setting, setting
from afterview.services.scan import RankedOpening, best_openings
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import companies as company_store
from afterview.store import interviews as interview_store
from afterview.store import offers as offer_store
from afterview.store import reviews as review_store
from afterview.store import rivals as rival_store

SHOWN_OPENINGS = 3
PRACTICES = {
    1: "Evaluate your performance",
    2: "Inform your references",
    3: "Send thank-you notes",
    4: "Engage the competition",
    5: "Influence outside resources",
    6: "Follow up at the right time",
    7: "Think about whether you need this job",
    8: "Keep patience",
    9: "Don't stop searching",
    10: "Accept rejection with grace",
}


@dataclass(frozen=True, slots=True)
class PracticePlan:
    number: int
    name: str
    actions: list[Action]
    note: str  # why nothing is planned, or what stands in for actions (patience, health)
    openings: tuple[RankedOpening, ...] = ()  # practice 4: the best at the rivals


@dataclass(frozen=True, slots=True)
class InterviewPlan:
    interview: Interview
    zone: str
    practices: list[PracticePlan]


def interview_plan(ws: Workspace, reference: str | int) -> InterviewPlan:
    """All ten practices for one interview: its actions, or why a practice does not apply."""
    with ws.ready().read() as session:
        interview = find_interview(session, reference)
        place = setting(ws, session)
        application = application_store.get_application(session, interview.application_id)
        rounds = interview_store.list_interviews(session, application_id=application.id)
        latest = max(rounds, key=lambda i: i.starts_at)
        actions = [
            a
            for a in action_store.list_actions(session, application_ids=[application.id])
            if a.interview_id in (interview.id, None) and a.state != ActionState.DROPPED
        ]
        today = ws.now().astimezone(ZoneInfo(place.zone)).date()
        waits = waiting_windows(session, ws.now(), today, place, only=application.id)
        patience = waits[0][1].status(today) if waits else None
        fit = health(ws, session, today)
        company = company_store.get_company(session, application.company_id)
        known = people_at(ws, session, company)
        reviewed = review_store.list_reviews(
            session, kinds=[ReviewKind.INTERVIEW], interview_ids=[interview.id]
        )
        offer = offer_store.offer_for(session, application.id)
        scanning = place.rules["competition_scan"].enabled
        best = best_openings(ws, session, company.id, SHOWN_OPENINGS) if scanning else []
        rivals = rival_store.rival_ids(session, company.id)
        boards = rival_store.boards_of(session, rivals) if rivals else []
    notes = _practice_notes(interview, application, place, patience, fit)
    if reviewed and not notes[1]:
        notes[1] = _review_note(reviewed[0])
    if offer is not None and not notes[7]:
        notes[7] = f"The offer: {offer.arithmetic()}" + (
            f"; they need your answer by {offer.deadline:%a %d %b}." if offer.deadline else "."
        )
    if not notes[4]:
        here = ws.now().astimezone(ZoneInfo(place.zone))
        notes[4] = _competition_note(company.name, len(rivals), boards, best, here)
    if not notes[5]:
        notes[5] = _network_note(company.name, known)
    if latest.id != interview.id and not notes[6]:
        notes[6] = (
            f"Follow-ups follow the latest round: round {latest.round} "
            f"(afterview plan {latest.id})."
        )
    if not notes[6] and not any(a.practice == 6 for a in actions):
        notes[6] = "No follow-up is planned: they answered after this interview."
    practices = [
        PracticePlan(
            number,
            name,
            [a for a in actions if a.practice == number],
            notes[number],
            tuple(best) if number == 4 else (),
        )
        for number, name in PRACTICES.items()
    ]
    return InterviewPlan(interview, place.zone, practices)


def _review_note(review: Review) -> str:
    """'Reviewed: answers 3/5, rapport 2/5; weakness rambling (fix: two-minute answers).'"""
    parts = [", ".join(f"{name} {value}/5" for name, value in review.ratings.items())]
    parts += [
        f"weakness {w} (fix: {review.fixes[w]})" for w in review.weaknesses if w in review.fixes
    ]
    said = "; ".join(p for p in parts if p)
    return f"Reviewed: {said}." if said else "Reviewed."


def _competition_note(
    company: str,
    rivals: int,
    boards: list[JobBoard],
    best: list[RankedOpening],
    now: datetime,
) -> str:
    """What the rivals' boards hold for you: 'Best openings at Acme's rivals: Data Engineer
    at Globex (92, new), …; scanned Tuesday.' Or what to do first."""
    if not rivals:
        return (
            f"No rivals of {company} yet: add one by pasting one of its job links "
            f"(afterview rival add {company!r} LINK)."
        )
    if not boards:
        return (
            f"None of {company}'s {rivals} rivals has a job board yet "
            f"(afterview rival board RIVAL LINK)."
        )
    scanned = [b.scanned_at for b in boards if b.scanned_at is not None]
    if not scanned:
        return f"Scan the job boards of {company}'s rivals: afterview scan {company!r}."
    if not best:
        return (
            f"No openings listed at {company}'s rivals at the last scan "
            f"({_scanned_when(max(scanned), now)})."
        )
    listed = [
        f"{o.opening.posting.title} at {o.opening.company} ({o.score:.0f}"
        + (", new)" if o.new else ")")
        for o in best
    ]
    return (
        f"Best openings at {company}'s rivals: {'; '.join(listed)}. "
        f"Scanned {_scanned_when(max(scanned), now)}."
    )


def _scanned_when(at: datetime, now: datetime) -> str:
    """'today at 10:00', 'Tuesday', '3 Nov'."""
    when = since_phrase(at, now).removeprefix("since ")
    return f"today at {when}" if ":" in when else when


def _network_note(company: str, people: list[Acquaintance], shown: int = 3) -> str:
    """Who you know at the company, best first: 'You know 2 people at Globex: Sam Patel
    (Director; same name) and Ana Lima (used to work there).'"""
    if not people:
        return (
            f"Nobody you know at {company} yet: import your connections "
            "(afterview contact import Connections.csv)."
        )
    named = [_who(p) for p in people[:shown]]
    if len(people) > shown:
        named.append(f"{len(people) - shown} more (afterview who {company!r})")
    listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
    noun = "person" if len(people) == 1 else "people"
    return f"You know {len(people)} {noun} at {company}: {listed}."


def _who(person: Acquaintance) -> str:
    about = "used to work there" if person.former else person.contact.title
    return f"{person.contact.name} ({about})" if about else person.contact.name


def _practice_notes(
    interview: Interview,
    application: Application,
    place: Setting,
    patience: str | None,
    fit: Health,
) -> dict[int, str]:
    def off(key: str) -> str:
        return (
            f"Turned off in config.toml (playbook.{key})." if not place.rules[key].enabled else ""
        )

    final = interview.kind == "final"
    return {
        1: off("self_review"),
        2: off("reference_heads_up")
        or (
            "No references given for this application yet: afterview refs give APP CONTACT."
            if final
            else "Applies when references are given or a final round is scheduled."
        ),
        3: off("thank_you"),
        4: off("competition_scan"),
        5: off("network_check"),
        6: off("follow_up")
        or (
            ""
            if application.stage in WAITING_STAGES
            else f"Not waiting for an answer: the application is at stage {application.stage}."
        ),
        7: off("offer_decision")
        or ("" if application.stage == Stage.OFFER else "Applies when an offer arrives."),
        8: patience or "Not waiting for an answer.",
        9: fit.nudge
        or (
            f"{fit.active} active applications; {fit.applied_this_week} of "
            f"{fit.weekly_goal} sent this week."
        ),
        10: ""
        if application.stage == Stage.REJECTED
        else "Applies if the application is rejected: a gracious reply, lessons, a reminder.",
    }
