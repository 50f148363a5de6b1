"""Rivals, each company's job board, the openings scans found; where the profile would work.

Revision ID: 2026_11_26_0007
Revises: 2026_11_26_0006
Create Date: 2026-11-26 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_26_0007"
down_revision: str | None = "2026_11_26_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("target_places", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("remote_ok", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "rivals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("rival_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_rivals_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rival_id"],
            ["companies.id"],
            name=op.f("fk_rivals_rival_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rivals")),
        sa.UniqueConstraint("company_id", "rival_id", name="uq_rivals_pair"),
        sa.UniqueConstraint("uid", name=op.f("uq_rivals_uid")),
    )
    with op.batch_alter_table("rivals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rivals_company_id"), ["company_id"])
        batch_op.create_index(batch_op.f("ix_rivals_rival_id"), ["rival_id"])
    op.create_table(
        "job_boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("board", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("scanned_at", UTC_TIME, nullable=True),
        sa.Column("since", UTC_TIME, nullable=True),
        sa.Column("failed_at", UTC_TIME, nullable=True),
        sa.Column("failure", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_job_boards_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_boards")),
        sa.UniqueConstraint("company_id", name=op.f("uq_job_boards_company_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_job_boards_uid")),
    )
    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("board", sa.String(length=20), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("posting_id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("department", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=False),
        sa.Column("remote", sa.String(length=10), nullable=True),
        sa.Column("employment", sa.String(length=100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("published_at", UTC_TIME, nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pay", sa.JSON(), nullable=True),
        sa.Column("first_seen_at", UTC_TIME, nullable=False),
        sa.Column("last_seen_at", UTC_TIME, nullable=False),
        sa.Column("gone_at", UTC_TIME, nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_postings_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_postings_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
        sa.UniqueConstraint("key", name=op.f("uq_postings_key")),
        sa.UniqueConstraint("uid", name=op.f("uq_postings_uid")),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_postings_company_id"), ["company_id"])
        batch_op.create_index(batch_op.f("ix_postings_application_id"), ["application_id"])


def downgrade() -> None:
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postings_application_id"))
        batch_op.drop_index(batch_op.f("ix_postings_company_id"))
    op.drop_table("postings")
    op.drop_table("job_boards")
    with op.batch_alter_table("rivals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rivals_rival_id"))
        batch_op.drop_index(batch_op.f("ix_rivals_company_id"))
    op.drop_table("rivals")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("remote_ok")
        batch_op.drop_column("target_places")
