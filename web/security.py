"""Sessions, CSRF tokens, roles and the login rate limit.

The session is a signed (itsdangerous), HttpOnly, SameSite=Lax cookie holding the
user's name and a CSRF token; every form POST carries the token (a hidden field,
or the X-CSRF-Token header for the JSON API) and is refused with 403 without it.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "shenbao_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class NotLoggedIn(Exception):
    """Raised by page dependencies: pages redirect to /login, the API answers 401."""


class Sessions:
    def __init__(self, secret: str, max_age_seconds: int, secure: bool = False) -> None:
        self.signer = URLSafeTimedSerializer(secret, salt="shenbao-session")
        self.max_age = max_age_seconds
        self.secure = secure

    def read(self, request: Request) -> dict:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self.signer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, response, data: dict) -> None:
        response.set_cookie(COOKIE, self.signer.dumps(data), max_age=self.max_age, httponly=True,
                            samesite="lax", secure=self.secure, path="/")

    def clear(self, response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.secure)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def session_of(request: Request) -> dict:
    """The session read once per request (a login page gets an anonymous one with a CSRF token)."""
    cached = getattr(request.state, "session", None)
    if cached is None:
        cached = request.app.state.sessions.read(request)
        if not cached.get("csrf"):
            cached = {**cached, "csrf": new_token()}
            request.state.new_session = True
        request.state.session = cached
    return cached


def csrf_token(request: Request) -> str:
    return session_of(request)["csrf"]


def check_csrf(request: Request, given: str | None) -> None:
    expected = session_of(request).get("csrf", "")
    if getattr(request.state, "new_session", False) or not given or not hmac.compare_digest(str(given), expected):
        raise HTTPException(status_code=403, detail="请求缺少有效的安全令牌（CSRF），请刷新页面后重试")


class LoginLimiter:
    """At most ``attempts`` failed logins per (address, name) and per address ×4 within ``window`` seconds."""

    def __init__(self, attempts: int, window: int) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[tuple[str, str], deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque:
        q = self._failures[key]
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, address: str, name: str) -> int:
        """Seconds to wait, or 0 when another attempt is allowed."""
        now = time.monotonic()
        with self._lock:
            for key, cap in (((address, name), self.attempts), ((address, ""), self.attempts * 4)):
                q = self._recent(key, now)
                if len(q) >= cap:
                    return max(1, int(self.window - (now - q[0])))
        return 0

    def failed(self, address: str, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._failures[(address, name)].append(now)
            self._failures[(address, "")].append(now)

    def succeeded(self, address: str, name: str) -> None:
        with self._lock:
            self._failures.pop((address, name), None)
