"""Practice questions for the E資格 and for a lecture: :func:`make_quiz` draws them (their
answers computed by :mod:`.questions`), :func:`quiz_report` puts them in words.

The questions come first, and the answers with their worked explanations apart after them
(only when asked for in text and markdown; JSON always holds both). The same count and seed
give the same quiz, in either language.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.limits import require_count
from ..i18n import STRINGS, check_language, tr
from ..table import Report
from .questions import DIGITS, Question, questions

LETTERS = "ABCD"
#: The most questions one quiz asks.
MAX_QUESTIONS = 100
#: Significant digits a numeric answer is asked for.
ASKED_DIGITS = DIGITS - 1


@dataclass(frozen=True)
class Quiz:
    """Questions drawn with a seed."""

    seed: int
    questions: tuple[Question, ...]


def make_quiz(count: int = 10, seed: int = 0) -> Quiz:
    """``count`` questions drawn with ``seed``.

    >>> [q.topic for q in make_quiz(3, seed=0).questions]
    ['initialisation', 'clipping', 'batch-norm']
    """
    require_count(count, "the number of questions", 1, MAX_QUESTIONS)
    return Quiz(seed, questions(count, seed))


def _key(q: Question, part: str) -> str:
    # a variant's own string where it has one (quiz.clipping.question.norm), else the topic's
    own = f"quiz.{q.topic}.{part}.{q.variant}"
    return own if q.variant and own in STRINGS else f"quiz.{q.topic}.{part}"


def question_text(q: Question, lang: str) -> str:
    return tr(_key(q, "question"), lang, **q.fields)


def choice_texts(q: Question, lang: str) -> list[str]:
    """The choices in their order, as the reader sees them."""
    def key(name: str) -> str:  # a bare number and "value at z" are shared by every topic
        shared = name in ("number", "at")
        return f"quiz.choice.{name}" if shared else f"quiz.{q.topic}.choice.{name}"

    return [tr(key(c.name), lang, **c.fields) for c in q.choices]


def explanation_text(q: Question, lang: str) -> str:
    return tr(_key(q, "explanation"), lang, **q.explanation)


def answer_text(q: Question, lang: str) -> str:
    """The answer line: the right letter and its choice, or the number and its tolerance."""
    if q.kind == "choice":
        return tr("quiz.answer.choice", lang, letter=LETTERS[q.right],
                  text=choice_texts(q, lang)[q.right])
    return tr("quiz.answer.number", lang, value=q.answer, percent=f"{q.tolerance:.0%}")


def quiz_json(quiz: Quiz, lang: str) -> dict:
    """Every question with its choices, its answer and its explanation."""
    items = []
    for n, q in enumerate(quiz.questions, start=1):
        item = {"number": n, "topic": q.topic, "variant": q.variant or None, "kind": q.kind,
                "question": question_text(q, lang), "given": dict(q.given)}
        if q.kind == "choice":
            item["choices"] = dict(zip(LETTERS, choice_texts(q, lang)))
            item["answer"] = LETTERS[q.right]
        else:
            item["answer"] = q.answer
            item["tolerance"] = q.tolerance
        item["value"] = list(q.value) if isinstance(q.value, tuple) else q.value
        item["explanation"] = explanation_text(q, lang)
        items.append(item)
    return {"seed": quiz.seed, "count": len(quiz.questions), "lang": lang, "questions": items}


def _lines(quiz: Quiz, lang: str, answers: bool, markdown: bool) -> list[str]:
    title = tr("quiz.heading", lang, count=len(quiz.questions), seed=quiz.seed)
    lines = [f"## {title}" if markdown else title, "",
             tr("quiz.instructions", lang, digits=ASKED_DIGITS)]
    for n, q in enumerate(quiz.questions, start=1):
        head = tr("quiz.question", lang, number=n)
        lines += ["", f"**{head}.** {question_text(q, lang)}" if markdown
                  else f"{head}. {question_text(q, lang)}"]
        if q.kind == "choice":
            lines += [""] * markdown + [f"- **{L}.** {t}" if markdown else f"   {L}. {t}"
                                        for L, t in zip(LETTERS, choice_texts(q, lang))]
    if answers:
        title = tr("quiz.answers", lang)
        lines += ["", f"## {title}" if markdown else title]
        for n, q in enumerate(quiz.questions, start=1):
            head = f"{tr('quiz.question', lang, number=n)}. {answer_text(q, lang)}"
            lines += ["", f"**{head}**", "", explanation_text(q, lang)] if markdown else [
                "", head, "   " + explanation_text(q, lang)]
    return lines


def quiz_report(quiz: Quiz, lang: str = "en", answers: bool = False, markdown: bool = False
                ) -> Report:
    """The quiz as a report: text (or markdown) lines, the answers after the questions when
    ``answers``; its JSON holds the answers and explanations always."""
    check_language(lang)
    return Report(tuple(_lines(quiz, lang, answers, markdown)), data=quiz_json(quiz, lang))
