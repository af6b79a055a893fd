"""Question stage: facts in, questions out, through question templates (YAML files with Jinja)."""

from quizgen.questions.generate import generate_questions, iter_questions
from quizgen.questions.model import Answer, Question

__all__ = ["Answer", "Question", "generate_questions", "iter_questions"]
