"""Write a build's outputs all together, each file replaced atomically.

No output replaces anything until the whole build has succeeded. Small outputs are held in memory; large
ones (an .apkg of a big deck) are streamed into a temporary file beside their target while they are rendered.
At commit, every output is in a temporary file, flushed to disk, and each is moved over its target with
``os.replace``, so a reader (or an interrupted build) only ever sees a whole old file or a whole new one. The
renames happen in the order the files were added: a file that describes others (an Anki state file) is added
after them, so it is never newer than what it describes. A batch that is discarded, or left by an exception
inside ``with OutputBatch() as batch``, removes its temporary files and the folders it created.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from quizgen.errors import Problem, QuizgenError


class OutputBatch:
    def __init__(self) -> None:
        self._targets: list[Path] = []
        self._temporaries: dict[Path, Path] = {}
        """Target -> the temporary file holding its new content, until it is moved into place."""
        self._in_memory: dict[Path, bytes] = {}
        self._created_folders: list[Path] = []

    def __enter__(self) -> OutputBatch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.discard()

    def add(self, path: Path, data: bytes) -> None:
        """Queue ``path``. Files are replaced in the order added: add a file describing others after them."""
        self._claim(path)
        self._in_memory[path] = data

    @contextmanager
    def stream(self, path: Path) -> Iterator[BinaryIO]:
        """Queue ``path`` and write it now, through the binary stream given, into a temporary file beside it.
        The target is untouched until commit."""
        self._claim(path)
        with _reported(path):
            temporary = self._temporary(path)
        with temporary.open("r+b") as target:
            yield target
            with _reported(path):
                _sync(target)

    @property
    def paths(self) -> list[Path]:
        return sorted(self._targets)

    def commit(self) -> None:
        """Write what is still in memory to temporary files, then move every file into place."""
        try:
            for path, data in self._in_memory.items():
                with _reported(path):
                    temporary = self._temporary(path)
                    with temporary.open("r+b") as target:
                        target.write(data)
                        _sync(target)
            self._in_memory.clear()
            for path in self._targets:
                with _reported(path):
                    self._temporaries[path].replace(path)
                del self._temporaries[path]
            self._created_folders.clear()
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove every temporary file not yet moved into place, and the folders this batch created."""
        for temporary in self._temporaries.values():
            temporary.unlink(missing_ok=True)
        self._temporaries.clear()
        self._in_memory.clear()
        for folder in reversed(self._created_folders):
            with contextlib.suppress(OSError):  # not empty: something else was written there meanwhile
                folder.rmdir()
        self._created_folders.clear()

    def _claim(self, path: Path) -> None:
        if path in self._targets:
            raise QuizgenError(Problem(path, 0, 0, "", "two outputs would be written here", "expected one"))
        self._targets.append(path)

    def _temporary(self, path: Path) -> Path:
        missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
        path.parent.mkdir(parents=True, exist_ok=True)
        self._created_folders.extend(reversed(missing))
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        temporary = self._temporaries[path] = Path(name)
        temporary.chmod(0o644)
        return temporary


@contextmanager
def _reported(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise QuizgenError(
            Problem(path, 0, 0, "", f"cannot write the output: {exc.strerror}", "expected a writable folder")
        ) from None


def _sync(stream: BinaryIO) -> None:
    stream.flush()
    os.fsync(stream.fileno())
