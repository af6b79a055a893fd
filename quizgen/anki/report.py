"""The change report printed after each deck is built."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_SEARCH_SPECIALS = frozenset('\\"*_:()')


@dataclass(frozen=True)
class ChangeReport:
    deck_path: Path
    new: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    """uids of the questions that were in the previous build and are gone now."""
    changed_note_types: tuple[str, ...]

    def summary(self) -> str:
        return (
            f"{self.deck_path}: {len(self.new)} new, {len(self.changed)} changed, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
        )

    def lines(self) -> list[str]:
        lines = [self.summary()]
        if self.changed_note_types:
            lines.append(f"  card templates or styling changed: {', '.join(self.changed_note_types)}")
        if self.removed:
            lines.append("  removed (Anki keeps them; delete them yourself if you want them gone):")
            lines.extend(f"    {uid}" for uid in self.removed)
            lines.append("  to find them, paste this into Anki's browser search:")
            lines.append(f"    {self.removed_search()}")
        return lines

    def removed_search(self) -> str:
        """An Anki browser search matching exactly the removed notes, by their QuizgenId field."""
        return " OR ".join(f'"QuizgenId:{anki_search_escape(uid)}"' for uid in self.removed)


def anki_search_escape(text: str) -> str:
    """Escape the characters Anki's search treats as syntax or wildcards (``_`` matches any one character)."""
    return "".join(f"\\{char}" if char in _SEARCH_SPECIALS else char for char in text)
