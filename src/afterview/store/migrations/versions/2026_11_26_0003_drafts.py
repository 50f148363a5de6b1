"""Drafts; the profile's skills and accomplishments; an application's posting text.

Revision ID: 2026_11_26_0003
Revises: 2026_11_26_0002
Create Date: 2026-11-26 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_26_0003"
down_revision: str | None = "2026_11_26_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skills", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("accomplishments", sa.JSON(), nullable=False, server_default="[]")
        )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("posting", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("tone", sa.String(length=10), nullable=False),
        sa.Column("short", sa.Boolean(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("recipient_email", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_drafts_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interviews.id"],
            name=op.f("fk_drafts_interview_id_interviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["actions.id"],
            name=op.f("fk_drafts_action_id_actions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_drafts_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("uid", name=op.f("uq_drafts_uid")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_application_id"), ["application_id"])
        batch_op.create_index(batch_op.f("ix_drafts_interview_id"), ["interview_id"])
        batch_op.create_index(batch_op.f("ix_drafts_action_id"), ["action_id"])
        batch_op.create_index(batch_op.f("ix_drafts_contact_id"), ["contact_id"])
        batch_op.create_index(batch_op.f("ix_drafts_state"), ["state"])


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_state"))
        batch_op.drop_index(batch_op.f("ix_drafts_contact_id"))
        batch_op.drop_index(batch_op.f("ix_drafts_action_id"))
        batch_op.drop_index(batch_op.f("ix_drafts_interview_id"))
        batch_op.drop_index(batch_op.f("ix_drafts_application_id"))
    op.drop_table("drafts")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("posting")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("accomplishments")
        batch_op.drop_column("skills")
