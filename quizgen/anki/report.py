"""The change report printed after each deck is built."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizgen.anki.changes import Changes

_SEARCH_SPECIALS = frozenset('\\"*_:()')


@dataclass(frozen=True)
class ChangeReport:
    """What a build changed in one deck, as the user reads it."""

    deck_path: Path
    changes: Changes

    def summary(self) -> str:
        c = self.changes
        return (
            f"{self.deck_path}: {len(c.new)} new, {len(c.changed)} changed, "
            f"{len(c.unchanged)} unchanged, {len(c.removed)} removed"
        )

    def lines(self) -> list[str]:
        lines = [self.summary()]
        if self.changes.changed_note_types:
            lines.append(f"  card templates or styling changed: {', '.join(self.changes.changed_note_types)}")
        if self.changes.removed:
            lines.append("  removed (Anki keeps them; delete them yourself if you want them gone):")
            lines.extend(f"    {uid}" for uid in self.changes.removed)
            lines.append("  to find them, paste this into Anki's browser search:")
            lines.append(f"    {self.removed_search()}")
        return lines

    def removed_search(self) -> str:
        """An Anki browser search matching exactly the removed notes, by their QuizgenId field."""
        return " OR ".join(f'"QuizgenId:{anki_search_escape(uid)}"' for uid in self.changes.removed)


def anki_search_escape(text: str) -> str:
    """Escape the characters Anki's search treats as syntax or wildcards (``_`` matches any one character)."""
    return "".join(f"\\{char}" if char in _SEARCH_SPECIALS else char for char in text)
