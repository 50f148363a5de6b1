"""Employer matching: precision and recall over the labelled pairs, and its speed.

Prints precision and recall over tests/domain/employer_pairs.csv for each fuzzy threshold
from 80 to 99 (the chosen one marked), then times, in-process:

- reading 30,000 synthetic contacts' company texts and e-mails (`read_affiliation`, cold);
- `find_affiliated`: one company against those 30,000 contacts (`who COMPANY`);
- `pick_employer`: each of 2,000 of those contacts against 300 companies (linking on import).

    python bench/employers.py              # medians of 15 runs
    python bench/employers.py --runs 5 --contacts 30000 --seed 1

Writes nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.domain.test_employers (the labelled pairs' reader)

from tests.domain.test_employers import Target, read_pairs, tally  # noqa: E402

from afterview.domain import employers  # noqa: E402

_STEMS_TEXT = """north wind contoso fabrikam litware adventure works tailspin toys proseware
    woodgrove bank coho vineyard alpine ski house blue yonder airlines lucerne publishing
    wide world importers trey research margie travel humongous insurance graphic design
    institute wingtip fourth coffee datum southridge video relecloud nod publishers vanarsdel
    parnell aerospace zava tasmanian traders bellows college best for you organics"""
STEMS = _STEMS_TEXT.split()
_KINDS_TEXT = """analytics systems labs group consulting partners software health energy capital
    logistics foods media robotics digital bank insurance studios"""
KINDS = _KINDS_TEXT.split()
FORMS = ["", "", "", ", Inc.", " Inc", " LLC", " Ltd", " GmbH", " S.A.", " AG", " Corp.", " plc"]
FREE = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each (default: 15)")
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--employers", type=int, default=12_000, help="distinct employers")
    parser.add_argument("--companies", type=int, default=300, help="for pick_employer")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def company_name(rng: random.Random) -> str:
    words = [rng.choice(STEMS).title() for _ in range(rng.choice((1, 2, 2, 3)))]
    if rng.random() < 0.7:
        words.append(rng.choice(KINDS).title())
    return " ".join(words)


def variant(name: str, rng: random.Random) -> str:
    """How a contact might write `name`: a legal form, other case, a typo now and then."""
    text = name + rng.choice(FORMS)
    if rng.random() < 0.2:
        text = text.upper()
    if rng.random() < 0.1 and len(name) > 8:
        cut = rng.randrange(1, len(name) - 1)
        text = text[:cut] + text[cut + 1 :]
    return text


def synthetic_contacts(count: int, names: Sequence[str], rng: random.Random) -> list[Any]:
    """(company text, e-mails) of `count` contacts, their employers drawn Zipf-like."""
    weights = [1 / (rank + 1) for rank in range(len(names))]
    contacts = []
    for number in range(count):
        name = rng.choices(names, weights)[0]
        company = "" if rng.random() < 0.08 else variant(name, rng)
        domain = (
            "".join(name.split()).lower() + ".example" if rng.random() < 0.5 else rng.choice(FREE)
        )
        emails = (f"c{number}@{domain}",) if rng.random() < 0.2 else ()
        contacts.append((company, emails))
    return contacts


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[-1] * 1000


def report_quality() -> None:
    pairs = read_pairs()
    print(f"Labelled pairs: {len(pairs)} ({sum(p.expected for p in pairs)} the same employer)")
    print("threshold  precision  recall  near-miss precision")
    for threshold in range(80, 100):
        tallies = tally(pairs, threshold)
        mark = "  <- FUZZY_THRESHOLD" if threshold == employers.FUZZY_THRESHOLD else ""
        overall, near = tallies["all"], tallies["near-miss"]
        print(
            f"{threshold:>9}  {overall.precision:9.3f}  {overall.recall:6.3f}"
            f"  {near.precision:19.3f}{mark}"
        )
    chosen = tally(pairs)["all"]
    print(f"Missed at {employers.FUZZY_THRESHOLD}: {chosen.false_negatives or 'none'}")
    print(f"False matches at {employers.FUZZY_THRESHOLD}: {chosen.false_positives or 'none'}\n")


def report_speed(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    names = list(dict.fromkeys(company_name(rng) for _ in range(args.employers)))
    contacts = synthetic_contacts(args.contacts, names, rng)
    chosen = names[20]  # a mid-sized employer in this network
    target = Target(chosen, domains=("".join(chosen.split()).lower() + ".example",))

    def read_all() -> list[employers.Affiliation]:
        employers._reading.cache_clear()
        return [employers.read_affiliation(company, emails) for company, emails in contacts]

    affiliations = read_all()
    keys = len({a.key for a in affiliations})
    print(f"{len(contacts):,} synthetic contacts, {keys:,} distinct company keys")
    found = employers.find_affiliated(target, affiliations)
    levels = sorted({m.level.value for _, m in found})
    print(f"who {target.name!r}: {len(found)} contacts ({', '.join(levels)})")
    timings = [
        ("read_affiliation x 30,000 (cold cache)", read_all),
        (
            "find_affiliated: 1 company x 30,000",
            lambda: employers.find_affiliated(target, affiliations),
        ),
    ]
    index = employers.index_employers([Target(n) for n in names[: args.companies]])
    sample = affiliations[:2000]
    timings.append(
        (
            f"pick_employer: 2,000 x {args.companies} companies",
            lambda: [employers.pick_employer(a, index) for a in sample],
        )
    )
    for label, action in timings:
        median, worst = median_ms(action, args.runs)
        print(f"{label:<44} median {median:7.1f} ms   max {worst:7.1f} ms  ({args.runs} runs)")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    report_quality()
    report_speed(args)


if __name__ == "__main__":
    main()
