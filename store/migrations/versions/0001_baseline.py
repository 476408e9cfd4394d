"""Baseline: the registry, accounts, audit log, jobs and resumable runs.

A registry made before the migrations (``PRAGMA user_version = 1``: a ``rulesets``
table without ``approved_by``, nothing else) is taken over in place: its rows stay,
the missing column and tables are added.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "rulesets" in existing:  # a registry from before the migrations
        columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("rulesets")}
        if "approved_by" not in columns:
            with op.batch_alter_table("rulesets") as batch:
                batch.add_column(sa.Column("approved_by", sa.Text()))
    else:
        op.create_table(
            "rulesets",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("issuer", sa.Text(), nullable=False),
            sa.Column("year", sa.Integer()),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("title", sa.Text()),
            sa.Column("sha256", sa.String(64), nullable=False),
            sa.Column("content_sha256", sa.String(64), nullable=False),
            sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
            sa.Column("created_at", sa.String(32), nullable=False),
            sa.Column("approved_at", sa.String(32)),
            sa.Column("approved_by", sa.Text()),
            sa.Column("imported_from", sa.Text()),
            sa.Column("json", sa.Text(), nullable=False),
            sa.CheckConstraint("status IN ('draft', 'approved')", name="rulesets_status"),
        )
        op.create_index("rulesets_issuer_year", "rulesets", ["issuer", "year", "version"])
        op.create_index("rulesets_content", "rulesets", ["sha256", "content_sha256"])

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint("role IN ('admin', 'reviewer')", name="users_role"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user_name", sa.String(64)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.Text()),
        sa.Column("detail", sa.Text()),
    )
    op.create_index("audit_log_at", "audit_log", ["at"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("started_at", sa.String(32)),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("total", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("done", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("ruleset_id", sa.Integer()),
        sa.Column("data", sa.Text()),
    )
    op.create_index("jobs_created", "jobs", ["created_at"])
    op.create_table(
        "run_files",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("run_key", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("finished_at", sa.String(32), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.UniqueConstraint("run_key", "path", name="run_files_key_path"),
    )


def downgrade() -> None:
    for table in ("run_files", "jobs", "audit_log", "users"):
        op.drop_table(table)
    with op.batch_alter_table("rulesets") as batch:
        batch.drop_column("approved_by")
