"""Time the `afterview` command as whole processes against `python -c pass`.

Builds the large profile database with bench/generate_profile.py in a temporary folder (or
uses `--db`), then runs each command `--runs` times after warm-ups, round-robin so that the
machine's noise hits every command alike, and reports the median and its ratio to
`python -c pass` measured in the same run. Then `python -X importtime` shows where the start-up
of each command goes.

    python bench/cli_startup.py                 # full size, 15 runs
    python bench/cli_startup.py --runs 5 --scale 0.1 --json

Every subprocess gets its own config and data folders (AFTERVIEW_CONFIG_DIR,
AFTERVIEW_DATA_DIR) and an explicit `--db`; nothing in the repository is written except the
file `--out` names.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FIXED_NOW = "2026-11-26T12:00:00+00:00"
HELP_TARGET = 4.0
DATA_TARGET = 30.0
SHOW_NAME = "Zebulon"
# Packages a quick path should not import, and what they are.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "pydantic",
    "pydantic_settings",
    "rich",
    "dateparser",
    "holidays",
    "fastapi",
    "psycopg",
    "platformdirs",
)
IMPORTTIME = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


@dataclass
class Command:
    name: str
    argv: list[str]
    target: float | None
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class ImportProfile:
    total_us: int
    top_level: list[tuple[str, int]]
    by_package: list[tuple[str, int]]
    by_module: list[tuple[str, int]]
    heavy: list[str]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time afterview start-up (help, completion, data commands) as whole "
        "processes, with the ratio to `python -c pass`, and break down import time.",
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (15)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs first (2)")
    parser.add_argument(
        "--db", type=Path, help="use this existing profile database instead of building one"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated profile (1)")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="size of the generated profile relative to DESIGN.md's (1.0)",
    )
    parser.add_argument("--top", type=int, default=15, help="import-time rows to show (15)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--out", type=Path, help="write the JSON results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmups < 0 or args.scale <= 0:
        parser.error("--runs must be >= 1, --warmups >= 0 and --scale > 0")
    if args.db is not None and not args.db.is_file():
        parser.error(f"--db {args.db}: no such file")
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


def build_profile(home: Path, env: Mapping[str, str], seed: int, scale: float) -> Path:
    db = home / "bench.db"
    sizes = {"applications": 2000, "companies": 600, "interviews": 6000, "contacts": 30000}
    argv = [
        sys.executable,
        str(BENCH / "generate_profile.py"),
        "--out",
        str(home / "profile.json"),
        "--db",
        str(db),
        "--seed",
        str(seed),
        "--now",
        FIXED_NOW,
    ]
    for key, value in sizes.items():
        argv += [f"--{key}", str(max(1, round(value * scale)))]
    print("Building the profile database:", flush=True)
    result = subprocess.run(argv, env=dict(env), capture_output=True, text=True, check=False)
    print("  " + result.stdout.strip().replace("\n", "\n  "))
    if result.returncode != 0:
        raise SystemExit(f"generate_profile failed:\n{result.stderr}")
    return db


def commands(bin_dir: Path, db: Path) -> list[Command]:
    python = str(bin_dir / "python") if (bin_dir / "python").exists() else sys.executable
    afterview = str(bin_dir / "afterview")
    completion = {
        "_AFTERVIEW_COMPLETE": "bash_complete",
        "COMP_WORDS": "afterview ap",
        "COMP_CWORD": "1",
    }
    data = ["--db", str(db)]
    return [
        Command("python -c pass", [python, "-c", "pass"], None),
        Command("afterview --help", [afterview, "--help"], HELP_TARGET),
        Command("completion 'afterview ap'", [afterview], HELP_TARGET, completion),
        Command("app list --json", [afterview, *data, "app", "list", "--json"], DATA_TARGET),
        Command(f"app show {SHOW_NAME}", [afterview, *data, "app", "show", SHOW_NAME], DATA_TARGET),
        Command("overview", [afterview, *data, "overview"], DATA_TARGET),
        Command("today", [afterview, *data, "today"], DATA_TARGET),
    ]


def run_once(
    command: Command, env: Mapping[str, str], *, capture: bool = False
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    started = time.perf_counter()
    result = subprocess.run(
        command.argv,
        env={**env, **command.env},
        stdout=output,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"{command.name} failed with exit code {result.returncode}:\n"
            f"{result.stderr.decode(errors='replace')}"
        )
    return elapsed, result


def check_outputs(cmds: Sequence[Command], env: Mapping[str, str]) -> dict[str, int]:
    """Run each command once, check that it did what it should; returns output sizes."""
    sizes: dict[str, int] = {}
    for command in cmds:
        _, result = run_once(command, env, capture=True)
        out = result.stdout.decode(errors="replace")
        sizes[command.name] = len(result.stdout)
        if command.name.startswith("completion") and "app" not in out:
            raise SystemExit(f"completion did not offer 'app': {out!r}")
        if command.name == "app list --json":
            rows = json.loads(out)
            print(f"  app list --json: {len(rows)} applications, {len(result.stdout) / 1e3:.0f} kB")
        if command.name.startswith("app show") and SHOW_NAME not in out:
            raise SystemExit(f"app show {SHOW_NAME} did not show it:\n{out}")
    return sizes


def time_all(cmds: Sequence[Command], env: Mapping[str, str], runs: int, warmups: int) -> None:
    for round_ in range(warmups + runs):
        for command in cmds:
            elapsed, _ = run_once(command, env)
            if round_ >= warmups:
                command.times.append(elapsed)
        print(f"\r  round {round_ + 1}/{warmups + runs}", end="", flush=True)
    print()


def import_profile(command: Command, env: Mapping[str, str], top: int) -> ImportProfile:
    """`python -X importtime` of the command, run through `-m afterview`."""
    bin_dir = Path(command.argv[0]).parent
    python = str(bin_dir / "python") if (bin_dir / "python").exists() else sys.executable
    argv = [python, "-X", "importtime", "-m", "afterview", *command.argv[1:]]
    if command.name == "python -c pass":
        argv = [command.argv[0], "-X", "importtime", "-c", "pass"]
    result = subprocess.run(
        argv,
        env={**env, **command.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    top_level: list[tuple[str, int]] = []
    by_package: dict[str, int] = defaultdict(int)
    modules: set[str] = set()
    by_module: list[tuple[str, int]] = []
    for line in result.stderr.splitlines():
        match = IMPORTTIME.match(line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = match.groups()
        modules.add(name.split(".")[0])
        by_package[name.split(".")[0]] += int(self_us)
        by_module.append((name, int(self_us)))
        if len(indent) <= 1:
            top_level.append((name, int(cumulative_us)))
    top_level.sort(key=lambda item: -item[1])
    packages = sorted(by_package.items(), key=lambda item: -item[1])
    return ImportProfile(
        total_us=sum(us for _, us in packages),
        top_level=top_level[:top],
        by_package=packages[:top],
        by_module=sorted(by_module, key=lambda item: -item[1])[:top],
        heavy=[name for name in HEAVY if name in modules],
    )


def report(cmds: Sequence[Command], base: float) -> None:
    print()
    print(
        f"{'command':<28} {'median':>9} {'min':>9} {'max':>9} {'ratio':>7} {'target':>7}  verdict"
    )
    for command in cmds:
        ratio = command.median / base
        target = f"{command.target:.0f}x" if command.target else ""
        verdict = ""
        if command.target:
            verdict = "ok" if ratio <= command.target else "MISSED"
        print(
            f"{command.name:<28} {command.median * 1e3:>7.1f}ms {min(command.times) * 1e3:>7.1f}ms "
            f"{max(command.times) * 1e3:>7.1f}ms {ratio:>6.1f}x {target:>7}  {verdict}"
        )
    print(
        f"\nTargets (issue 2): --help and completion within {HELP_TARGET:.0f}x `python -c pass`; "
        f"a data command within {DATA_TARGET:.0f}x."
    )


def print_imports(name: str, profile: ImportProfile) -> None:
    print(
        f"\nImport time of `{name}` (python -X importtime, one run; "
        f"sum of self times {profile.total_us / 1e3:.0f} ms)"
    )
    print(f"  heavy packages imported: {', '.join(profile.heavy) or 'none'}")
    print(f"  {'top-level import':<44} {'cumulative':>10}")
    for module, us in profile.top_level:
        print(f"  {module:<44} {us / 1e3:>8.1f}ms")
    print(f"  {'by package (self time, wherever imported)':<44} {'self':>10}")
    for package, us in profile.by_package:
        print(f"  {package:<44} {us / 1e3:>8.1f}ms")
    print(f"  {'single modules (self time)':<44} {'self':>10}")
    for module, us in profile.by_module:
        print(f"  {module:<44} {us / 1e3:>8.1f}ms")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "afterview").exists():
        raise SystemExit(f"no afterview console script next to {sys.executable}")
    home = Path(tempfile.mkdtemp(prefix="afterview-bench-"))
    env = isolated_env(home)
    try:
        db = args.db.resolve() if args.db else build_profile(home, env, args.seed, args.scale)
        cmds = commands(bin_dir, db)
        print(f"Database: {db}\nChecking each command once (this also compiles bytecode):")
        sizes = check_outputs(cmds, env)
        print(
            f"Timing {len(cmds)} commands, {args.warmups} warm-up + {args.runs} runs each, "
            "round-robin:"
        )
        time_all(cmds, env, args.runs, args.warmups)
        base = cmds[0].median
        report(cmds, base)
        profiles = {c.name: import_profile(c, env, args.top) for c in cmds[1:]}
        for name in ("app list --json", "afterview --help", "completion 'afterview ap'"):
            print_imports(name, profiles[name])
        heavy_lines = [f"  {name}: {', '.join(p.heavy) or 'none'}" for name, p in profiles.items()]
        print("\nHeavy packages each command imports:\n" + "\n".join(heavy_lines))
        results = {
            "python": sys.executable,
            "database": str(db),
            "runs": args.runs,
            "warmups": args.warmups,
            "targets": {"help_and_completion": HELP_TARGET, "data_command": DATA_TARGET},
            "commands": [
                {
                    "name": c.name,
                    "argv": c.argv,
                    "median_ms": round(c.median * 1e3, 2),
                    "min_ms": round(min(c.times) * 1e3, 2),
                    "max_ms": round(max(c.times) * 1e3, 2),
                    "ratio": round(c.median / base, 2),
                    "target": c.target,
                    "met": None if c.target is None else c.median / base <= c.target,
                    "output_bytes": sizes[c.name],
                    "times_ms": [round(t * 1e3, 2) for t in c.times],
                }
                for c in cmds
            ],
            "imports": {
                name: {
                    "total_self_ms": round(p.total_us / 1e3, 1),
                    "heavy": p.heavy,
                    "top_level_cumulative_ms": {m: round(us / 1e3, 1) for m, us in p.top_level},
                    "by_package_self_ms": {m: round(us / 1e3, 1) for m, us in p.by_package},
                    "by_module_self_ms": {m: round(us / 1e3, 1) for m, us in p.by_module},
                }
                for name, p in profiles.items()
            },
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
            import shutil

            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
