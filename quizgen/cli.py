"""The command line: a thin layer over ``quizgen.check`` and ``quizgen.build``."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.errors import QuizgenError, Severity

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTPUT = Path("decks")


class QuizgenGroup(click.Group):
    """Turns QuizgenError into its messages on stderr and exit status 1, wherever it is raised."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except QuizgenError as exc:
            click.echo(exc.format(), err=True)
            ctx.exit(1)


@click.group(cls=QuizgenGroup)
@click.version_option(package_name="quizgen")
def main() -> None:
    """Turn curated fact files into Anki decks and printable quizzes."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path),
    help="Folder of the sources' text files: verify every quote appears verbatim in its source.",
)
@click.option("--strict", is_flag=True, help="Treat warnings (such as an unused person) as errors.")
def check_command(paths: tuple[Path, ...], sources_dir: Path | None, strict: bool) -> None:
    """Validate fact files (default: seeds/). A folder means every *.yaml and *.yml file in it."""
    from quizgen.check import check

    report = check(paths or (DEFAULT_INPUT,), sources_dir)
    for line in report.summaries:
        click.echo(line)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.failed(strict):
        failing = sum(p.severity is Severity.ERROR or strict for p in report.problems)
        click.echo(f"quizgen: {failing} problem(s) found", err=True)
        raise SystemExit(1)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Folder to write decks and quizzes to.",
)
@click.option(
    "--question-templates",
    "question_template_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Folder of question templates that add to or override the built-in ones (repeatable).",
)
@click.option("--versions", default=2, show_default=True, help="Quiz versions per fact file (A, B, …).")
@click.option("--seed", default=0, show_default=True, help="Seed for choosing and shuffling quiz questions.")
@click.option("--count", default=20, show_default=True, help="Questions per quiz (fewer if there are fewer).")
@click.option("--tag", "tags", multiple=True, help="Quiz only questions with this tag (repeatable).")
@click.option(
    "--paper",
    type=click.Choice(["a4", "us-letter"]),
    default="a4",
    show_default=True,
    help="Quiz paper size.",
)
@click.option(
    "--print-templates",
    "print_template_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of quiz output templates (student.typ, key.typ, *.html.j2, print.css) to use instead.",
)
@click.option(
    "--card-templates",
    "card_template_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of Anki card templates (basic_front.html, …, card.css) to use instead of the built-in ones.",
)
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    question_template_dirs: tuple[Path, ...],
    versions: int,
    seed: int,
    count: int,
    tags: tuple[str, ...],
    paper: str,
    print_template_dir: Path | None,
    card_template_dir: Path | None,
) -> None:
    """Build Anki decks and printable quizzes from fact files (default: seeds/ into decks/)."""
    from quizgen.build import BuildOptions, build
    from quizgen.printing import PrintOptions

    print_options = PrintOptions(
        versions=versions, seed=seed, count=count, tags=tags, paper=paper, template_dir=print_template_dir
    )
    options = BuildOptions(
        out_dir=out_dir,
        question_template_dirs=question_template_dirs,
        print_options=print_options,
        card_template_dir=card_template_dir,
    )
    report = build(paths or (DEFAULT_INPUT,), options)
    for line in report.lines:
        click.echo(line)
    for path in report.written:
        click.echo(f"wrote {path}")
