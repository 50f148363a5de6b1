"""Time drafting in-process: a thank-you note to each interviewer of every interview of the
last `--days` days before the profile's fixed now, and a follow-up for each of their
applications, rendered and linted. Reports drafts per second, median of `--runs` rounds.

    python bench/drafts.py                        # builds the large profile (~10 s); ~1.5 min
    python bench/drafts.py --db /tmp/large.db     # a database from generate_profile.py
    python bench/drafts.py --quick                # small profile, 3 runs: a smoke run in seconds
    python bench/drafts.py --cprofile 15          # also profile one (b) round: top 15 functions

(a) is the template engine and the lint alone, from facts gathered beforehand; (b) is what the
app does per draft: the requests' records, `gather_facts`, render and lint, each batch in one
read transaction as `write_drafts` runs in one. Two baselines measured in the same rounds make
the figures comparable across noisy runs: `str.format` of a plain-string thank-you with the
same facts (the ratio column), and a trivial Jinja template. The profile is built with
`generate_profile.py --no-plan` (drafting reads no action; planning would add ~2 minutes) in a
temporary folder, the config and data folders pointed there too; nothing else is written.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from afterview.domain.drafts import DraftFacts, Tone
    from afterview.domain.lint import Finding
    from afterview.services.drafting import Request
    from afterview.services.workspace import Workspace

BENCH = Path(__file__).resolve().parent
FIXED_NOW = "2026-11-26T12:00:00+00:00"
LARGE = {"applications": 2000, "companies": 600, "interviews": 6000, "contacts": 30000}
QUICK = {"applications": 120, "companies": 40, "interviews": 360, "contacts": 1800}
PLAIN_THANK_YOU = (
    "Hi {first_name},\n\nThank you for taking the time to talk with me on {day} about the "
    "{role} role at {company}.\n\nI especially enjoyed our conversation about {topic}.\n\n"
    "I'm still very keen on the role and look forward to hearing about the next steps.\n\n"
    "Best,\n{me}\n"
)
# The baselines go over the drafts' facts this many times, so that their batches are not a
# few milliseconds that one scheduler hiccup doubles.
BASELINE_PASSES = 10
TRIVIAL_JINJA = "Hi {{ name }},\n\nThank you for the {{ role }} interview at {{ company }}.\n"


@dataclass
class Case:
    """One timed batch: `run` drafts `drafts` messages and returns how many it did."""

    name: str
    drafts: int
    run: Callable[[], int]
    times: list[float] = field(default_factory=list)


@dataclass
class Row:
    name: str
    drafts: int
    times: list[float]

    @property
    def per_draft(self) -> float:
        return statistics.median(self.times) / self.drafts


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a database made by generate_profile.py")
    parser.add_argument("--quick", action="store_true", help="small profile and 3 runs")
    parser.add_argument("--runs", type=int, help="timed rounds (default: 5; 3 with --quick)")
    parser.add_argument("--warmups", type=int, default=1, help="untimed rounds first (1)")
    parser.add_argument("--days", type=int, default=30, help="interviews of the last N days (30)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated profile (1)")
    parser.add_argument(
        "--cprofile", type=int, default=0, metavar="N", help="profile one (b) round: top N"
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    if args.runs < 1 or args.warmups < 0 or args.days < 1 or args.cprofile < 0:
        parser.error("--runs and --days must be >= 1, --warmups and --cprofile >= 0")
    if args.db is not None and not args.db.is_file():
        parser.error(f"--db {args.db}: no such file")
    return args


def isolate(home: Path) -> dict[str, str]:
    """No real settings or data, in this process and the generator's."""
    for key in [k for k in os.environ if k.startswith(("AFTERVIEW_", "_AFTERVIEW"))]:
        del os.environ[key]
    os.environ["AFTERVIEW_CONFIG_DIR"] = str(home / "config")
    os.environ["AFTERVIEW_DATA_DIR"] = str(home / "data")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build(home: Path, env: Mapping[str, str], sizes: Mapping[str, int], seed: int) -> Path:
    db = home / "drafts.db"
    argv = [sys.executable, str(BENCH / "generate_profile.py"), "--out", str(home / "p.json")]
    argv += ["--db", str(db), "--seed", str(seed), "--now", FIXED_NOW, "--no-plan"]
    for key, value in sizes.items():
        argv += [f"--{key}", str(value)]
    print("Building the profile (generate_profile.py --no-plan) ...", flush=True)
    started = time.perf_counter()
    result = subprocess.run(argv, env=dict(env), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"generate_profile failed:\n{result.stdout}{result.stderr}")
    print(f"  {result.stdout.strip().splitlines()[-2]} ({time.perf_counter() - started:.1f} s)")
    return db


def thank_you_requests(session: Session, interview_ids: Sequence[int], tone: Tone) -> list[Request]:
    """One request per interviewer, as `write_drafts` builds them for an interview."""
    from afterview.domain.drafts import DraftKind
    from afterview.services.drafting import Request
    from afterview.store import applications, contacts, interviews

    requests = []
    for interview_id in interview_ids:
        interview = interviews.get_interview(session, interview_id)
        application = applications.get_application(session, interview.application_id)
        for contact_id in interview.interviewer_ids:
            requests.append(
                Request(
                    kind=DraftKind.THANK_YOU,
                    application=application,
                    interview=interview,
                    contact=contacts.get_contact(session, contact_id),
                    tone=tone,
                )
            )
    return requests


def follow_up_requests(
    session: Session, application_ids: Sequence[int], tone: Tone
) -> list[Request]:
    """One follow-up per application, to its point of contact, as `write_drafts` does."""
    from afterview.domain.drafts import DraftKind
    from afterview.services.drafting import Request, point_of_contact
    from afterview.store import applications

    requests = []
    for application_id in application_ids:
        application = applications.get_application(session, application_id)
        contact = point_of_contact(session, application, None)
        requests.append(
            Request(kind=DraftKind.FOLLOW_UP, application=application, contact=contact, tone=tone)
        )
    return requests


def render_and_lint(ws: Workspace, facts: DraftFacts) -> list[Finding]:
    from afterview.domain.lint import lint_draft
    from afterview.services.drafting import expected_of, render

    text = render(ws, facts)
    return lint_draft(text.subject, text.body, expected_of(facts, facts.recipient.name))


def measure(db: Path, args: argparse.Namespace) -> int:
    import jinja2

    from afterview.config import load_settings
    from afterview.domain.drafts import Tone
    from afterview.domain.lint import Severity, lint_draft
    from afterview.services.drafting import expected_of, gather_facts, render
    from afterview.services.workspace import Workspace
    from afterview.store import interviews
    from afterview.store.database import sqlite_url

    now = datetime.fromisoformat(FIXED_NOW)
    ws = Workspace.open(load_settings(database_url=sqlite_url(db), now=now))
    tone = Tone(ws.settings.draft_tone)
    with ws.ready().read() as session:
        recent = interviews.list_interviews(
            session, since=now - timedelta(days=args.days), until=now
        )
    interview_ids = [i.id for i in recent if i.interviewer_ids]
    application_ids = sorted({i.application_id for i in recent})
    if not interview_ids:
        raise SystemExit(f"No interview with interviewers in the {args.days} days before {now}.")

    def facts_of(build: Callable[[Session], list[Request]]) -> list[DraftFacts]:
        with ws.db.read() as session:
            return [gather_facts(session, ws, request) for request in build(session)]

    def thanks(session: Session) -> list[Request]:
        return thank_you_requests(session, interview_ids, tone)

    def follow_ups(session: Session) -> list[Request]:
        return follow_up_requests(session, application_ids, tone)

    thank_facts, follow_facts = facts_of(thanks), facts_of(follow_ups)
    every = thank_facts + follow_facts
    # Once untimed: every draft renders and lints (an exception ends the run), and the
    # findings are counted so that a template or lint change that moves them shows.
    findings = Counter(
        f"{f.severity}:{f.code}" for facts in every for f in render_and_lint(ws, facts)
    )
    rendered = [render(ws, facts) for facts in every]
    print(
        f"{len(recent)} interviews in the {args.days} days before {now:%Y-%m-%d %H:%M} UTC "
        f"({len(interview_ids)} with interviewers) on {len(application_ids)} applications: "
        f"{len(thank_facts)} thank-you notes, {len(follow_facts)} follow-ups."
    )
    errors = sum(n for key, n in findings.items() if key.startswith(Severity.ERROR))
    print(
        f"Lint of the {len(every)} drafts: {errors} errors, "
        f"{findings.total() - errors} warnings ("
        + ", ".join(f"{key} {n}" for key, n in findings.most_common())
        + ")"
    )

    def full(build: Callable[[Session], list[Request]]) -> Callable[[], int]:
        def run() -> int:
            with ws.db.read() as session:
                done = 0
                for request in build(session):
                    render_and_lint(ws, gather_facts(session, ws, request))
                    done += 1
                return done

        return run

    def prepared(batch: Sequence[DraftFacts]) -> Callable[[], int]:
        def run() -> int:
            for facts in batch:
                render_and_lint(ws, facts)
            return len(batch)

        return run

    def render_only() -> int:
        for facts in every:
            render(ws, facts)
        return len(every)

    def lint_only() -> int:
        for facts, text in zip(every, rendered, strict=True):
            lint_draft(text.subject, text.body, expected_of(facts, facts.recipient.name))
        return len(every)

    def plain_format() -> int:
        for facts in every * BASELINE_PASSES:
            PLAIN_THANK_YOU.format(
                first_name=facts.recipient.first_name,
                day=facts.interview_day,
                role=facts.role,
                company=facts.company,
                topic=facts.topics[0] if facts.topics else "",
                me=facts.me.name,
            )
        return len(every) * BASELINE_PASSES

    trivial = jinja2.Environment(autoescape=False).from_string(TRIVIAL_JINJA)

    def trivial_jinja() -> int:
        for facts in every * BASELINE_PASSES:
            trivial.render(name=facts.recipient.first_name, role=facts.role, company=facts.company)
        return len(every) * BASELINE_PASSES

    cases = [
        Case("baseline: str.format, plain thank-you", len(every) * BASELINE_PASSES, plain_format),
        Case("baseline: trivial Jinja template", len(every) * BASELINE_PASSES, trivial_jinja),
        Case("render only", len(every), render_only),
        Case("lint only", len(every), lint_only),
        Case("(a) render+lint: thank-you", len(thank_facts), prepared(thank_facts)),
        Case("(a) render+lint: follow-up", len(follow_facts), prepared(follow_facts)),
        Case("(b) facts+render+lint: thank-you", len(thank_facts), full(thanks)),
        Case("(b) facts+render+lint: follow-up", len(follow_facts), full(follow_ups)),
    ]
    print(f"Timing {len(cases)} batches, {args.warmups} warm-up + {args.runs} rounds, round-robin:")
    started = time.perf_counter()
    for round_ in range(args.warmups + args.runs):
        for case in cases:
            began = time.perf_counter()
            done = case.run()
            elapsed = time.perf_counter() - began
            if done != case.drafts:
                raise SystemExit(f"{case.name}: drafted {done}, expected {case.drafts}")
            if round_ >= args.warmups:
                case.times.append(elapsed)
        print(f"\r  round {round_ + 1}/{args.warmups + args.runs}", end="", flush=True)
    print(f" ({time.perf_counter() - started:.1f} s)")
    report(cases)
    if args.cprofile:
        profile_full(full(thanks), full(follow_ups), args.cprofile)
    ws.db.dispose()
    return 0


def both(name: str, first: Case, second: Case) -> Row:
    """Both kinds of a stage, from the sums of the same rounds."""
    times = [a + b for a, b in zip(first.times, second.times, strict=True)]
    return Row(name, first.drafts + second.drafts, times)


def report(cases: Sequence[Case]) -> None:
    rows = [Row(c.name, c.drafts, c.times) for c in cases]
    rows.insert(6, both("(a) render+lint: both", cases[4], cases[5]))
    rows.append(both("(b) facts+render+lint: both", cases[6], cases[7]))
    base = rows[0].per_draft
    print(
        f"\n{'batch':<38} {'drafts':>6} {'median':>9} {'drafts/s':>10} "
        f"{'min–max drafts/s':>18} {'spread':>7} {'per draft':>10} {'ratio':>7}"
    )
    for row in rows:
        median = statistics.median(row.times)
        slowest, fastest = row.drafts / max(row.times), row.drafts / min(row.times)
        spread = (max(row.times) - min(row.times)) / median
        print(
            f"{row.name:<38} {row.drafts:>6} {median * 1e3:>7.1f}ms {row.drafts / median:>10,.0f} "
            f"{f'{slowest:,.0f}–{fastest:,.0f}':>18} {spread:>6.0%} "
            f"{row.per_draft * 1e6:>8.1f}µs {row.per_draft / base:>6.0f}x"
        )
    print(
        "\nratio: time per draft over the str.format baseline's; spread: (max − min) / median "
        f"of the round times; the baselines go over the facts {BASELINE_PASSES} times."
    )


def profile_full(thanks: Callable[[], int], follow_ups: Callable[[], int], top: int) -> None:
    """Where one (b) round goes: own time by package, then the app's functions and every
    function by their own figures."""
    profiler = cProfile.Profile()
    profiler.enable()
    thanks()
    follow_ups()
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in raw.values())
    by_area: dict[str, float] = defaultdict(float)
    for (path, _line, function), (_cc, _nc, own, _cum, _callers) in raw.items():
        by_area[area(path, function)] += own
    print(f"\ncProfile of one (b) round, both kinds ({total:.2f} s under the profiler)")
    print(f"  {'own time by area':<60} {'s':>6} {'share':>6}")
    for name, own in sorted(by_area.items(), key=lambda item: -item[1])[:top]:
        print(f"  {name:<60} {own:>6.3f} {own / total:>6.0%}")
    mine = [(key, entry) for key, entry in raw.items() if "/afterview/" in key[0]]
    print(f"  {'afterview functions by cumulative time':<60} {'s':>6} {'calls':>6}")
    for (path, line, function), entry in sorted(mine, key=lambda item: -item[1][3])[:top]:
        where = f"{path.split('/afterview/')[-1]}:{line} {function}"
        print(f"  {where:<60} {entry[3]:>6.3f} {entry[1]:>6}")
    print(f"  {'functions by own time':<60} {'s':>6} {'calls':>6}")
    for (path, line, function), entry in sorted(raw.items(), key=lambda item: -item[1][2])[:top]:
        where = f"{Path(path).name}:{line} {function}" if line else function
        print(f"  {where[:60]:<60} {entry[2]:>6.3f} {entry[1]:>6}")


def area(path: str, function: str) -> str:
    """The package a profiled function belongs to: 'sqlalchemy', 'afterview.store', ..."""
    if path == "~":  # a built-in: C code
        return "sqlite3 (C)" if "sqlite3" in function else "built-ins (C)"
    if path.endswith(".j2") or path == "<template>":
        return "compiled templates"
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0].removesuffix(".py")
    if "/afterview/" in path:
        parts = path.split("/afterview/")[-1].split("/")
        return "afterview." + parts[0].removesuffix(".py") if len(parts) > 1 else "afterview"
    if path.endswith("bench/drafts.py"):
        return "bench/drafts.py"
    library = path.split(f"/python{sys.version_info.major}.{sys.version_info.minor}/")[-1]
    return "stdlib " + library.split("/")[0].removesuffix(".py")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="afterview-drafts-") as folder:
        home = Path(folder)
        env = isolate(home)
        db = (
            args.db.resolve()
            if args.db
            else build(home, env, QUICK if args.quick else LARGE, args.seed)
        )
        print(f"Database: {db}")
        return measure(db, args)


if __name__ == "__main__":
    sys.exit(main())
