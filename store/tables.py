"""Every table shenbao keeps, in one SQLAlchemy 2 ``MetaData``.

One database (SQLite by default, PostgreSQL with ``--db postgresql://…``) holds the
rule-set registry, the web workspace's accounts, its audit log and jobs, and the
files a long screening run has finished (so a re-run resumes). Schema changes are
Alembic migrations under store/migrations; this module is what they migrate to.
Free-form details go into the JSON text columns, so adding one is not a migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

rulesets = Table(
    "rulesets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("issuer", Text, nullable=False),
    Column("year", Integer),
    Column("version", Integer, nullable=False),
    Column("title", Text),
    Column("sha256", String(64), nullable=False),  # of the notice the rules were read from
    Column("content_sha256", String(64), nullable=False),  # of the rule set itself (edits change it)
    Column("status", String(16), nullable=False, server_default="draft"),
    Column("created_at", String(32), nullable=False),
    Column("approved_at", String(32)),
    Column("approved_by", Text),
    Column("imported_from", Text),
    Column("json", Text, nullable=False),
    CheckConstraint("status IN ('draft', 'approved')", name="rulesets_status"),
    Index("rulesets_issuer_year", "issuer", "year", "version"),
    Index("rulesets_content", "sha256", "content_sha256"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    CheckConstraint("role IN ('admin', 'reviewer')", name="users_role"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("user_name", String(64)),
    Column("action", String(32), nullable=False),  # import, edit, approve, screen, classify, login, ...
    Column("target", Text),  # a rule-set ref, a job id, ...
    Column("detail", Text),  # JSON
    Index("audit_log_at", "at"),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(16), nullable=False),  # screen, classify
    Column("status", String(16), nullable=False),  # queued, running, done, failed, interrupted
    Column("created_by", String(64)),
    Column("created_at", String(32), nullable=False),
    Column("started_at", String(32)),
    Column("finished_at", String(32)),
    Column("total", Integer, nullable=False, server_default="0"),
    Column("done", Integer, nullable=False, server_default="0"),
    Column("ruleset_id", Integer),
    Column("data", Text),  # JSON: options, output files, error
    Index("jobs_created", "created_at"),
)

run_files = Table(
    "run_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_key", String(64), nullable=False),  # which run (rule set + inputs) a file belongs to
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("finished_at", String(32), nullable=False),
    Column("result", Text, nullable=False),  # the file's screening result as JSON
    UniqueConstraint("run_key", "path", name="run_files_key_path"),
)
