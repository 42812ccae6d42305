"""Chats, subscriptions, the outbox and delivered stories.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("id", ID, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("inactive_reason", sa.Text()),
        sa.Column("timezone", sa.String(64), server_default="UTC", nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("sentences", sa.Integer(), nullable=False),
        sa.Column("max_stories", sa.Integer(), nullable=False),
        sa.Column("quiet_start", sa.String(5)),
        sa.Column("quiet_end", sa.String(5)),
        sa.Column("last_digest_at", UTC_DATETIME),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chats"),
        sa.UniqueConstraint("platform", "address", name="uq_chats_platform_address"),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", ID, nullable=False),
        sa.Column("chat_id", ID, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_subscriptions_chat_id_chats", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_subscriptions"),
        sa.UniqueConstraint(
            "chat_id", "kind", "target", name="uq_subscriptions_chat_id_kind_target"
        ),
    )
    op.create_table(
        "chat_sources",
        sa.Column("id", ID, nullable=False),
        sa.Column("chat_id", ID),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_chat_sources_chat_id_chats", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_chat_sources"),
        sa.UniqueConstraint("name", name="uq_chat_sources_name"),
        sa.UniqueConstraint("url", name="uq_chat_sources_url"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", ID, nullable=False),
        sa.Column("chat_id", ID, nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("story_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", UTC_DATETIME, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("sent_at", UTC_DATETIME),
        sa.Column("message_id", sa.String(64)),
        sa.Column("last_error", sa.Text()),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_outbox_chat_id_chats", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
    )
    op.create_index("ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_chat_id_status", "outbox", ["chat_id", "status"])
    op.create_table(
        "deliveries",
        sa.Column("chat_id", ID, nullable=False),
        sa.Column("story_id", ID, nullable=False),
        sa.Column("outbox_id", ID),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_deliveries_chat_id_chats", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"], ["outbox.id"], name="fk_deliveries_outbox_id_outbox", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("chat_id", "story_id", name="pk_deliveries"),
    )
    op.create_table(
        "chat_messages",
        sa.Column("chat_id", ID, nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("story_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_chat_messages_chat_id_chats", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("chat_id", "message_id", name="pk_chat_messages"),
    )


def downgrade() -> None:
    op.drop_table("chat_messages")
    op.drop_table("deliveries")
    op.drop_table("outbox")
    op.drop_table("chat_sources")
    op.drop_table("subscriptions")
    op.drop_table("chats")
