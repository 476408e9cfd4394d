"""``python -m shenbao.eval SUBCOMMAND [options]``: evaluate one stage against the samples.

Sub-commands: notices, forms, topics, screening. Each lives in its own module and is
imported only when asked for, so a stage that is missing breaks only its own command.
"""

from __future__ import annotations

import importlib
import sys

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
    module = importlib.import_module(SUBCOMMANDS[name])
    return int(module.main(argv) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
