"""The bureau's web workspace over the pipeline: notices and rules, screening, topics, accounts.

``create_app(data_dir)`` builds the FastAPI application; ``serve`` runs it with uvicorn.
Pages are server-rendered Jinja2 in Chinese; every asset ships in the package.
"""

from __future__ import annotations

__all__ = ["create_app", "serve"]


def create_app(*args, **kwargs):
    from .app import create_app as build

    return build(*args, **kwargs)


def serve(*args, **kwargs):
    from .server import serve as run

    return run(*args, **kwargs)
