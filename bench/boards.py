"""Parsing and ranking 5,000 job postings (issue 8), in-process.

The bodies are made from the fixtures in tests/fixtures/boards (FORMATS.md's shapes, quirks
included: entity-escaped HTML, epoch milliseconds, non-ISO dates, XML): each board's first
posting is copied with its id, title and description varied, so the parsers do the real
work on realistic sizes. The postings are split evenly across the seven boards (714 or 715
each), one body per board. Times are medians of `--runs` runs:

- parsing each board's body (`PARSERS[board](body, token)`), and all of them together;
- ranking all the postings against a profile's target roles, skills and places
  (`domain.ranking.rank_postings`).

    python bench/boards.py              # 5,000 postings, 7 runs
    python bench/boards.py --postings 20000 --runs 3

Writes nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "boards"
ROLES = [
    "Data Engineer",
    "Senior Data Engineer",
    "Analytics Engineer",
    "Backend Engineer",
    "Site Reliability Engineer",
    "Product Manager",
    "Account Executive",
    "Machine Learning Engineer",
    "Staff Software Engineer, Platform",
    "Data Scientist",
]
SKILLS = ["Python", "SQL", "dbt", "Kafka", "Airflow", "Snowflake", "Go", "Kubernetes", "Spark"]
FILLER = (
    "You will work with a small team on systems that matter to our customers. "
    "We value clear writing, careful reviews and steady delivery. "
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=5000, help="postings in all (5000)")
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (7)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from afterview.domain.boards import Board
    from afterview.domain.ranking import Targets, rank_postings
    from afterview.integrations.boards import PARSERS

    rng = random.Random(args.seed)
    boards = list(Board)
    share = [
        args.postings // len(boards) + (i < args.postings % len(boards)) for i in range(len(boards))
    ]
    bodies = {board: _body(board, count, rng) for board, count in zip(boards, share, strict=True)}
    size = sum(len(b) for b in bodies.values())
    print(f"{args.postings} postings over {len(boards)} boards, {size / 1e6:.1f} MB of bodies")

    parsed: dict[Board, list[Any]] = {}
    print(f"\n{'parse':<18} {'postings':>8} {'median':>10} {'per posting':>12}")
    for board in boards:

        def parse(board: Board = board) -> None:
            parsed[board] = PARSERS[board](bodies[board], "rival")

        seconds = _median(parse, args.runs)
        count = len(parsed[board])
        each = seconds / count * 1e6
        print(f"{board.label:<18} {count:>8} {seconds * 1000:>8.1f}ms {each:>10.1f}µs")
    every = [p for board in boards for p in parsed[board]]
    total = _median(lambda: [PARSERS[b](bodies[b], "rival") for b in boards], args.runs)
    each = total / len(every) * 1e6
    print(f"{'all seven':<18} {len(every):>8} {total * 1000:>8.1f}ms {each:>10.1f}µs")

    targets = Targets(
        roles=("Senior Data Engineer", "Analytics Engineer"),
        skills=tuple(SKILLS[:6]),
        places=("New York", "Berlin"),
    )
    ranked: list[Any] = []
    seconds = _median(
        lambda: ranked.__setitem__(slice(None), rank_postings(every, targets)), args.runs
    )
    each = seconds / len(every) * 1e6
    print(f"\nrank {len(every)} postings: {seconds * 1000:.1f} ms median ({each:.1f} µs each)")
    best = ranked[0]
    print(f"best: {best.posting.title!r} ({best.score:.0f}): {'; '.join(best.reasons)}")
    return 0


def _median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _description(rng: random.Random) -> str:
    mentioned = rng.sample(SKILLS, rng.randint(1, 5))
    return FILLER * rng.randint(2, 6) + "You know " + ", ".join(mentioned) + "."


def _body(board: Any, count: int, rng: random.Random) -> bytes:
    """`count` postings in `board`'s response shape, from its fixture."""
    name = board.value
    if name == "personio":
        text = (FIXTURES / "personio" / "feed.xml").read_text(encoding="utf-8")
        found = re.search(r"<position>.*?</position>", text, re.DOTALL)
        assert found is not None
        one = found.group(0)
        positions = []
        for i in range(count):
            item = re.sub(r"<id>\d+</id>", f"<id>{100000 + i}</id>", one, count=1)
            item = re.sub(r"<name>.*?</name>", f"<name>{rng.choice(ROLES)}</name>", item, count=1)
            item = item.replace("<![CDATA[", f"<![CDATA[<p>{_description(rng)}</p>", 1)
            positions.append(item)
        start, end = text.index("<position>"), text.rindex("</position>") + len("</position>")
        return (text[:start] + "\n".join(positions) + text[end:]).encode("utf-8")
    fixture = {
        "greenhouse": "jobs.json",
        "lever": "postings.json",
        "ashby": "job-board.json",
        "smartrecruiters": "postings-offset-0.json",
        "workable": "account.json",
        "recruitee": "offers.json",
    }[name]
    data = json.loads((FIXTURES / name / fixture).read_text(encoding="utf-8"))
    items_key = {
        "greenhouse": "jobs",
        "ashby": "jobs",
        "smartrecruiters": "content",
        "workable": "jobs",
        "recruitee": "offers",
    }.get(name)
    items = data if items_key is None else data[items_key]
    template = items[0]
    made = []
    for i in range(count):
        item = copy.deepcopy(template)
        title, text = rng.choice(ROLES), _description(rng)
        if name == "greenhouse":
            item.update(id=4_000_000 + i, title=title, content=f"&lt;p&gt;{text}&lt;/p&gt;")
        elif name == "lever":
            item.update(
                id=f"{i:08d}-0000-4000-8000-000000000000",
                text=title,
                descriptionPlain=text,
                description=f"<p>{text}</p>",
            )
        elif name == "ashby":
            item.update(
                id=f"{i:08d}-aaaa-4000-8000-000000000000",
                title=title,
                descriptionPlain=text,
                isListed=True,
            )
        elif name == "smartrecruiters":
            item.update(id=str(744_000_000_000 + i), name=title)
        elif name == "workable":
            item.update(shortcode=f"W{i:09d}", title=title, description=f"<p>{text}</p>")
        else:
            item.update(id=i + 1, slug=f"role-{i}", title=title, description=f"<p>{text}</p>")
        made.append(item)
    if items_key is None:
        return json.dumps(made).encode("utf-8")
    data[items_key] = made
    if name == "smartrecruiters":
        data.update(offset=0, limit=len(made), totalFound=len(made))
    return json.dumps(data).encode("utf-8")


if __name__ == "__main__":
    sys.exit(main())
