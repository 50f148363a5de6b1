"""Time importing LinkedIn's Connections.csv (30,000 people) as whole processes, beside a bare
`csv` + `sqlite3.executemany` script that loads the same file into a fresh SQLite file in one
transaction (the floor), measured in the same rounds. Aim (issue 6): the import under 2 s and
within 5x the bare insert.

    python bench/contact_import.py                 # 30,000 rows, 5 rounds
    python bench/contact_import.py --runs 3 --profile
    python bench/contact_import.py --quick         # 2,000 rows, 3 rounds: a smoke run
    python bench/contact_import.py --keep          # keep the CSV and databases to look at

Each round runs, in an order that rotates from round to round (so the machine's noise hits
every command alike):

(a) `afterview --db FRESH.db contact import Connections.csv` into a database that holds the
    schema and nothing else, made just before (untimed) by `afterview --db FRESH.db contact
    list`: the figure the aim is about;
(a') the same into a database that does not exist yet, so the import creates the schema too
    (what a new user's first import costs);
(b) the floor: `python -c BASELINE` reads the file with `csv`, skips the "Notes:" preamble by
    finding the header, and inserts the rows with `executemany` into a fresh SQLite file;
(c) the same import again into (a)'s database: every person is known and nothing changed,
    the update path (read, match, write nothing);
(d) start-up alone: `afterview --db EMPTY.db contact list` on a database with the schema and
    no contacts (the CLI and SQLAlchemy imports), so import - (d) is the import's own work.

All subprocesses write their output to /dev/null; stderr is not a terminal, so the import
draws no progress bar. `--profile` then imports once in-process (a fresh database, then
again) with the service's steps timed (`afterview.services.contact_import`'s helpers wrapped,
the real code path), and cProfiles of the fresh import and of the re-import (top functions
by cumulative and by own time).

The file is generated (seeded, deterministic) in the real export's shape: the "Notes:"
preamble copied byte for byte from tests/fixtures/contacts/Connections.csv, CRLF line endings
(`--lf` for LF), newest connection first, non-ASCII names, mostly empty e-mails, about 5,000
employers spelled with legal-suffix variants ("Acme, Inc.", "Acme Inc"), quoted commas and
quotes, `Connected On` like `16 Jul 2026`, a few rows of members who left (no name; skipped)
and of only commas. Every subprocess gets its own config and data folders (AFTERVIEW_CONFIG_DIR,
AFTERVIEW_DATA_DIR), a fixed clock (AFTERVIEW_NOW) and an explicit `--db`, all in a temporary
folder; nothing in the repository is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FIXTURE = BENCH.parent / "tests" / "fixtures" / "contacts" / "Connections.csv"
FIXED_NOW = "2026-11-26T12:00:00+00:00"
TARGET_SECONDS = 2.0
TARGET_RATIO = 5.0
TARGET_WHO_MS = 50.0
# Byte for byte the preamble of LinkedIn's export (tests/fixtures/contacts/Connections.csv),
# LinkedIn's own truncation ("answer/261") included; its lines end as the rest of the file.
PREAMBLE = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"',
    "",
)
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    """The words (or `separator`-separated phrases) of a block of text."""
    return tuple(word.strip() for word in text.split(separator) if word.strip())


FIRST_NAMES = _words("""
Dana Priya Sam Chris Ana James Mary Robert Patricia John Jennifer Michael Linda
David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel
Nancy Matthew Lisa Anthony Betty Mark Sandra Steven Ashley Paul Kimberly Andrew Emily Joshua
Donna Kevin Michelle Brian Carol George Amanda Timothy Melissa Ronald Deborah Jason Stephanie
Ryan Rebecca Jacob Laura Nicholas Sharon Eric Cynthia Jonathan Kathleen Jürgen Zoë José
François Søren Łukasz Małgorzata Siobhán Ólafur Björn Çağla İlker Thảo Hiroshi Yūki Jae-won
Dmitri Мария Алексей Наталья Δημήτρης Ελένη محمد فاطمة אביגיל राहुल प्रिया 娜 伟 敏 Ngozi Chiamaka
Oluwaseun Aoife Íñigo Renée Anaïs Noémie Grégoire Dörte Kateřina Tomáš Ştefan Ioana Ľubomír Åsa
Øystein Sigurður Þóra Kai Leilani Aarav Ananya Mohammed Fatima Chen Wei Mei Sofía Lucía Martín
Mateo Valentina Camila Joaquín Gabriel Inês João Gonçalo Beatriz Chloé Léa Maëlle Élodie Hélène
Agnieszka Paweł Zsófia Gergő Ivana Matej Nikolina Dragan Miloš Ayşe Emre Zeynep Kwame Ama Kofi
Thandiwe Sipho Amara Tendai Leila Omar Yusuf Anjali Vikram Sunita Rahul Deepa Arjun Hyun-woo
Seo-yeon Minh Linh Sakura Haruto Aiko Kenji Tanvir Nusrat Farhan Ravi Meera Ingrid Astrid Lars
Henrik Sven Eero Aino Mikko Jóhanna Gréta Siddharth Oğuz Ümit Jiří Vojtěch""")
LAST_NAMES = _words("""
Reyes Natarajan O'Neil Lima Smith Johnson Williams Brown Jones Garcia Miller Davis
Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee
Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright
Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter
Roberts Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Krüger
Bäcker Größer Dupont Lefèvre Moreau Girard Bonnet François Gauthier Jørgensen Søndergaard
Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Dąbrowski Nowak Novák
Dvořák Černý Procházka Kučera Horváth Szabó Tóth Kovács Nagy Popescu Ionescu Țurcanu Yılmaz
Kaya Demir Şahin Çelik Öztürk Aydın Nguyễn Trần Lê Phạm Hoàng 李 王 张 刘 陈 杨 田中 佐藤 鈴木
高橋 김 이 박 Иванов Смирнов Кузнецов Попов Παπαδόπουλος Γεωργίου Κωνσταντίνου حداد خان
כהן लेवी शर्मा गुप्ता Okafor Adeyemi Mensah Boateng Nkosi Dlamini Mwangi Ochieng Haddad
Khalil Mansour Farouk Khan Ahmed Rahman Chowdhury Patel Shah Iyer Reddy Menon Banerjee Das
Singh Kapoor Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Kobayashi Kim Park Choi Jung Kang
Cho Yoon Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Ó'Brien
MacDonald McCarthy Ní_Bhriain Fitzgerald Byrne Ó_Súilleabháin Andersson Johansson Karlsson
Nilsson Eriksson Larsson Olsen Hansen Pedersen Jensen Nielsen Virtanen Korhonen Mäkinen
Hämäläinen Jónsdóttir Guðmundsson Silva Santos Ferreira Pereira Oliveira Costa Rodrigues
Almeida Gómez Díaz Álvarez Jiménez Ruiz Romero Navarro Domínguez Vázquez Rossi Russo Ferrari
Esposito Bianchi Romano Colombo Ricci Marino Greco de_Vries van_den_Berg van_Dijk Bakker
Janssen Visser Smit Meijer de_Jong Mulder""")
NAME_SUFFIXES = (", MBA", ", PhD", ", CFA", ", PMP", " Jr.", ", P.Eng.")
FIRM_WORDS = _words("""
Northwind Contoso Fabrikam Tailspin Litware Adventure Wingtip Proseware Alpine
Lakeshore Blue Red Green Silver Golden Iron Granite Cedar Maple Oak Birch Willow Harbor Summit
Pioneer Frontier Horizon Meridian Zenith Apex Vertex Quantum Stellar Lunar Solar Polar Coastal
Prairie Canyon River Ocean Nordic Baltic Atlas Orion Vega Nova Aurora Beacon Bright Clear Swift
Bold Keystone Crescent Sterling Bluebird Falcon Eagle Raven Fox Wolf Bear Lynx Otter Heron Bäckerei
Société Zürcher Münchner Kölner Ålborg Øresund Mañana Çamlıca Škoda Dvořák Sakura Fuji Hanami
Kiwi Tasman Outback Sahara Kilimanjaro Andes Patagonia Pampas Amazonas Danube Rhine Thames
Seine Vltava""")
FIRM_NOUNS = _words("""
Analytics Logistics Systems Software Labs Health Energy Capital Partners
Consulting Foods Robotics Media Studios Networks Bank Insurance Pharma Biotech Motors Airlines
Retail Solutions Technologies Dynamics Works Digital Data Cloud Security Payments Finance
Ventures Design Engineering Manufacturing Textiles Chemicals Materials Mining Shipping Travel
Hotels Games Learning Education Clinic Foundation Brewing Coffee Bakery Kitchen Farms Water
Power Telecom Mobility Sensors Devices Instruments Optics Semiconductors Aerospace Maritime Rail
Freight Realty Homes Architects Legal Advisory Research Institute""")
# A legal-form family for each employer: the spellings one person or another writes it in,
# the first the commonest; the plain name is always one of them.
LEGAL = (
    ("{}, Inc.", "{} Inc", "{} Inc.", "{}"),
    ("{}, LLC", "{} LLC", "{}"),
    ("{} Ltd", "{} Ltd.", "{}, Ltd.", "{} Limited", "{}"),
    ("{} GmbH", "{}"),
    ("{} AG", "{}"),
    ("{} S.A.", "{} SA", "{}"),
    ("{} plc", "{} PLC", "{}"),
    ("{} B.V.", "{} BV", "{}"),
    ("{} S.p.A.", "{} SpA", "{}"),
    ("{} Corp.", "{} Corporation", "{}"),
    ("{} & Co.", "{}"),
    ("{}",),
)
SENIORITY = ("", "", "", "Senior ", "Staff ", "Lead ", "Principal ", "Junior ", "Associate ")
ROLES = _words(
    """Software Engineer|Data Engineer|Data Scientist|Product Manager|Product Designer|
UX Researcher|Recruiter|Talent Acquisition Partner|Account Executive|Sales Manager|
Engineering Manager|Site Reliability Engineer|Security Engineer|Financial Analyst|Accountant|
Marketing Manager|Content Strategist|Customer Success Manager|Operations Manager|Consultant|
Solutions Architect|QA Engineer|Mobile Developer|Machine Learning Engineer|Business Analyst""",
    "|",
)
SPECIAL_POSITIONS = (
    "Director, Platform Engineering",
    'Director, "Platform" Engineering',
    "VP, Sales",
    "Head of People, EMEA",
    "Founder, CEO",
    "Chief of Staff, Office of the CTO",
    "Geschäftsführer",
    "Ingénieure logicielle",
    "Desarrollador de Software",
    "Gerente de Produto",
    "プロダクトマネージャー",
    "产品经理",
    "Руководитель отдела разработки",
    "Μηχανικός Λογισμικού",
    "مهندس برمجيات",
    'Engineer ("Infra")',
)
FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "web.de")

BASELINE = r"""
import csv, io, sqlite3, sys
source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8-sig", newline="") as handle:
    reader = csv.reader(handle)
    for row in reader:
        if "First Name" in row and "Last Name" in row:
            break
    rows = [row for row in reader if len(row) == 7]
db = sqlite3.connect(target)
db.execute(
    "CREATE TABLE contacts (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, url TEXT,"
    " email TEXT, company TEXT, position TEXT, connected_on TEXT)"
)
with db:
    db.executemany(
        "INSERT INTO contacts (first_name, last_name, url, email, company, position,"
        " connected_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
db.close()
print(len(rows))
"""

# Run in a subprocess with the bench's environment: the service's steps timed by wrapping the
# helpers `import_contacts` calls (the real code path), then cProfiles of a fresh import and a
# re-import.
PROFILE = r"""
import cProfile, io, json, pstats, sys, time
from pathlib import Path

started = time.perf_counter()
from afterview.config import load_settings
from afterview.services import contact_import as ci
from afterview.services.workspace import Workspace
from afterview.store import transfer
from afterview.store.database import sqlite_url
imported = time.perf_counter() - started

csv_path, db_dir, now, top = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
timings = {}
stack = []

def timed(owner, name, label):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        key = (stack[-1] if stack else "", label(args) if callable(label) else label)
        stack.append(key[1])
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - began
            stack.pop()

    setattr(owner, name, wrapper)
    return original

def workspace(name):
    ws = Workspace.open(load_settings(database_url=sqlite_url(db_dir / name), now=now))
    began = time.perf_counter()
    ws.ready()
    return ws, time.perf_counter() - began

def run(ws):
    timings.clear()
    began = time.perf_counter()
    report = ci.import_contacts(ws, csv_path)
    total = time.perf_counter() - began
    counts = {
        "added": len(report.added), "updated": len(report.updated),
        "unchanged": report.unchanged, "skipped": len(report.skipped),
        "companies_added": len(report.companies_added),
    }
    steps = [[parent, step, seconds] for (parent, step), seconds in timings.items()]
    return {"total": total, "steps": steps, "counts": counts}

wrapped = [
    (ci, "_read", "read and parse the file (_read)"),
    (ci, "_companies", "load stored companies (_companies)"),
    (ci, "_people", "load stored contacts, matched columns (_people)"),
    (ci, "match_records", "match (match_records)"),
    (ci, "_with_contacts", "load the updated contacts whole (_with_contacts)"),
    (ci, "_new_companies", "new companies (_new_companies)"),
    (ci, "_write_companies", "write companies + events (_write_companies)"),
    (ci, "_write_people", "write contacts + events (_write_people)"),
    (transfer, "read_columns", lambda a: f"transfer.read_columns {a[1]}"),
    (transfer, "read_rows", lambda a: f"transfer.read_rows {a[1]}"),
    (transfer, "insert_many", lambda a: f"transfer.insert_many {a[1]}"),
    (transfer, "update_rows", lambda a: f"transfer.update_rows {a[1]}"),
]
originals = [(owner, name, timed(owner, name, label)) for owner, name, label in wrapped]
ws, schema = workspace("phases.db")
fresh = run(ws)
again = run(ws)
for owner, name, original in originals:
    setattr(owner, name, original)

ws, _ = workspace("cprofile.db")


def profiled(ws):
    profiler = cProfile.Profile()
    profiler.enable()
    ci.import_contacts(ws, csv_path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


print(json.dumps({
    "import_modules": imported, "schema": schema, "fresh": fresh, "again": again,
    "cprofile": profiled(ws), "cprofile_again": profiled(ws),
}))
"""

# Run in a subprocess with the bench's environment: import the file into a fresh database,
# then time `who_at` (the service behind `afterview who` and the web's panel) in-process for
# each query: its first call (nothing read yet) and the median and fastest of `runs` more.
WHO = r"""
import gc, json, statistics, sys, time
from pathlib import Path

from afterview.config import load_settings
from afterview.services.contact_import import import_contacts
from afterview.services.network import who_at
from afterview.services.workspace import Workspace
from afterview.store.database import sqlite_url

csv_path, db, now, runs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
queries = json.loads(sys.argv[5])
import_contacts(Workspace.open(load_settings(database_url=sqlite_url(db), now=now)), csv_path)
gc.collect()
found = {}
for label, text in queries.items():
    ws = Workspace.open(load_settings(database_url=sqlite_url(db), now=now))
    ws.ready()
    times, people = [], 0
    for _ in range(runs + 1):
        began = time.perf_counter()
        people = len(who_at(ws, text).people)
        times.append(time.perf_counter() - began)
    found[label] = {
        "text": text, "people": people, "first_ms": times[0] * 1000,
        "median_ms": statistics.median(times[1:]) * 1000, "min_ms": min(times[1:]) * 1000,
    }
    ws.db.dispose()
print(json.dumps(found))
"""


def who_queries(rows: Sequence[Sequence[str]]) -> dict[str, str]:
    """What to ask `who` about: the employer most people work for, as most spell it; one
    of two people, with its legal form spelled another way; a typo in the biggest one's
    name; and a company nobody works for."""
    counts: dict[str, int] = {}
    for row in rows:
        if row[4]:
            counts[row[4]] = counts.get(row[4], 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    big = ranked[0]
    small = next(name for name in ranked if counts[name] == 2 and " " in name)
    core, _, form = small.rpartition(" ")
    respelled = f"{core}, {form.replace('.', '')}" if form else small
    cut = len(big) // 2
    typo = big[:cut] + ("a" if big[cut] != "a" else "e") + big[cut + 1 :]
    return {
        "biggest employer": big,
        "small, legal form respelled": respelled,
        "a typo": typo,
        "nobody there": "Quetzal Orbital Freight Ltd",
    }


def time_who(
    python: str,
    csv_path: Path,
    home: Path,
    env: Mapping[str, str],
    rows: Sequence[Sequence[str]],
    runs: int,
) -> dict[str, dict[str, object]]:
    queries = who_queries(rows)
    argv = [python, "-c", WHO, str(csv_path), str(home / "who.db"), FIXED_NOW, str(runs)]
    _, out = run([*argv, json.dumps(queries)], env, capture=True)
    found: dict[str, dict[str, object]] = json.loads(out.strip().splitlines()[-1])
    print(f"\nwho over the imported contacts, in-process (first call, then {runs} more):")
    print(f"{'query':<30} {'text':<32} {'people':>6} {'first':>9} {'median':>9} {'min':>9}")
    for label, result in found.items():
        print(
            f"{label:<30} {str(result['text'])[:32]:<32} {result['people']:>6} "
            f"{result['first_ms']:>7.1f}ms {result['median_ms']:>7.1f}ms {result['min_ms']:>7.1f}ms"
        )
    worst = max(float(str(r["median_ms"])) for r in found.values())
    verdict = "ok" if worst <= TARGET_WHO_MS else "MISSED"
    print(
        f"Aim (issue 6): who under {TARGET_WHO_MS:.0f} ms: "
        f"slowest median {worst:.1f} ms, {verdict}."
    )
    return found


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (5)")
    parser.add_argument("--rows", type=int, default=30000, help="rows of the CSV (30000)")
    parser.add_argument("--companies", type=int, default=5000, help="distinct employers (5000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated file (1)")
    parser.add_argument("--lf", action="store_true", help="LF line endings instead of CRLF")
    parser.add_argument("--quick", action="store_true", help="2,000 rows and 3 rounds: a smoke run")
    parser.add_argument(
        "--profile", action="store_true", help="also time the import's steps in-process"
    )
    parser.add_argument("--top", type=int, default=15, help="cProfile rows to show (15)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--out", type=Path, help="write the JSON results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = min(args.rows, 2000)
        args.companies = min(args.companies, 400)
        args.runs = min(args.runs, 3)
    if args.runs < 1 or args.rows < 1 or args.companies < 1:
        parser.error("--runs, --rows and --companies must be >= 1")
    return args


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for every subprocess: no real settings, data or bytecode quirks."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AFTERVIEW_", "_AFTERVIEW"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["AFTERVIEW_CONFIG_DIR"] = str(home / "config")
    env["AFTERVIEW_DATA_DIR"] = str(home / "data")
    env["AFTERVIEW_NOW"] = FIXED_NOW
    env["COLUMNS"] = "120"
    return env


# --- the file ---------------------------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def _employers(rng: random.Random, count: int) -> list[tuple[str, tuple[str, ...]]]:
    """`count` employers with distinct names, each with its spellings."""
    pairs = [(word, noun) for word in FIRM_WORDS for noun in FIRM_NOUNS]
    rng.shuffle(pairs)
    names = [f"{word} {noun}" for word, noun in pairs[:count]]
    # More than the word pairs give: a third word keeps the names distinct.
    extra = 0
    while len(names) < count:
        word, noun = pairs[extra % len(pairs)]
        names.append(f"{word} {FIRM_NOUNS[extra // len(pairs) % len(FIRM_NOUNS)]} {noun}")
        extra += 1
    return [(name, tuple(form.format(name) for form in rng.choice(LEGAL))) for name in names]


def _connected_on(rng: random.Random) -> date:
    first, last = date(2008, 1, 1), date.fromisoformat(FIXED_NOW[:10])
    # More recent connections are more numerous.
    return last - timedelta(days=int((last - first).days * rng.random() ** 1.6))


def generate_rows(rows: int, companies: int, seed: int) -> tuple[list[list[str]], dict[str, int]]:
    """The data rows, newest connection first, and what an import should make of them."""
    rng = random.Random(seed)
    employers = _employers(rng, companies)
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(employers))]  # a few big ones
    cumulative = list(itertools.accumulate(weights))
    used_names: set[tuple[str, int]] = set()
    used_slugs: set[str] = set()
    used_employers: set[int] = set()
    dated: list[tuple[date, list[str]]] = []
    left = blank = 0
    for index in range(rows):
        roll = rng.random()
        if roll < 0.002:  # a member who left: no name; with the date (skipped) or without
            when = _connected_on(rng)
            if rng.random() < 0.5:
                stamp = f"{when.day:02d} {MONTHS[when.month - 1]} {when.year}"
                dated.append((when, ["", "", "", "", "", "", stamp]))
                left += 1
            else:
                dated.append((when, [""] * 7))
                blank += 1
            continue
        if roll < 0.003:
            dated.append((_connected_on(rng), [""] * 7))
            blank += 1
            continue
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("_", " ")
            if rng.random() < 0.01:
                last += rng.choice(NAME_SUFFIXES)
            if rng.random() < 0.005:
                first = f'{first} "{first[:3]}"'
            employer = (
                -1
                if rng.random() < 0.06
                else rng.choices(range(companies), cum_weights=cumulative)[0]
            )
            # No two people with one name at one employer: the import would take them for one.
            key = (f"{first} {last}".casefold(), employer)
            if key not in used_names:
                used_names.add(key)
                break
        if employer < 0:
            company = ""
        else:
            used_employers.add(employer)
            spellings = employers[employer][1]
            company = rng.choices(spellings, [4] + [1] * (len(spellings) - 1))[0]
        base = "-".join(part for part in (_slug(first), _slug(last)) if part) or "member"
        if base not in used_slugs and rng.random() < 0.3:
            slug = base  # a vanity address
        else:
            slug = f"{base}-{(index * 2654435761) & 0xFFFFFFFF:08x}"
        used_slugs.add(slug)
        email = ""
        if rng.random() < 0.07:
            local = (_slug(first).replace("-", "") or "member") + f".{index}"
            domain = (
                rng.choice(FREE_MAIL)
                if employer < 0 or rng.random() < 0.6
                else _slug(employers[employer][0]).replace("-", "") + ".example"
            )
            email = f"{local}@{domain}"
        roll = rng.random()
        if roll < 0.08:
            position = ""
        elif roll < 0.12:
            position = rng.choice(SPECIAL_POSITIONS)
        else:
            position = rng.choice(SENIORITY) + rng.choice(ROLES)
        when = _connected_on(rng)
        stamp = f"{when.day:02d} {MONTHS[when.month - 1]} {when.year}"
        url = f"https://www.linkedin.com/in/{slug}"
        dated.append((when, [first, last, url, email, company, position, stamp]))
    dated.sort(key=lambda item: item[0], reverse=True)  # LinkedIn lists the newest first
    expected = {
        "people": rows - left - blank,
        "left": left,
        "blank": blank,
        "companies": len(used_employers),
    }
    return [row for _, row in dated], expected


def write_connections(path: Path, rows: Sequence[Sequence[str]], newline: str) -> int:
    """Write the export: preamble, header, rows; returns its size in bytes."""
    buffer = io.StringIO(newline="")
    buffer.write(newline.join(PREAMBLE) + newline)
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(HEADER)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return len(data)


def check_preamble() -> None:
    """The preamble here is the fixture's, byte for byte (when the fixture is there)."""
    if not FIXTURE.is_file():
        return
    fixture = FIXTURE.read_bytes()
    expected = ("\n".join(PREAMBLE) + "\n" + ",".join(HEADER) + "\n").encode()
    if not fixture.startswith(expected):
        print(f"warning: the preamble differs from {FIXTURE}'s", file=sys.stderr)


# --- timing -------------------------------------------------------------------------------


def run(argv: Sequence[str], env: Mapping[str, str], *, capture: bool = False) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        argv,
        env=dict(env),
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv[:6])} ... failed with exit code {result.returncode}:\n"
            f"{result.stderr.decode(errors='replace')}"
        )
    return elapsed, (result.stdout or b"").decode(errors="replace")


def check_once(
    afterview: str, python: str, csv_path: Path, home: Path, env: Mapping[str, str]
) -> dict[str, dict[str, int]]:
    """One untimed pass (it also compiles bytecode): what the import and the floor did."""
    db = home / "check.db"
    run([afterview, "--db", str(db), "contact", "list"], env)
    found: dict[str, dict[str, int]] = {}
    for name in ("first import", "re-import"):
        _, out = run(
            [afterview, "--db", str(db), "contact", "import", str(csv_path), "--json"],
            env,
            capture=True,
        )
        report = json.loads(out)
        found[name] = {
            "added": len(report["added"]),
            "updated": len(report["updated"]),
            "unchanged": report["unchanged"],
            "skipped": len(report["skipped"]),
            "companies_added": len(report["companies_added"]),
        }
    _, out = run(
        [python, "-c", BASELINE, str(csv_path), str(home / "check-floor.db")], env, capture=True
    )
    found["floor"] = {"inserted": int(out.strip())}
    for path in (db, home / "check-floor.db"):
        path.unlink(missing_ok=True)
    return found


def time_rounds(
    afterview: str, python: str, csv_path: Path, home: Path, env: Mapping[str, str], runs: int
) -> dict[str, Measure]:
    measures = {
        key: Measure(name)
        for key, name in (
            ("import", "(a) import, fresh db (schema made)"),
            ("cold", "(a') import, db not there yet"),
            ("floor", "(b) csv + sqlite3 executemany"),
            ("again", "(c) re-import, unchanged"),
            ("startup", "(d) start-up: contact list, empty db"),
        )
    }
    # (c) re-imports into (a)'s database, so it comes after (a); the rest rotates.
    orders = (
        ("import", "again", "cold", "floor", "startup"),
        ("floor", "startup", "import", "cold", "again"),
        ("cold", "floor", "import", "startup", "again"),
        ("startup", "import", "floor", "again", "cold"),
        ("import", "cold", "startup", "again", "floor"),
    )
    empty = home / "empty.db"  # the schema and nothing else, for (d)
    run([afterview, "--db", str(empty), "contact", "list"], env)
    for round_ in range(runs):
        db = home / f"import-{round_}.db"
        run([afterview, "--db", str(db), "contact", "list"], env)  # the schema, untimed
        for key in orders[round_ % len(orders)]:
            if key in ("import", "again"):
                argv = [afterview, "--db", str(db), "contact", "import", str(csv_path)]
            elif key == "cold":
                argv = [
                    afterview,
                    "--db",
                    str(home / f"cold-{round_}.db"),
                    "contact",
                    "import",
                    str(csv_path),
                ]
            elif key == "startup":
                argv = [afterview, "--db", str(empty), "contact", "list"]
            else:
                argv = [python, "-c", BASELINE, str(csv_path), str(home / f"floor-{round_}.db")]
            elapsed, _ = run(argv, env)
            measures[key].times.append(elapsed)
        for path in home.glob(f"*-{round_}.db*"):
            path.unlink()
        print(f"\r  round {round_ + 1}/{runs}", end="", flush=True)
    print()
    return measures


def report(measures: Mapping[str, Measure]) -> dict[str, float]:
    floor = measures["floor"].median
    print(f"\n{'command':<36} {'median':>8} {'min':>8} {'max':>8} {'x floor':>8}")
    for measure in measures.values():
        print(
            f"{measure.name:<36} {measure.median:>7.3f}s {min(measure.times):>7.3f}s "
            f"{max(measure.times):>7.3f}s {measure.median / floor:>7.1f}x"
        )
    imported = measures["import"].median
    ratios = {key: m.median / floor for key, m in measures.items() if key != "floor"}
    ratios["import_fastest"] = min(measures["import"].times) / min(measures["floor"].times)
    time_ok = "ok" if imported <= TARGET_SECONDS else "MISSED"
    ratio_ok = "ok" if ratios["import"] <= TARGET_RATIO else "MISSED"
    print(
        f"\nAim (issue 6), on (a): under {TARGET_SECONDS:.0f} s: {imported:.2f} s, {time_ok}; "
        f"within {TARGET_RATIO:.0f}x the bare insert: {ratios['import']:.1f}x (fastest runs: "
        f"{ratios['import_fastest']:.1f}x), {ratio_ok}.\n"
        f"Creating the schema as well (a'): {measures['cold'].median:.2f} s, "
        f"{ratios['cold']:.1f}x. Re-import (c): {measures['again'].median:.2f} s, "
        f"{ratios['again']:.1f}x.\nStart-up alone (d) is {measures['startup'].median:.2f} s "
        f"({ratios['startup']:.1f}x the floor): the import's own work is about "
        f"{imported - measures['startup'].median:.2f} s, the re-import's "
        f"{measures['again'].median - measures['startup'].median:.2f} s."
    )
    return ratios


def profile_steps(
    python: str, csv_path: Path, home: Path, env: Mapping[str, str], top: int
) -> dict[str, object]:
    folder = home / "profile"
    folder.mkdir(exist_ok=True)
    argv = [python, "-c", PROFILE, str(csv_path), str(folder), FIXED_NOW, str(top)]
    _, out = run(argv, env, capture=True)
    found: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    print(
        f"\nIn-process (one run each): importing the modules {found['import_modules']:.3f}s, "
        f"creating the schema {found['schema']:.3f}s"
    )
    for name in ("fresh", "again"):
        result = found[name]
        assert isinstance(result, dict)
        title = "fresh database" if name == "fresh" else "re-import, unchanged"
        print(f"\n  import_contacts, {title}: {result['total']:.3f}s  {result['counts']}")
        steps: list[tuple[str, str, float]] = result["steps"]
        total = result["total"]
        outer = [(step, t) for parent, step, t in steps if not parent]
        for step, seconds in outer:  # in the order they ran
            print(f"    {step:<50} {seconds:>7.3f}s {seconds / total:>5.0%}")
            for parent, inner, t in steps:
                if parent == step:
                    print(f"      {inner:<48} {t:>7.3f}s {t / total:>5.0%}")
        rest = total - sum(t for _, t in outer)
        print(f"    {'other (session, commit, report)':<50} {rest:>7.3f}s {rest / total:>5.0%}")
    print(f"\ncProfile of import_contacts into a fresh database:\n{found['cprofile']}")
    print(f"\ncProfile of the re-import (unchanged):\n{found['cprofile_again']}")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bin_dir = Path(sys.executable).parent
    afterview = bin_dir / "afterview"
    if not afterview.exists():
        raise SystemExit(f"no afterview console script next to {sys.executable}")
    python = str(bin_dir / "python") if (bin_dir / "python").exists() else sys.executable
    check_preamble()
    home = Path(tempfile.mkdtemp(prefix="afterview-bench-"))
    env = isolated_env(home)
    try:
        csv_path = home / "Connections.csv"
        started = time.perf_counter()
        rows, expected = generate_rows(args.rows, args.companies, args.seed)
        size = write_connections(csv_path, rows, "\n" if args.lf else "\r\n")
        print(
            f"Generated {csv_path} in {time.perf_counter() - started:.1f}s: {args.rows} rows, "
            f"{size / 1e6:.1f} MB ({'LF' if args.lf else 'CRLF'}); {expected['people']} people, "
            f"{expected['left']} members who left, {expected['blank']} rows of commas, "
            f"{expected['companies']} employers"
        )
        print("Checking once (this also compiles bytecode):")
        checked = check_once(str(afterview), python, csv_path, home, env)
        for name, counts in checked.items():
            print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        first, again = checked["first import"], checked["re-import"]
        if first["added"] != expected["people"] or again["unchanged"] != expected["people"]:
            print(f"warning: expected {expected['people']} people added, then unchanged")
        if first["skipped"] != expected["left"]:
            print(f"warning: expected {expected['left']} rows skipped (no name)")
        if first["companies_added"] != expected["companies"]:
            print(
                f"warning: {first['companies_added']} companies created for "
                f"{expected['companies']} employers (legal-form variants not merged?)"
            )
        print(f"Timing {args.runs} rounds, the order rotating:")
        measures = time_rounds(str(afterview), python, csv_path, home, env, args.runs)
        ratios = report(measures)
        who = time_who(python, csv_path, home, env, rows, max(args.runs * 4, 10))
        profile = profile_steps(python, csv_path, home, env, args.top) if args.profile else None
        results = {
            "python": python,
            "rows": args.rows,
            "seed": args.seed,
            "line_endings": "LF" if args.lf else "CRLF",
            "bytes": size,
            "expected": expected,
            "checked": checked,
            "runs": args.runs,
            "targets": {"seconds": TARGET_SECONDS, "ratio": TARGET_RATIO},
            "measures": {
                key: {
                    "name": m.name,
                    "median_s": round(m.median, 4),
                    "min_s": round(min(m.times), 4),
                    "max_s": round(max(m.times), 4),
                    "times_s": [round(t, 4) for t in m.times],
                }
                for key, m in measures.items()
            },
            "ratios": {k: round(v, 3) for k, v in ratios.items()},
            "who": who,
            "profile": (
                {k: v for k, v in profile.items() if not k.startswith("cprofile")}
                if profile
                else None
            ),
        }
        if args.json:
            print(json.dumps(results, indent=2))
        if args.out:
            args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            print(f"\nWrote {args.out}")
    finally:
        if args.keep:
            print(f"Kept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
