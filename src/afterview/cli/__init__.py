"""The `afterview` command. Subcommands load lazily so that help and completion stay quick."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from afterview import __version__
from afterview.cli.lazy import LazyGroup

if TYPE_CHECKING:
    from afterview.config import Settings
    from afterview.services.workspace import Workspace

COMMANDS = {
    "init": (
        "afterview.cli.profile:init",
        "Set up your profile: name, e-mail, time zone, country.",
    ),
    "today": ("afterview.cli.agenda:today", "The agenda: overdue, today, this week, waiting."),
    "plan": ("afterview.cli.playbook:plan", "The ten practices for one interview."),
    "action": ("afterview.cli.playbook:action", "Mark planned actions done, skip or snooze them."),
    "followup": ("afterview.cli.playbook:followup", "Record a follow-up (refused if too early)."),
    "draft": (
        "afterview.cli.drafts:draft",
        "Drafts of thank-you notes, follow-ups and more: write, lint, send.",
    ),
    "replan": ("afterview.cli.playbook:replan", "Plan every application again (after new rules)."),
    "serve": ("afterview.cli.serve:serve", "Start the web UI on this machine and open it."),
    "overview": (
        "afterview.cli.overview:overview",
        "What is going on: stages, interviews, waiting.",
    ),
    "app": ("afterview.cli.applications:app", "Track applications: add, list, show, edit, stage."),
    "interview": ("afterview.cli.interviews:interview", "Track interviews: add, list, show, edit."),
    "contact": ("afterview.cli.contacts:contact", "Keep contacts: add, list, show, edit."),
    "company": ("afterview.cli.companies:company", "Keep companies: add, list, show, edit."),
    "who": ("afterview.cli.network:who", "The people you know at a company, best first."),
    "network": (
        "afterview.cli.network:network",
        "Networking: whom you asked about an application, and who replied.",
    ),
    "refs": (
        "afterview.cli.references:refs",
        "References: mark them, log where you gave them, avoid asking too often.",
    ),
    "review": (
        "afterview.cli.reviews:review",
        "Self-reviews after interviews: write, show, trends, questions, lessons.",
    ),
    "feedback": (
        "afterview.cli.reviews:feedback",
        "Keep what an employer said about you; it counts in the review trends.",
    ),
    "offer": (
        "afterview.cli.offers:offer",
        "Offers and your current job: add, score, weigh and compare them.",
    ),
    "rival": (
        "afterview.cli.rivals:rival",
        "Rivals of a company and where they list openings: add, list, suggest, board.",
    ),
    "scan": (
        "afterview.cli.openings:scan",
        "Read rivals' job boards; their openings ranked for you.",
    ),
    "opening": (
        "afterview.cli.openings:opening",
        "Openings found on rivals' boards: list, show, save as an application.",
    ),
    "reject": (
        "afterview.cli.rejection:reject",
        "Record a rejection gracefully: the reply, the lessons, a reminder.",
    ),
    "export": ("afterview.cli.transfer:export", "Write everything to one JSON document."),
    "import": ("afterview.cli.transfer:import_", "Read an export document into the database."),
    "backup": (
        "afterview.cli.database:backup",
        "Copy a consistent snapshot of the SQLite database.",
    ),
    "db": ("afterview.cli.database:db", "Database schema: upgrade, downgrade, current."),
    "demo": ("afterview.cli.demo:demo", "Fill a fresh database with a sample job search."),
}


@dataclass
class CliState:
    """What the root command's options set up for the subcommands, built on first use."""

    db: str | None
    debug: bool
    _workspace: Workspace | None = field(default=None, repr=False)

    def settings(self, **overrides: Any) -> Settings:
        from afterview.config import load_settings

        if self.db:
            from afterview.services.workspace import database_url

            overrides.setdefault("database_url", database_url(self.db))
        return load_settings(**overrides)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from afterview.services.workspace import Workspace

            self._workspace = Workspace.open(self.settings())
        return self._workspace


class AfterviewGroup(LazyGroup):
    """The root group: one place that turns expected errors into `Error: ...` and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        from afterview.domain.errors import AfterviewError

        try:
            return super().invoke(ctx)
        except AfterviewError as error:
            click.echo(f"Error: {error.message}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`afterview ... | head`): stop quietly, as Unix tools do.
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:
            if isinstance(ctx.obj, CliState) and ctx.obj.debug:
                import traceback

                traceback.print_exc()
            else:
                click.echo(
                    f"Error: an unexpected {type(error).__name__} stopped Afterview. "
                    "Run the command again with --debug to see where, and please report it.",
                    err=True,
                )
            ctx.exit(1)


@click.group(
    cls=AfterviewGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--db",
    metavar="PATH|URL",
    help="Use this SQLite file (or database URL) instead of the configured database.",
)
@click.option("--debug", is_flag=True, help="Show the traceback of unexpected errors.")
@click.version_option(__version__, prog_name="afterview")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """Afterview: after every interview, what to do next, when, and the words ready.

    Your data stays on this machine (SQLite by default). Records are named by id or by a
    fragment of their name: `afterview app show acme`.
    """
    ctx.obj = CliState(db=db, debug=debug)


def main() -> None:
    cli(prog_name="afterview")
