"""Alembic's entry point. Afterview passes the connection in `config.attributes`."""

from alembic import context
from sqlalchemy import create_engine

from afterview.store.rows import Base


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # a developer running the alembic command line: use the configured URL
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("Set sqlalchemy.url (alembic -x is not used) to run Alembic directly.")
    with create_engine(url).begin() as outside:
        _run(outside)
