"""References: contacts marked as references (how they know you and your work) and the log
of which were given for which application.

Revision ID: 2026_11_26_0005
Revises: 2026_11_26_0004
Create Date: 2026-11-26 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_26_0005"
down_revision: str | None = "2026_11_26_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_reference", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("relationship", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("knows_work", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "reference_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_reference_uses_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_reference_uses_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_uses")),
        sa.UniqueConstraint("uid", name=op.f("uq_reference_uses_uid")),
        sa.UniqueConstraint(
            "contact_id", "application_id", name=op.f("uq_reference_uses_contact_id")
        ),
    )
    with op.batch_alter_table("reference_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_uses_application_id"), ["application_id"])


def downgrade() -> None:
    with op.batch_alter_table("reference_uses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_uses_application_id"))
    op.drop_table("reference_uses")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("knows_work")
        batch_op.drop_column("relationship")
        batch_op.drop_column("is_reference")
