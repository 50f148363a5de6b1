"""Employer names: normalising them, and matching contacts with companies."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from afterview.domain.companies import Company
from afterview.domain.employers import (
    FUZZY_THRESHOLD,
    GROUP_WORDS,
    LEGAL_FORMS,
    Affiliation,
    EmployerMatch,
    MatchLevel,
    find_affiliated,
    index_employers,
    is_free_mail,
    match_employer,
    normalise_company,
    pick_employer,
    read_affiliation,
    work_domains,
)

PAIRS = Path(__file__).with_name("employer_pairs.csv")
SLOW = settings(max_examples=300, deadline=None)


@dataclass(frozen=True)
class Target:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    contact: str
    emails: tuple[str, ...]
    target: Target
    expected: bool
    kind: str
    note: str

    def describe(self) -> str:
        emails = f" <{', '.join(self.emails)}>" if self.emails else ""
        return f"{self.contact!r}{emails} vs {self.target.name!r} ({self.kind})"


def read_pairs(path: Path = PAIRS) -> list[Pair]:
    """The labelled (contact company, target company, same employer?) pairs."""

    def values(text: str) -> tuple[str, ...]:
        return tuple(v for v in text.split(";") if v)

    with path.open(encoding="utf-8", newline="") as file:
        return [
            Pair(
                contact=row["contact_company"],
                emails=values(row["contact_emails"]),
                target=Target(
                    row["target_name"], values(row["target_aliases"]), values(row["target_domains"])
                ),
                expected={"yes": True, "no": False}[row["expected"]],
                kind=row["kind"],
                note=row["note"],
            )
            for row in csv.DictReader(file)
        ]


@dataclass
class Tally:
    """Predictions against labels; precision is 1.0 when nothing was predicted."""

    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        predicted = self.true_positives + len(self.false_positives)
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + len(self.false_negatives)
        return self.true_positives / expected if expected else 1.0

    def add(self, pair: Pair, predicted: bool) -> None:
        if predicted and pair.expected:
            self.true_positives += 1
        elif predicted:
            self.false_positives.append(pair.describe())
        elif pair.expected:
            self.false_negatives.append(pair.describe())

    def summary(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"(true positives {self.true_positives}, false positives {self.false_positives}, "
            f"missed {self.false_negatives})"
        )


def tally(pairs: list[Pair], threshold: float = FUZZY_THRESHOLD) -> dict[str, Tally]:
    """Tallies over all pairs ('all') and per kind."""
    found: dict[str, Tally] = {"all": Tally()}
    for pair in pairs:
        affiliation = read_affiliation(pair.contact, pair.emails)
        predicted = match_employer(affiliation, pair.target, threshold=threshold) is not None
        found["all"].add(pair, predicted)
        found.setdefault(pair.kind, Tally()).add(pair, predicted)
    return found


def make_company(name: str, *, aliases: tuple[str, ...] = (), domains: tuple[str, ...] = ()):
    moment = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    return Company(
        id=1,
        uid=UUID(int=1),
        name=name,
        aliases=aliases,
        domains=domains,
        created_at=moment,
        updated_at=moment,
    )


NORTHWIND = Target("Northwind Analytics", aliases=("NWA",), domains=("northwind.example",))


def match(company: str, target: Target = NORTHWIND, emails: tuple[str, ...] = ()):
    return match_employer(read_affiliation(company, emails), target)


# ---------------------------------------------------------------- normalise_company


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Northwind Analytics, Inc.", "northwind analytics"),
        ("NORTHWIND ANALYTICS L.L.C.", "northwind analytics"),
        ("The Walt Disney Company", "walt disney"),
        ("Johnson & Johnson", "johnson and johnson"),
        ("AT&T Inc.", "at and t"),
        ("Société Générale S.A.", "societe generale"),
        ("Zürich Versicherung", "zurich versicherung"),
        ("Ørsted A/S", "orsted"),
        ("Straße GmbH", "strasse"),
        ("Enel S.p.A.", "enel"),
        ("J.P. Morgan", "jp morgan"),
        ("McDonald’s", "mcdonalds"),
        ("L'Oréal", "loreal"),
        ("Amazon.com, Inc.", "amazon"),
        ("Acme (UK) Ltd", "acme"),
        ("(ISC)²", "isc 2"),  # a leading bracket is the name
        ("Goldman Sachs & Co. LLC", "goldman sachs"),
        ("Robert Bosch GmbH & Co. KG", "robert bosch"),
        ("Cemex, S.A.B. de C.V.", "cemex"),
        ("Canva Pty Ltd", "canva"),
        ("Warner Bros. Discovery", "warner brothers discovery"),
        ("Marriott Int'l", "marriott international"),
        ("Hewlett-Packard", "hewlett packard"),
        ("Yahoo!", "yahoo"),
        ("ＡＣＭＥ™", "acme"),
        ("  acme \t corp  ", "acme"),
        ("Inc.", "inc"),
        ("The", "the"),
        ("The Co.", "the"),
        ("", ""),
        ("—", ""),
    ],
)
def test_normalise_company(name: str, key: str):
    assert normalise_company(name) == key


@pytest.mark.parametrize("word", sorted(GROUP_WORDS | {"international", "global", "partners"}))
def test_group_holding_and_the_like_stay_part_of_the_name(word: str):
    assert normalise_company(f"Acme {word.title()}") == f"acme {word}"


@pytest.mark.parametrize("form", sorted(LEGAL_FORMS))
def test_every_legal_form_is_dropped_from_the_end_but_never_leaves_nothing(form: str):
    assert normalise_company(f"Acme Analytics {form.upper()}") == "acme analytics"
    assert normalise_company(form) == form


def test_legal_forms_are_dropped_only_at_the_end():
    assert normalise_company("AG Barr") == "ag barr"
    assert normalise_company("Co-operative Bank") == "co operative bank"


def test_only_latin_letters_lose_their_accents():
    assert normalise_company("Йота") == "йота"  # the breve makes another letter
    assert normalise_company("ガスト") == "ガスト"  # a voicing mark is no accent
    assert normalise_company("नमस्ते") == "नमस्ते"


_NAME_PARTS = (
    "Acme the The & and Co. Inc Société S.A. Zürich Group (UK) a/s J.P. Amazon.com ’s ß İ de ,"
)
names = st.text(st.characters(codec="utf-8"), max_size=30) | st.lists(
    st.sampled_from(_NAME_PARTS.split()), max_size=6
).map(" ".join)
words = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyzäöüéçø", min_size=2, max_size=8), min_size=1, max_size=4
)


@SLOW
@given(names)
@example("The The Acme")
@example("Acme and Inc")
@example("ǅ ㎒ ﬁ")
def test_normalising_twice_changes_nothing(name: str):
    once = normalise_company(name)
    assert normalise_company(once) == once


@SLOW
@given(names)
def test_case_does_not_matter(name: str):
    key = normalise_company(name)
    assert normalise_company(name.upper()) == key
    assert normalise_company(name.lower()) == key


@SLOW
@given(names, st.sampled_from(["", " ", "\t", "\n ", "\u00a0"]), st.sampled_from(["", " ", "\t"]))
def test_surrounding_whitespace_does_not_matter(name: str, before: str, after: str):
    assert normalise_company(before + name + after) == normalise_company(name)


@SLOW
@given(
    names,
    st.sampled_from(["Inc.", "Inc", "LLC", "L.L.C.", "Ltd", "GmbH", "S.A.", "SpA", "AG"]),
    st.sampled_from([" ", ", ", " - "]),
)
def test_a_trailing_legal_form_does_not_matter(name: str, form: str, comma: str):
    assume(normalise_company(name))
    assert normalise_company(f"{name}{comma}{form}") == normalise_company(name)


@SLOW
@given(
    words,
    st.sampled_from([", ", " - ", " / ", " · ", " | ", ": "]),
    st.sampled_from(["", ".", "!"]),
)
def test_punctuation_between_words_does_not_matter(parts: list[str], comma: str, end: str):
    assert normalise_company(comma.join(parts) + end) == normalise_company(" ".join(parts))


# ---------------------------------------------------------------- e-mail domains


@pytest.mark.parametrize(
    "domain",
    [
        "gmail.com",
        "GMAIL.COM",
        "outlook.com",
        "hotmail.co.uk",
        "yahoo.com",
        "yahoo.co.jp",
        "icloud.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "web.de",
        "live.fr",
    ],
)
def test_free_mail_domains(domain: str):
    assert is_free_mail(domain)


@pytest.mark.parametrize(
    "domain", ["northwind.example", "yahooinc.com", "live.nationcorp.com", "mail.google.com"]
)
def test_work_domains_are_not_free_mail(domain: str):
    assert not is_free_mail(domain)


def test_work_domains_are_lower_case_each_once_without_free_mail():
    emails = ["Dana@Northwind.Example", "dana@gmail.com", "d@northwind.example", "not-an-address"]
    assert work_domains(emails) == ("northwind.example",)


# ---------------------------------------------------------------- one contact, one company


def test_exact_names_say_what_was_dropped():
    assert match("Northwind Analytics, Inc.") == EmployerMatch(
        level=MatchLevel.EXACT, score=100, reason="same name once 'Inc.' is dropped"
    )
    assert match("Northwind Analytics").reason == "same name"
    assert match("NORTHWIND ANALYTICS").reason == "same name apart from case"
    assert match("The Northwind Analytics S.A.").reason == (
        "same name once 'S.A.' and 'The' are dropped"
    )
    assert match("Société Générale", Target("Societe Generale SA")).reason == (
        "same name once 'SA' is dropped, ignoring accents"
    )
    assert match("Procter & Gamble", Target("Procter and Gamble")).reason == (
        "same name, reading '&' as 'and'"
    )
    assert match("Mail Chimp", Target("Mailchimp")).reason == "same name, ignoring spaces"


def test_a_trailing_group_or_holdings_is_one_step_below_exact():
    found = match("Rakuten Group, Inc.", Target("Rakuten"))
    assert found == EmployerMatch(
        level=MatchLevel.EXACT, score=95, reason="same name once 'Inc.' and 'Group' are dropped"
    )
    assert match("Hut", Target("The Hut Group")) is None  # 'hut' is too short a name
    assert match("Virgin Atlantic", Target("Virgin Group")) is None


def test_aliases():
    assert match("NWA") == EmployerMatch(level=MatchLevel.ALIAS, score=100, reason="alias 'NWA'")
    assert match("N.W.A.").level is MatchLevel.ALIAS
    assert match("NWB") is None


def test_email_domains_and_their_subdomains():
    found = match("", emails=("dana@mail.northwind.example",))
    assert found == EmployerMatch(
        level=MatchLevel.EMAIL, score=95, reason="e-mail at mail.northwind.example"
    )
    assert match("", emails=("x@northwind.example.evil.test",)) is None
    assert match("", emails=("x@notnorthwind.example",)) is None


def test_free_mail_never_links_even_when_the_company_lists_it():
    google = Target("Google", domains=("google.com", "gmail.com"))
    assert match("", google, emails=("sam@gmail.com",)) is None


def test_names_come_before_email_domains():
    found = match("Northwind Analytics", emails=("dana@northwind.example",))
    assert found is not None
    assert found.level is MatchLevel.EXACT


def test_close_spellings():
    assert match("Nortwind Analytics") == EmployerMatch(
        level=MatchLevel.FUZZY,
        score=97,
        reason="close spelling: 'Nortwind Analytics' ~ 'Northwind Analytics' (97)",
    )
    deloitte = Target("Deloitte", aliases=("Deloitte Touche Tohmatsu",))
    assert match("Deloite", deloitte).reason == "close spelling: 'Deloite' ~ 'Deloitte' (93)"
    found = match("Deloite Touche Tohmatsu", deloitte)
    assert found.reason.startswith("close spelling of an alias: 'Deloite Touche Tohmatsu' ~ ")


@pytest.mark.parametrize(
    ("contact", "target"),
    [
        ("Deutsche Bahn", "Deutsche Bank"),  # words under 5 letters must be equal
        ("Revolt", "Revolut"),  # one-word names under 7 letters must be equal
        ("Northwind", "Northwind Analytics"),  # another number of words
        ("Amazon Web Services", "Amazon"),
        ("Austrian Airlines", "Australian Airlines"),  # two edits in an 8-letter word
    ],
)
def test_close_spellings_that_are_other_companies(contact: str, target: str):
    assert match(contact, Target(target)) is None


def test_a_company_record_is_an_employer():
    company = make_company("Northwind Analytics", aliases=("NWA",), domains=("northwind.example",))
    found = match_employer(read_affiliation("NWA"), company)
    assert found is not None
    assert found.level is MatchLevel.ALIAS


# ---------------------------------------------------------------- the labelled pairs


def test_the_labelled_set_is_large_and_has_both_answers():
    pairs = read_pairs()
    assert len(pairs) >= 60
    assert sum(p.expected for p in pairs) >= 25
    assert sum(not p.expected for p in pairs) >= 25
    assert sum(p.kind == "near-miss" for p in pairs) >= 20


def test_precision_and_recall_on_the_labelled_pairs():
    tallies = tally(read_pairs())
    overall, near = tallies["all"], tallies["near-miss"]
    figures = f"overall: {overall.summary()}\nnear misses: {near.summary()}"
    assert near.precision == 1.0, figures
    assert overall.precision >= 0.95, figures
    assert overall.recall >= 0.95, figures


def test_the_threshold_is_the_best_one_the_labelled_pairs_allow():
    pairs = read_pairs()
    recalls = {}
    for threshold in range(80, 100):
        tallied = tally(pairs, threshold)["all"]
        if tallied.precision == 1.0:
            recalls[threshold] = tallied.recall
    assert FUZZY_THRESHOLD in recalls, recalls
    assert recalls[FUZZY_THRESHOLD] == max(recalls.values()), recalls


def test_the_batch_answers_as_one_contact_at_a_time():
    pairs = read_pairs()
    for target in dict.fromkeys(p.target for p in pairs):
        mine = [read_affiliation(p.contact, p.emails) for p in pairs if p.target == target]
        one_by_one = [(i, match_employer(a, target)) for i, a in enumerate(mine)]
        assert find_affiliated(target, mine) == [(i, m) for i, m in one_by_one if m], target


# ---------------------------------------------------------------- many contacts, many companies


def test_find_affiliated_returns_the_contacts_who_work_there_in_order():
    affiliations = [
        read_affiliation("Contoso"),
        read_affiliation("Northwind Analytics GmbH"),
        read_affiliation("Nortwind Analytics"),
        read_affiliation("", ["dana@northwind.example"]),
        read_affiliation(""),
        read_affiliation("Nortwind Analytics"),
        read_affiliation("NWA"),
    ]
    found = find_affiliated(NORTHWIND, affiliations)
    assert [(i, m.level) for i, m in found] == [
        (1, MatchLevel.EXACT),
        (2, MatchLevel.FUZZY),
        (3, MatchLevel.EMAIL),
        (5, MatchLevel.FUZZY),
        (6, MatchLevel.ALIAS),
    ]
    assert find_affiliated(NORTHWIND, []) == []


EMPLOYERS = [
    Target("Northwind Analytics", aliases=("NWA",), domains=("northwind.example",)),
    Target("Northwind Traders", domains=("traders.example",)),
    Target("Contoso", aliases=("Contoso Group",), domains=("contoso.example",)),
    Target("Fabrikam", aliases=("NWA",)),
]


@pytest.mark.parametrize(
    ("company", "emails", "expected", "level"),
    [
        ("Northwind Analytics Inc.", (), "Northwind Analytics", MatchLevel.EXACT),
        ("Northwind Traders", ("x@northwind.example",), "Northwind Traders", MatchLevel.EXACT),
        ("Freelance", ("x@mail.contoso.example",), "Contoso", MatchLevel.EMAIL),
        ("Nortwind Traders", (), "Northwind Traders", MatchLevel.FUZZY),
        ("Contoso Holdings", (), "Contoso", MatchLevel.EXACT),
        ("Contoso Group", (), "Contoso", MatchLevel.ALIAS),
    ],
)
def test_pick_employer(company: str, emails: tuple[str, ...], expected: str, level: MatchLevel):
    picked = pick_employer(read_affiliation(company, emails), index_employers(EMPLOYERS))
    assert picked is not None
    employer, found = picked
    assert (employer.name, found.level) == (expected, level)


@pytest.mark.parametrize("company", ["Northwind", "NWA", "Wide World Importers", ""])
def test_pick_employer_says_none_when_nothing_or_two_match(company: str):
    assert pick_employer(read_affiliation(company), index_employers(EMPLOYERS)) is None


def test_an_affiliation_is_worked_out_once():
    assert read_affiliation("Rakuten Group, Inc.", ["a@Rakuten.example", "b@gmail.com"]) == (
        Affiliation(
            company="Rakuten Group, Inc.",
            key="rakuten group",
            compact="rakutengroup",
            core="rakuten",
            domains=("rakuten.example",),
        )
    )
