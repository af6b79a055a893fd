"""Loading stage: fact-file YAML in, validated ``quizgen.model.FactFile`` out."""

from quizgen.loading.fact_file import load_fact_file, read_fact_file

__all__ = ["load_fact_file", "read_fact_file"]
