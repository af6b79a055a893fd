"""Write a build's outputs all together, each file replaced atomically.

Nothing touches the output folder until every output has been rendered in memory. Then each file is written
to a temporary file beside its target, flushed to disk, and moved over the target with ``os.replace``, so a
reader (or an interrupted build) only ever sees a whole old file or a whole new one. The renames happen in the
order the files were added: a file that describes others (an Anki state file) is added after them, so it is
never newer than what it describes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quizgen.errors import Problem, QuizgenError


class OutputBatch:
    def __init__(self) -> None:
        self._files: dict[Path, bytes] = {}

    def add(self, path: Path, data: bytes) -> None:
        """Queue ``path``. Files are replaced in the order added: add a file describing others after them."""
        if path in self._files:
            raise QuizgenError(Problem(path, 0, 0, "", "two outputs would be written here", "expected one"))
        self._files[path] = data

    @property
    def paths(self) -> list[Path]:
        return sorted(self._files)

    def commit(self) -> None:
        """Write every file: all temporary copies first, then the renames."""
        staged: list[tuple[Path, Path]] = []
        where = Path()
        try:
            for where, data in self._files.items():
                where.parent.mkdir(parents=True, exist_ok=True)
                staged.append((_write_temporary(where, data), where))
            for temporary, where in staged:
                temporary.replace(where)
        except OSError as exc:
            raise QuizgenError(
                Problem(
                    where, 0, 0, "", f"cannot write the output: {exc.strerror}", "expected a writable folder"
                )
            ) from None
        finally:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)


def _write_temporary(path: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
