"""Anki decks that survive regeneration: note types, card templates, state file, deterministic .apkg."""

from quizgen.anki.render import DeckRender, render_deck
from quizgen.anki.report import ChangeReport

__all__ = ["ChangeReport", "DeckRender", "render_deck"]
