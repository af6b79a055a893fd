"""Reading printed quizzes back: PDF text through pypdf, HTML through html.parser."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pypdf import PdfReader

KIND_LABELS = ("Multiple choice", "True or false", "Short answer", "Fill in the blank", "Ordering")
ANCHOR = re.compile(rf"^(\d+)\. ({'|'.join(KIND_LABELS)})$")
OPTION = re.compile(r"^([A-Z])\. (.*)$")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def body_lines(page: str) -> list[str]:
    """A page's lines without its running header (first line) and footer (last line)."""
    return [line.strip() for line in page.splitlines()[1:-1]]


@dataclass
class PrintedQuestion:
    number: int
    label: str
    page: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return collapse(" ".join(self.lines))

    def options(self) -> dict[str, str]:
        """Lettered lines (A. …), with wrapped continuation lines joined on."""
        options: dict[str, str] = {}
        current = ""
        for line in self.lines:
            match = OPTION.match(line)
            if match:
                current = match.group(1)
                options[current] = match.group(2)
            elif current and not line.startswith("Earliest first"):
                options[current] += " " + line
            else:
                current = ""
        return {letter: collapse(text) for letter, text in options.items()}


def printed_questions(pdf: bytes) -> list[PrintedQuestion]:
    """Questions in print order. Text before the first question (title, fields, instructions) is dropped."""
    questions: list[PrintedQuestion] = []
    for page_number, page in enumerate(pdf_pages(pdf), 1):
        for line in body_lines(page):
            match = ANCHOR.match(line)
            if match:
                questions.append(PrintedQuestion(int(match.group(1)), match.group(2), page_number))
            elif questions:
                questions[-1].lines.append(line)
    return questions


def key_grid(pdf: bytes) -> dict[str, dict[int, str]]:
    """The key's grids, on the pages before the full answers: version -> question number -> grid answer.
    A grid that runs over several pages repeats its "Version X" heading on each."""
    lines: list[str] = []
    for page in pdf_pages(pdf):
        body = body_lines(page)
        if body and body[0] == "Full answers":
            break
        lines += body
    grids: dict[str, dict[int, str]] = {}
    text = "\n".join(lines)
    for letter, block in re.findall(r"^Version ([A-Z])\n(.*?)(?=^Version |^— written)", text, re.M | re.S):
        cells = re.findall(r"(\d+)\. ((?:[A-Z](?: [A-Z])*)|—)(?= \d+\. |\n|$)", block)
        grids.setdefault(letter, {}).update({int(number): answer for number, answer in cells})
    return grids


@dataclass
class HtmlQuestion:
    number: int
    kind: str = ""
    prompt: str = ""
    options: dict[str, str] = field(default_factory=dict)


class HtmlQuiz(HTMLParser):
    """The page's text, tag names, and every ``li.question`` with its kind label, prompt and options."""

    CAPTURED = ("kind", "prompt", "letter", "option", "grid-answer")
    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[HtmlQuestion] = []
        self.tags: list[str] = []
        self.chunks: list[str] = []
        self._open: list[str | None] = []
        self._captures: list[list[str]] = []
        self._letter = ""
        self.grids: dict[str, dict[int, str]] = {}
        self._grid_cell: tuple[str, int] = ("", 0)

    @property
    def text(self) -> str:
        return collapse(" ".join(self.chunks))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if "grid" in classes:
            self.grids[attributes.get("data-version") or ""] = {}
        if tag == "td" and self.grids:
            self._grid_cell = (list(self.grids)[-1], int(attributes.get("data-number") or 0))
        if tag == "li" and "question" in classes:
            self.questions.append(HtmlQuestion(int((attributes.get("id") or "q0")[1:])))
        captured = next((name for name in self.CAPTURED if name in classes), None)
        self._open.append(captured)
        if captured:
            self._captures.append([])

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        captured = self._open.pop()
        if captured is None:
            return
        text = collapse("".join(self._captures.pop()))
        if captured == "grid-answer":
            version, number = self._grid_cell
            self.grids[version][number] = text
            return
        question = self.questions[-1] if self.questions else None
        if question is None:
            return
        if captured == "kind":
            question.kind = text
        elif captured == "prompt":
            question.prompt = text
        elif captured == "letter":
            self._letter = text.rstrip(".")
        else:
            question.options[self._letter] = text

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self._captures:
            self._captures[-1].append(data)


def parse_html(html: bytes) -> HtmlQuiz:
    parser = HtmlQuiz()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser
