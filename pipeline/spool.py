"""A batch's results kept on disk as they arrive, with only their heads in memory.

A national run screens tens of thousands of forms; holding every result (findings, evidence,
field values) in the main process makes its memory grow with the batch. ``SpooledResults``
pickles each result into a temporary file as it arrives and keeps its offset and its head
(file, row, verdict, unit, title, programs: what the batch rules and the interrupt path read).
It is a read-only sequence of ScreeningResult: reports iterate it one result at a time, and
``rewrite`` applies the batch rules' findings and the final verdicts in one pass.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from ..models import ScreeningResult


def _scratch_file():
    # Lives as long as the spool (closed by ``close`` or when collected), not a with-block.
    return tempfile.TemporaryFile(prefix="shenbao-results-")  # noqa: SIM115


@dataclass(frozen=True, slots=True)
class Head:
    file: str
    row: int | None
    verdict: str
    unit: str | None
    title: str | None
    programs: tuple[str, ...]

    @classmethod
    def of(cls, result: ScreeningResult) -> Head:
        return cls(result.file, result.row, result.verdict, result.unit, result.title, tuple(result.programs))


class SpooledResults(Sequence[ScreeningResult]):
    """Results in a temporary file (deleted when closed or collected), heads in memory."""

    def __init__(self) -> None:
        self._file = _scratch_file()
        self._offsets: list[int] = []
        self.heads: list[Head] = []

    def append(self, result: ScreeningResult) -> None:
        self._offsets.append(self._file.seek(0, 2))
        pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.heads.append(Head.of(result))

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> ScreeningResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ScreeningResult]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        self._file.seek(self._offsets[index])
        return pickle.load(self._file)

    def __iter__(self) -> Iterator[ScreeningResult]:
        for i in range(len(self)):
            yield self[i]

    def rewrite(self, change: Callable[[int, ScreeningResult], None]) -> None:
        """Apply ``change(index, result)`` to every result, keeping the changed ones (one pass)."""
        old, offsets, heads = self._file, self._offsets, self.heads
        self._file, self._offsets, self.heads = _scratch_file(), [], []
        try:
            for i, offset in enumerate(offsets):
                old.seek(offset)
                result = pickle.load(old)
                change(i, result)
                self.append(result)
        except BaseException:  # as it was: a half-rewritten spool would lose results
            self._file.close()
            self._file, self._offsets, self.heads = old, offsets, heads
            raise
        old.close()

    def close(self) -> None:
        self._file.close()
