"""Start-up: whole-process CPU time of shenbao commands against a baseline, interleaved.

    python benchmarks/bench_startup.py [--rounds N]

The baseline is ``python -c "import pdfplumber, docx"`` (what any reader of these formats pays);
each round runs the baseline and every command once, in turn, so that a busy machine slows
them alike. Prints the median CPU seconds (user + system of the child) and the ratio.

The baseline's packages are read from their byte-compiled files, as an installed package is; so
shenbao's sources are byte-compiled first (what its first run does, unless PYTHONDONTWRITEBYTECODE
is set, as on some CI machines: then every start would compile the whole package again, about
0.2 s). ``--no-compile`` leaves them as they are.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASELINE = [sys.executable, "-c", "import pdfplumber, docx"]


def cpu_seconds(cmd: list[str]) -> float:
    before = os.times()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true", help="do not byte-compile shenbao's sources first")
    args = parser.parse_args()
    if not args.no_compile:
        import shenbao as package

        compileall.compile_dir(str(Path(package.__file__).parent), quiet=1,
                               rx=re.compile(r"[/\\](tests|build|benchmarks|\.git)[/\\]"))
    with tempfile.TemporaryDirectory() as tmp:
        notice = Path(tmp) / "small.txt"
        notice.write_text("关于举办高级研修班的通知\n研修时间不少于5天。\n", encoding="utf-8")
        shenbao = [sys.executable, "-m", "shenbao.cli"]
        commands = {
            "--help": shenbao + ["--help"],
            "notice parse (2-line TXT)": shenbao + ["notice", "parse", str(notice)],
            "classify TEXT": shenbao + ["classify", "人工智能高级研修班"],
        }
        times: dict[str, list[float]] = {"baseline": [], **{name: [] for name in commands}}
        for _ in range(args.rounds):
            times["baseline"].append(cpu_seconds(BASELINE))
            for name, cmd in commands.items():
                times[name].append(cpu_seconds(cmd))
    base = statistics.median(times["baseline"])
    print(f"baseline  python -c 'import pdfplumber, docx'  {base:.3f} s CPU (median of {args.rounds})")
    for name in commands:
        t = statistics.median(times[name])
        print(f"{name:28s} {t:.3f} s CPU   {t / base:.1f}x the baseline")


if __name__ == "__main__":
    main()
