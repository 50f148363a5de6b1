"""Contacts from imports: a LinkedIn profile address, the day you connected, and the
companies they used to work at (learnt when a newer export shows a new employer).

Revision ID: 2026_11_26_0004
Revises: 2026_11_26_0003
Create Date: 2026-11-26 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_26_0004"
down_revision: str | None = "2026_11_26_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("linkedin_url", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("connected_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("past_companies", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("past_companies")
        batch_op.drop_column("connected_on")
        batch_op.drop_column("linkedin_url")
