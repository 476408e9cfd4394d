"""Plan lists: reading time per row of a 1,000-row and a 20,000-row XLSX, in one run.

    python benchmarks/bench_plan_list.py [--small 1000] [--large 20000]

Both lists are generated with openpyxl (same columns, one class per row) and read through
``shenbao form parse``'s path (ingest, then the plan-list extractor). Prints CPU seconds per
row for each, the ratio (linear reading is about 1.0x), and the peak memory of each read.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

HEADER = ["序号", "单位名称", "培训班名称", "培训类别", "培训天数", "学时", "计划人数", "期数",
          "是否申请资助", "面向范围", "联系人", "联系电话"]


def make_list(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("培训计划")
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append([i + 1, f"中国科学院某研究所{i % 97}", f"前沿技术短期培训班{i}", "专项技术短期培训班",
                      5, 40, 60, 1, "是" if i % 3 else "否", "全国", "张三", "010-12345678"])
    book.save(path)


def _read(path: str, queue) -> None:
    from shenbao.extractors.forms import parse_form_file

    started = time.process_time()
    try:
        subs = parse_form_file(Path(path))
    except Exception as err:  # said by the parent, which would otherwise wait for ever
        queue.put(err)
        return
    queue.put((time.process_time() - started, len(subs),
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def read_in_child(path: Path) -> tuple[float, int, float]:
    """CPU seconds, submissions read and peak MB, in a fresh process (peaks do not mix)."""
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_read, args=(str(path), queue))
    child.start()
    result = queue.get()
    child.join()
    if isinstance(result, Exception):
        raise SystemExit(f"{path.name}: {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=20000)
    args = parser.parse_args()
    import shenbao.extractors.forms  # noqa: F401  (loaded once, before the children fork)

    with tempfile.TemporaryDirectory() as tmp:
        figures = {}
        for rows in (args.small, args.large):
            path = Path(tmp) / f"plan_{rows}.xlsx"
            make_list(path, rows)
            seconds, read, peak = read_in_child(path)
            assert read == rows, (read, rows)
            figures[rows] = seconds / rows
            print(f"{rows:>6} rows: {seconds:6.2f} s CPU, {seconds / rows * 1000:.2f} ms per row, peak {peak:.0f} MB")
    ratio = figures[args.large] / figures[args.small]
    print(f"per-row time, {args.large} rows against {args.small}: {ratio:.2f}x (bar: at most 1.5x)")


if __name__ == "__main__":
    main()
