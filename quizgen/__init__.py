"""quizgen: curated fact files in, Anki decks and printable quizzes out.

The pipeline, one package or module a stage: ``quizgen.loading`` (YAML -> validated ``quizgen.model``
objects) -> ``quizgen.questions`` (facts -> questions, through question templates) -> ``quizgen.anki`` and
``quizgen.printing`` (questions -> files) -> ``quizgen.output`` (every file written atomically).
``quizgen.build.build`` and ``quizgen.check.check`` run it; ``quizgen.cli`` is a thin layer over those two.

Only the light entry points are imported here, so that ``import quizgen`` does not load genanki or Typst.
"""

from quizgen.errors import Problem, QuizgenError
from quizgen.loading import load_fact_file, read_fact_file

__all__ = ["Problem", "QuizgenError", "load_fact_file", "read_fact_file"]
