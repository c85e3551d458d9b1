"""Render the assessment SCO: an accessible HTML form plus the answer key the runtime scores with.

Every question is a ``<fieldset>`` with a ``<legend>``; every control has a label; feedback
appears in live regions. Scoring happens in the browser (a SCORM package has no server of its
own), so the answer key is in the page as JSON next to the form.
"""
from __future__ import annotations

import html
from decimal import Decimal

from ..source.model import ModuleEdition, Question, QuestionType
from .pages import is_inline, render_inline, render_markdown, render_page
from .sanitize import plain_text
from .text import interface_text

DESCRIPTION_LIMIT = 250  # SCORM 2004 cmi.interactions.n.description holds at least 250 characters


def render_assessment_page(edition: ModuleEdition, scorm_version: str) -> str:
    """The complete HTML document of the assessment SCO of ``edition``."""
    assessment = edition.assessment
    config = {"kind": "assessment", "scormVersion": scorm_version,
              "text": interface_text(edition.language), **assessment_config(edition)}
    return render_page(edition, assessment.title, assessment.title,
                       render_assessment_main(edition), config)


def render_assessment_main(edition: ModuleEdition) -> str:
    """The assessment's heading, instructions and form (the same in both kinds of build)."""
    assessment = edition.assessment
    text = interface_text(edition.language)
    items = [_render_question(question, number, text)
             for number, question in enumerate(assessment.questions, start=1)]
    instructions = render_markdown(assessment.instructions) if assessment.instructions else ""
    return "\n".join(part for part in [
        f"<h1>{html.escape(assessment.title)}</h1>",
        f'<div class="lmsb-instructions">{instructions}</div>' if instructions else "",
        '<form id="lmsb-assessment" novalidate>',
        '<ol class="lmsb-questions">',
        *items,
        "</ol>",
        '<p id="lmsb-form-error" class="lmsb-form-error" role="alert" hidden></p>',
        '<div class="lmsb-actions">',
        f'<button type="submit" id="lmsb-submit">{html.escape(text["submit"])}</button>',
        f'<button type="button" id="lmsb-retry" hidden>{html.escape(text["retry"])}</button>',
        "</div>",
        '<div id="lmsb-result" class="lmsb-result" role="status" aria-live="polite" '
        'tabindex="-1"></div>',
        "</form>",
    ] if part)


def assessment_config(edition: ModuleEdition) -> dict:
    """What the runtime needs to run the assessment: grading, pass mark and answer key."""
    assessment = edition.assessment
    return {"graded": assessment.is_graded, "masteryScore": edition.mastery_score,
            "questions": [answer_key(question) for question in assessment.questions]}


def answer_key(question: Question) -> dict:
    """What the runtime needs to score ``question`` and report it as a SCORM interaction."""
    key: dict = {"id": question.id, "type": question.type.value, "points": question.points,
                 "description": " ".join(plain_text(question.prompt).split())[:DESCRIPTION_LIMIT]}
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        key["choices"] = [choice.id for choice in question.choices]
        key["correct"] = [choice.id for choice in question.choices if choice.is_correct]
    elif question.type is QuestionType.TRUE_FALSE:
        key["answer"] = question.true_false_answer
    elif question.type is QuestionType.NUMERIC:
        answer, tolerance = Decimal(str(question.numeric_answer)), Decimal(str(question.tolerance))
        key.update(answer=_decimal_text(answer), min=_decimal_text(answer - tolerance),
                   max=_decimal_text(answer + tolerance))
    elif question.type is QuestionType.FILL_IN:
        key.update(accepted=list(question.accepted), caseSensitive=question.case_sensitive)
    else:
        targets = matching_targets(question)
        key["sources"] = [str(number) for number in range(1, len(question.pairs) + 1)]
        key["targets"] = list(targets.values())
        key["correct"] = {str(number): targets[pair.target]
                          for number, pair in enumerate(question.pairs, start=1)}
    return key


def matching_targets(question: Question) -> dict[str, str]:
    """Each distinct target text and its letter, in alphabetical order of the texts."""
    texts = sorted({pair.target for pair in question.pairs}, key=lambda t: (t.casefold(), t))
    return {target: "abcdefghijklmnopqrstuvwxyz"[index] for index, target in enumerate(texts)}


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _render_question(question: Question, number: int, text: dict[str, str]) -> str:
    qid = f"lmsb-q-{question.id}"
    prompt = render_inline(question.prompt)
    points = text["point_one"] if question.points == 1 else \
        text["point_many"].format(n=f"{question.points:g}")
    label = f'<span class="lmsb-qnum">{html.escape(text["question"].format(n=number))}' \
            f'<span class="lmsb-points"> ({html.escape(points)})</span></span> '
    # A legend may only hold phrasing content: a multi-paragraph prompt goes below it.
    legend = label + prompt if is_inline(prompt) else label
    described = "" if is_inline(prompt) else \
        f'<div class="lmsb-prompt" id="{qid}-prompt">{prompt}</div>'
    return "\n".join(part for part in [
        "<li>",
        f'<fieldset class="lmsb-question" id="{qid}" data-question="{html.escape(question.id)}"'
        + (f' aria-describedby="{qid}-prompt"' if described else "") + ">",
        f"<legend>{legend}</legend>",
        described,
        _CONTROLS[question.type](question, qid, text),
        f'<p class="lmsb-verdict" id="{qid}-verdict" role="status" aria-live="polite"></p>',
        _feedback(question, qid),
        "</fieldset>",
        "</li>",
    ] if part)


def _feedback(question: Question, qid: str) -> str:
    parts = []
    for kind, feedback in (("correct", question.feedback_correct),
                           ("incorrect", question.feedback_incorrect)):
        if feedback:
            parts.append(f'<div class="lmsb-feedback" id="{qid}-feedback-{kind}" hidden>'
                         f"{render_markdown(feedback)}</div>")
    return "\n".join(parts)


def _option(input_type: str, name: str, value: str, label: str) -> str:
    control_id = f"{name}-{value}"
    return (f'<div class="lmsb-option"><input type="{input_type}" name="{name}" '
            f'id="{control_id}" value="{html.escape(value)}">'
            f'<label for="{control_id}">{label}</label></div>')


def _choices(question: Question, qid: str, text: dict[str, str]) -> str:
    input_type = "radio" if question.type is QuestionType.SINGLE_CHOICE else "checkbox"
    return "\n".join(_option(input_type, qid, choice.id, render_inline(choice.text))
                     for choice in question.choices)


def _true_false(question: Question, qid: str, text: dict[str, str]) -> str:
    return "\n".join(_option("radio", qid, value, html.escape(text[value]))
                     for value in ("true", "false"))


def _text_input(question: Question, qid: str, text: dict[str, str]) -> str:
    mode = ' inputmode="decimal"' if question.type is QuestionType.NUMERIC else ""
    return (f'<div class="lmsb-text-answer"><label for="{qid}-input">'
            f'{html.escape(text["your_answer"])}</label> '
            f'<input type="text" id="{qid}-input" name="{qid}"{mode} autocomplete="off" '
            f'spellcheck="false"></div>')


def _matching(question: Question, qid: str, text: dict[str, str]) -> str:
    targets = matching_targets(question)
    options = [f'<option value="">{html.escape(text["choose"])}</option>'] + \
        [f'<option value="{letter}">{html.escape(target)}</option>'
         for target, letter in targets.items()]
    rows = []
    for number, pair in enumerate(question.pairs, start=1):
        control_id = f"{qid}-{number}"
        rows.append(f'<div class="lmsb-match"><label for="{control_id}">'
                    f"{render_inline(pair.source)}</label> "
                    f'<select id="{control_id}" name="{control_id}" data-source="{number}">'
                    + "".join(options) + "</select></div>")
    return "\n".join(rows)


_CONTROLS = {
    QuestionType.SINGLE_CHOICE: _choices,
    QuestionType.MULTIPLE_CHOICE: _choices,
    QuestionType.TRUE_FALSE: _true_false,
    QuestionType.NUMERIC: _text_input,
    QuestionType.FILL_IN: _text_input,
    QuestionType.MATCHING: _matching,
}

