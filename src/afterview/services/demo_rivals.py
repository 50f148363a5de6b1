"""The sample search's rivals (practice 4): two of Northwind's rivals added by their job
links, and two scans of their boards a week apart, stored as a scan stores them. The sample
makes no request: the postings are written here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from afterview.domain.boards import Board, BoardRef, Pay, Posting
from afterview.domain.values import Remote
from afterview.services.rivals import add_rival
from afterview.services.scan import store_listing
from afterview.services.workspace import Workspace
from afterview.store import companies as company_store
from afterview.store import rivals as rival_store

# Two scans of Northwind's rivals' boards, a week apart: (title, place, remote, text, pay).
_First = tuple[str, str, Remote | None, str, Pay | None]
_SCANS: dict[str, tuple[list[_First], list[_First]]] = {
    "Globex": (
        [
            (
                "Senior Data Engineer",
                "New York, NY",
                Remote.HYBRID,
                "Own our Kafka and Airflow pipelines; Python and SQL daily.",
                None,
            ),
            ("Product Designer", "New York, NY", None, "Design our analytics product.", None),
            ("Account Executive", "Chicago, IL", None, "Grow our mid-market accounts.", None),
        ],
        [
            (
                "Senior Data Engineer",
                "New York, NY",
                Remote.HYBRID,
                "Own our Kafka and Airflow pipelines; Python and SQL daily.",
                None,
            ),
            ("Account Executive", "Chicago, IL", None, "Grow our mid-market accounts.", None),
            (
                "Analytics Engineer",
                "Remote, US",
                Remote.REMOTE,
                "Model our warehouse in dbt on Snowflake; SQL first.",
                Pay("USD", 150_000, 175_000, "year"),
            ),
            (
                "Staff Data Engineer, Streaming",
                "New York, NY",
                None,
                "Lead the move from batch to Kafka streaming; Python, SQL.",
                Pay("USD", 190_000, 225_000, "year"),
            ),
        ],
    ),
    "Contoso Data": (
        [
            ("Data Engineer", "Boston, MA", None, "Airflow, Python and Snowflake.", None),
            ("Marketing Manager", "Boston, MA", None, "Run our campaigns.", None),
        ],
        [
            ("Data Engineer", "Boston, MA", None, "Airflow, Python and Snowflake.", None),
            ("Marketing Manager", "Boston, MA", None, "Run our campaigns.", None),
            (
                "Senior Analytics Engineer",
                "New York, NY",
                Remote.HYBRID,
                "dbt and SQL for our finance team.",
                None,
            ),
        ],
    ),
}


def sample_rivals(at: Callable[..., Workspace]) -> None:
    """Northwind's rivals, added by pasting job links, and two scans of their boards a week
    apart, stored as a scan stores them (the sample makes no request)."""
    add_rival(at(-9, 18), "Northwind", "https://job-boards.greenhouse.io/globex/jobs/4100001")
    add_rival(at(-9, 18), "Northwind", "https://jobs.lever.co/contoso-data", name="Contoso Data")
    for week, days in enumerate((-8, -1)):
        ws = at(days, 8, 30)
        with ws.ready().write() as session:
            for board in rival_store.boards_of(session):
                company = company_store.get_company(session, board.company_id)
                scans = _SCANS[company.name]
                # A posting keeps its id from one scan to the next.
                titles = list(dict.fromkeys(title for listed in scans for title, *_ in listed))
                postings = [
                    _posting(board.ref, 4100001 + titles.index(listed[0]), ws.now(), *listed)
                    for listed in scans[week]
                ]
                store_listing(session, board, company.name, postings, ws.now())


def _posting(
    ref: BoardRef,
    number: int,
    now: datetime,
    title: str,
    place: str,
    remote: Remote | None,
    text: str,
    pay: Pay | None,
) -> Posting:
    url = (
        f"https://jobs.lever.co/{ref.token}/{number}"
        if ref.board == Board.LEVER
        else f"https://job-boards.greenhouse.io/{ref.token}/jobs/{number}"
    )
    return Posting(
        board=ref.board,
        token=ref.token or "",
        id=str(number),
        title=title,
        department="Data" if "Data" in title or "Analytics" in title else "",
        location=place,
        remote=remote,
        employment="Full-time",
        url=url,
        published_at=now - timedelta(days=2 + number % 3),
        text=text,
        pay=pay,
    )
