"""`afterview offer ...`, driven as a user would: recording offers and the current job,
listing, editing, scoring, weights, and the decision worksheet."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Run


@pytest.fixture
def offers(search: Run) -> Run:
    """Two offers and the current job on a worksheet weighing pay and growth alike; Acme's
    last interview left a red flag in the notes and a low rapport in the self-review."""
    search("interview", "add", "acme", "2026-11-20 14:00", "--notes", "flag: on-call weekly")
    search("review", "2", "--rate", "rapport=2")
    search("offer", "weights", "pay=50", "growth=50", "--remove", "manager", "--remove", "team")
    search("offer", "weights", *(f"--remove={k}" for k in ("mission", "stability")))
    search("offer", "weights", "--remove", "commute", "--remove", "balance")
    search(
        "offer",
        "add",
        "acme",
        "--currency",
        "EUR",
        "--base",
        "100,000",
        "--bonus",
        "5000",
        "--sign-on",
        "10000",
        "--deadline",
        "2026-12-04",
        "--score",
        "growth=2",
    )
    search("offer", "add", "globex", "--currency", "eur", "--base", "80000", "--score", "growth=5")
    search(
        "offer", "add", "--current", "--employer", "Initech", "--currency", "EUR", "--base", "78000"
    )
    return search


def test_recording_an_offer_moves_the_application(search: Run):
    added = search(
        "offer",
        "add",
        "acme",
        "--currency",
        "EUR",
        "--base",
        "95000",
        "--bonus",
        "10_000",
        "--sign-on",
        "5,000",
        "--remote",
        "hybrid",
    )
    assert added.stdout == (
        "Recorded offer 1: Acme Corp — Data Engineer.\n"
        "  base 95,000 + bonus 10,000 = 105,000 EUR a year (first year 110,000 with the "
        "sign-on bonus of 5,000).\n"
        "  The application is at the offer stage; compare: afterview offer compare\n"
    )
    assert json.loads(search("app", "show", "acme", "--json").stdout)["stage"] == "offer"
    current = search("offer", "add", "--current", "--currency", "EUR", "--base", "80000")
    assert current.stdout == (
        "Recorded offer 2: Current job.\n  base 80,000 = 80,000 EUR a year.\n"
    )
    again = search("offer", "add", "--current", "--currency", "EUR", "--base", "1", expect=6)
    assert again.stderr == "Error: A current job is recorded (offer 2): edit it instead.\n"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--base", "95.5k"],
            "Error: --base: '95.5k' is not a whole number (like 95000 or 95,000).\n",
        ),
        (["--base", "1", "--bonus", "-5"], "Error: --bonus: The bonus cannot be negative (-5).\n"),
        (
            ["--base", "1", "--currency", "EUX"],
            "Error: --currency: Unknown currency 'EUX': give its ISO 4217 code, like EUR, USD "
            "or GBP.\n",
        ),
        (
            ["--base", "1", "--deadline", "2026-11-20"],
            "Error: --deadline: The deadline 2026-11-20 has passed (today is 2026-11-26).\n",
        ),
        (
            ["--base", "1", "--remote", "sometimes"],
            "Error: --remote: Remote is one of onsite, hybrid, remote, not 'sometimes'.\n",
        ),
        (
            ["--base", "1", "--score", "growth=7"],
            "Error: --score: Score growth from 1 to 5, not 7.\n",
        ),
        (
            ["--base", "1", "--score", "growth"],
            "Error: --score 'growth': write CRITERION=N, N from 1 (poor) to 5 (excellent).\n",
        ),
    ],
)
def test_bad_offers_are_refused_by_option(search: Run, args: list[str], error: str):
    given = ["--currency", "EUR", *args] if "--currency" not in args else args
    assert search("offer", "add", "acme", *given, expect=5).stderr == error
    assert search("offer", "list").stdout.startswith("No offers yet")


def test_what_offer_add_needs(search: Run):
    for args, error in (
        (["--currency", "EUR", "--base", "1"], "Name the application, or give --current"),
        (["acme", "--current", "--currency", "EUR", "--base", "1"], "Name the application, or"),
        (["acme", "--employer", "Initech", "--currency", "EUR", "--base", "1"], "--employer"),
        (["acme", "--currency", "EUR"], "An offer needs --currency and --base."),
    ):
        assert error in search("offer", "add", *args, expect=2).stderr


def test_listing_editing_scoring_and_removing(offers: Run):
    assert offers("offer", "list").stdout == (
        "ID   Offer                         Yearly        First year   Deadline     Left\n"
        "─────────────────────────────────────────────────────────────────────────────────\n"
        " 3   Current job: Initech          78,000 EUR\n"
        " 1   Acme Corp — Data Engineer     105,000 EUR   115,000      2026-12-04   8 days\n"
        " 2   Globex — Analytics Engineer   80,000 EUR\n"
    )
    [current, acme, _globex] = json.loads(offers("offer", "list", "--json").stdout)
    assert (current["is_current"], current["label"]) == (True, "Current job: Initech")
    assert {k: acme[k] for k in ("yearly", "first_year", "deadline", "scores")} == {
        "yearly": 105_000,
        "first_year": 115_000,
        "deadline": "2026-12-04",
        "scores": {"growth": 2},
    }
    edited = offers("offer", "edit", "acme", "--bonus", "15000", "--deadline", "")
    assert edited.stdout == (
        "Saved offer 1: Acme Corp — Data Engineer: base 100,000 + bonus 15,000 = 115,000 EUR a "
        "year (first year 125,000 with the sign-on bonus of 10,000).\n"
    )
    assert offers("offer", "score", "current", "growth=3", "pay=4").stdout == (
        "Scored Current job: Initech: growth 3, pay 4.\n"
    )
    refused = offers("offer", "score", "globex", "charm=3", expect=5)
    assert refused.stderr.startswith("Error: There is no criterion 'charm' on the worksheet")
    assert offers("offer", "remove", "globex").stdout == (
        "Removed offer 2: Globex — Analytics Engineer.\n"
    )
    assert offers("offer", "remove", "globex", expect=3).stderr == (
        "Error: No offer matching 'globex'.\n"
    )


def test_weights_show_set_and_reset(search: Run):
    shown = search("offer", "weights").stdout
    assert shown.splitlines()[2] == "pay         Pay                 25       25%"
    changed = search("offer", "weights", "pay=40", "Equity upside=5", "--remove", "mission")
    assert "equity-upside   Equity upside       5        4.5%" in changed.stdout
    data = json.loads(search("offer", "weights", "--json").stdout)
    assert data[0] == {"criterion": "pay", "weight": 40.0, "share": 40 / 110}
    assert search("offer", "weights", "pay=nan", expect=5).stderr == (
        "Error: 'pay=nan': write CRITERION=WEIGHT, a number of 0 or more.\n"
    )
    assert search("offer", "weights", "pay=-1", expect=5).stderr == (
        "Error: The weight of pay cannot be negative (-1).\n"
    )
    assert "mission" in search("offer", "weights", "--reset").stdout


def test_the_worksheet_ranks_explains_and_flags(offers: Run):
    assert offers("offer", "compare").stdout == (
        "Decision worksheet: each criterion scored 1 (poor) to 5 (excellent).\n"
        "Criterion   Weight   Globex — Analytics Engineer   Acme Corp — Data Engineer   "
        "Current job: Initech\n" + "─" * 99 + "\n"
        "Pay         50%      3.8*                          5.0*                        3.7*\n"
        "Growth      50%      5                             2                           (3)\n"
        "Score       100%     4.40                          3.50                        3.36\n"
        "Rank                 1                             2                           3\n"
        "* pay worked out from the yearly value: the best offer 5, the others in step.\n"
        "(3) not scored yet, counted as 3: afterview offer score OFFER CRIT=N\n"
        "\n"
        "Ranking\n"
        "1. Globex — Analytics Engineer (offer 2): 4.40 of 5\n"
        "   base 80,000 = 80,000 EUR a year\n"
        "   No red flags in your notes.\n"
        "2. Acme Corp — Data Engineer (offer 1): 3.50 of 5\n"
        "   base 100,000 + bonus 5,000 = 105,000 EUR a year (first year 115,000 with the "
        "sign-on bonus of 10,000)\n"
        "   Answer by Fri 2026-12-04: 8 days left\n"
        "   Red flags:\n"
        "   - on-call weekly (round 2, 20 Nov)\n"
        "   - You rated the rapport 2/5 (round 2, 20 Nov)\n"
        "3. Current job: Initech (offer 3): 3.36 of 5\n"
        "   base 78,000 = 78,000 EUR a year\n"
        "\n"
        "Sensitivity\n"
        "Globex — Analytics Engineer stays ahead whichever single weight moves by 20% either "
        "way. It is most sensitive to growth.\n"
    )
    once = offers("offer", "compare", "--weight", "Pay=300").stdout
    assert once.startswith(
        "For this comparison only: pay 300 (afterview offer weights keeps them).\n"
    )
    assert "1. Acme Corp — Data Engineer (offer 1)" in once
    data = json.loads(offers("offer", "compare", "--json").stdout)
    assert data["shares"] == {"pay": 0.5, "growth": 0.5}
    [globex, acme, current] = data["offers"]
    # Pay: 5 × 80,000 / 105,000 = 3.81; growth 5: (3.81 + 5) / 2.
    assert (globex["rank"], globex["score"], globex["pay_worked_out"]) == (
        1,
        pytest.approx((5 * 80 / 105 + 5) / 2),
        True,
    )
    assert acme["red_flags"] == [
        "on-call weekly (round 2, 20 Nov)",
        "You rated the rapport 2/5 (round 2, 20 Nov)",
    ]
    assert (acme["days_left"], current["unscored"]) == (8, ["growth"])
    assert data["sensitivity"]["holds"] is True
    assert data["summary"].startswith("Globex — Analytics Engineer stays ahead")
    assert offers("offer", "compare", "--weight", "pay", expect=5).stderr == (
        "Error: --weight 'pay': write CRITERION=WEIGHT, a number of 0 or more.\n"
    )


def test_compare_needs_an_offer(search: Run):
    assert search("offer", "compare", expect=5).stderr == (
        "Error: No offers yet: record one first.\n"
    )
