"""Anki decks that survive regeneration: note types, card templates, state file, deterministic .apkg."""

from quizgen.anki.render import render_deck
from quizgen.anki.report import ChangeReport

__all__ = ["ChangeReport", "render_deck"]
