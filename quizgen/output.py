"""Write a build's outputs all together, each file replaced atomically.

Nothing touches the output folder until every output has been rendered in memory. Then each file is written
to a temporary file beside its target, flushed to disk, and moved over the target with ``os.replace``, so a
reader (or an interrupted build) only ever sees a whole old file or a whole new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputBatch:
    def __init__(self) -> None:
        self._files: dict[Path, bytes] = {}

    def add(self, path: Path, data: bytes) -> None:
        if path in self._files:
            raise ValueError(f"two outputs would be written to {path}")
        self._files[path] = data

    @property
    def paths(self) -> list[Path]:
        return sorted(self._files)

    def commit(self) -> None:
        """Write every file: all temporary copies first, then the renames."""
        staged: list[tuple[Path, Path]] = []
        try:
            for path, data in sorted(self._files.items()):
                path.parent.mkdir(parents=True, exist_ok=True)
                staged.append((_write_temporary(path, data), path))
            for temporary, path in staged:
                temporary.replace(path)
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
