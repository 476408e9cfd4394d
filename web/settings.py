"""Where the workspace keeps its files and the limits it holds uploads to."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024


@dataclass
class Settings:
    data_dir: Path
    max_file_bytes: int = 20 * MB  # one uploaded file
    max_batch_bytes: int = 200 * MB  # everything one upload sends
    max_zip_unpacked_bytes: int = 300 * MB  # what a .zip may unpack to
    max_zip_entries: int = 2000
    max_batch_files: int = 2000
    login_attempts: int = 5  # failed logins allowed per name and address ...
    login_window_seconds: int = 300  # ... in this many seconds
    session_hours: int = 12
    screen_workers: int = 1  # worker processes per screening job
    secure_cookies: bool = False  # set on a server behind HTTPS
    secret_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()
        for sub in ("notices", "jobs", "tmp"):
            (self.data_dir / sub).mkdir(parents=True, exist_ok=True)
        if not self.secret_key:
            self.secret_key = _secret(self.data_dir / "secret.key")

    @property
    def db(self) -> Path:
        return self.data_dir / "shenbao.db"

    @property
    def notices_dir(self) -> Path:
        return self.data_dir / "notices"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"


def _secret(path: Path) -> str:
    """The key that signs session cookies: made once per data dir, readable by its owner only."""
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def default_data_dir() -> Path:
    env = os.environ.get("SHENBAO_DATA_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "shenbao" / "web"


def new_folder_name() -> str:
    return secrets.token_hex(8)
