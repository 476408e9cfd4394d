"""The web workspace's accounts: names, roles (admin, reviewer) and argon2 password hashes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, insert, select, update

from ..errors import ShenbaoError
from .db import now, ready_engine, writing
from .tables import users

ROLES = ("admin", "reviewer")
ROLE_LABELS = {"admin": "管理员", "reviewer": "审核员"}
MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown name as slow as one with a wrong password.
_DUMMY_HASH = _hasher.hash("no such user, no such password")


class AccountError(ShenbaoError):
    reason_zh = "账户操作失败"
    reason_en = "account error"


@dataclass
class User:
    id: int
    name: str
    role: str
    created_at: str
    disabled: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)





def _user(row) -> User:
    return User(id=row.id, name=row.name, role=row.role, created_at=row.created_at, disabled=bool(row.disabled))


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise AccountError(name or None, "用户名须为 1 至 64 个字符，不含空格")
    return name


def add_user(name: str, role: str, password: str, db: str | Path | None = None) -> User:
    name = check_name(name)
    if role not in ROLES:
        raise AccountError(name, f"角色应为 {' 或 '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(name, f"密码至少 {MIN_PASSWORD} 个字符")
    engine = ready_engine(db)
    with writing(engine) as conn:
        if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
            raise AccountError(name, "用户已存在")
        conn.execute(insert(users).values(name=name, role=role, password_hash=_hasher.hash(password),
                                          created_at=now(), disabled=False))
    user = get_user(name, db)
    assert user is not None
    return user


def get_user(name: str, db: str | Path | None = None) -> User | None:
    with ready_engine(db).connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    return _user(row) if row is not None else None


def list_users(db: str | Path | None = None) -> list[User]:
    with ready_engine(db).connect() as conn:
        return [_user(r) for r in conn.execute(select(users).order_by(users.c.id))]


def count_users(db: str | Path | None = None) -> int:
    with ready_engine(db).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def authenticate(name: str, password: str, db: str | Path | None = None) -> User | None:
    """The user when the name and password match an enabled account; None otherwise."""
    with ready_engine(db).connect() as conn:
        row = conn.execute(select(users).where(users.c.name == (name or "").strip())).first()
    try:
        _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        set_password(row.name, password, db)
    return _user(row)


def set_password(name: str, password: str, db: str | Path | None = None) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(name, f"密码至少 {MIN_PASSWORD} 个字符")
    with writing(ready_engine(db)) as conn:
        conn.execute(update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password)))


def set_disabled(name: str, disabled: bool, db: str | Path | None = None) -> None:
    with writing(ready_engine(db)) as conn:
        conn.execute(update(users).where(users.c.name == name).values(disabled=disabled))
