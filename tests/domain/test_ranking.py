"""Ranking postings for you: title closeness, skills mentioned as whole words, the place,
the weights when a part is missing, and the reasons given."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.boards import Board, Posting
from afterview.domain.ranking import Targets, rank_postings, score_posting
from afterview.domain.values import Remote

ME = Targets(
    roles=("Senior Data Engineer", "Analytics Engineer"),
    skills=("Python", "SQL", "dbt", "Kafka", "C++"),
    places=("New York",),
)


def posting(
    title: str, *, text: str = "", location: str = "", remote: Remote | None = None, id: str = "1"
) -> Posting:
    return Posting(
        board=Board.LEVER,
        token="rival",
        id=id,
        title=title,
        text=text,
        location=location,
        remote=remote,
    )


def test_a_close_title_with_the_skills_in_a_place_you_named_ranks_first() -> None:
    good = posting(
        "Senior Data Engineer, Platform",
        text="Python, SQL and dbt daily.",
        location="New York, NY",
        id="a",
    )
    remote = posting("Data Engineer", text="We use Kafka.", remote=Remote.REMOTE, id="b")
    far = posting(
        "Account Executive", text="Quota-carrying sales role.", location="Austin, TX", id="c"
    )
    ranked = rank_postings([far, remote, good], ME)
    assert [r.posting.id for r in ranked] == ["a", "b", "c"]
    first = ranked[0]
    assert first.parts["title"] == 100  # every word of a target role is in the title
    assert first.parts["skills"] == 60  # 3 of 5
    assert first.parts["place"] == 100
    assert first.score == pytest.approx(0.5 * 100 + 0.3 * 60 + 0.2 * 100)
    assert first.reasons == (
        "title close to “Senior Data Engineer” (100)",
        "in New York",
        "mentions Python, SQL, dbt (3 of 5 skills)",
    )
    assert ranked[2].parts["title"] == 0
    assert "title unlike your target roles" in ranked[2].reasons


def test_skills_are_whole_words() -> None:
    found = score_posting(
        posting("Data Engineer", text="NoSQL stores; some Pythonic code; C++17? no: C++."), ME
    )
    assert found.reasons[-1] == "mentions C++ (1 of 5 skills)"  # not SQL, not Python
    assert found.parts["skills"] == 20


@pytest.mark.parametrize(
    ("location", "remote", "part", "reason"),
    [
        ("", Remote.REMOTE, 100, "remote"),
        ("New York", Remote.HYBRID, 60, "hybrid, in New York"),
        ("", None, 50, "the posting does not say where"),
        ("Berlin", Remote.ONSITE, 0, "in Berlin"),
    ],
)
def test_the_place(location: str, remote: Remote | None, part: float, reason: str) -> None:
    found = score_posting(posting("Data Engineer", location=location, remote=remote), ME)
    assert found.parts["place"] == part
    assert reason in found.reasons


def test_a_missing_part_gives_its_weight_to_the_others() -> None:
    only_roles = Targets(roles=("Data Engineer",), remote=False)
    found = score_posting(posting("Data Engineer"), only_roles)
    assert found.parts == {"title": 100}
    assert found.score == 100
    assert score_posting(posting("Anything"), Targets(remote=False)).score == 0


texts = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), max_size=80)


@given(texts, texts, st.sampled_from([None, *Remote]))
def test_scores_stay_between_0_and_100(title: str, text: str, remote: Remote | None) -> None:
    found = score_posting(posting(title or "x", text=text, remote=remote), ME)
    assert 0 <= found.score <= 100
    assert all(0 <= value <= 100 for value in found.parts.values())
    assert len(found.reasons) == len(found.parts)
