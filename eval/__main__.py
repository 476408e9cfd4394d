"""``python -m shenbao.eval SUBCOMMAND [options]``: evaluate one stage against the samples.

Sub-commands: notices, forms, topics, screening. Each lives in its own module and is
imported only when asked for, so a stage that is missing breaks only its own command.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from ..errors import ShenbaoError

SUBCOMMANDS = {
    "notices": "shenbao.eval.notices",
    "forms": "shenbao.eval.forms",
    "topics": "shenbao.eval.topics",
    "screening": "shenbao.eval.screening",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in SUBCOMMANDS:
        print(f"usage: python -m shenbao.eval {{{','.join(SUBCOMMANDS)}}} [--json] ...", file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    name = argv.pop(0)
    missing = missing_set(argv)
    if missing:
        print(f"{missing}: 评测集不存在 / evaluation set not found", file=sys.stderr)
        return 2
    module = importlib.import_module(SUBCOMMANDS[name])
    try:
        return int(module.main(argv) or 0)
    except (ShenbaoError, OSError) as err:
        print(str(err).splitlines()[0], file=sys.stderr)
        return 2


# Options whose value names the set (or the notice) an evaluation reads.
SET_OPTIONS = ("--dir", "--file", "--rules")


def missing_set(argv: list[str]) -> str | None:
    """The first set named on the command line that does not exist."""
    for option, value in zip(argv, argv[1:], strict=False):
        if option in SET_OPTIONS and not Path(value).exists():
            return value
    return None


if __name__ == "__main__":
    raise SystemExit(main())
