"""Reading and checking ``<lang>/assessment.yaml``: the questions, their answers and translations."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import FieldReader, Findings
from .model import Assessment, Choice, MatchPair, Question, QuestionType
from .yaml_lines import YamlList, YamlMap, YamlSyntaxError, load_yaml_file

# SCORM 1.2 writes choice and matching identifiers as single characters (0-9, a-z), and
# SCORM 2004 allows at most 10 correct-response patterns for fill-in.
MAX_CHOICES = 26
MAX_PAIRS = 9
MAX_ACCEPTED = 10
COMMON_KEYS = ("id", "type", "prompt", "feedback", "points")
TYPE_KEYS = {
    QuestionType.SINGLE_CHOICE: ("choices",),
    QuestionType.MULTIPLE_CHOICE: ("choices",),
    QuestionType.TRUE_FALSE: ("answer",),
    QuestionType.NUMERIC: ("answer", "tolerance"),
    QuestionType.FILL_IN: ("accepted", "case_sensitive"),
    QuestionType.MATCHING: ("pairs",),
}


def read_assessment(root: Path, language: str, findings: Findings) -> Assessment | None:
    """The assessment of one language, or None when it is absent or too broken to use."""
    file = f"{language}/assessment.yaml"
    reader = FieldReader(file, findings)
    try:
        data = load_yaml_file(root / file)
    except YamlSyntaxError as exc:
        reader.error(exc.line, str(exc))
        return None
    data = reader.mapping(data, 1, "assessment.yaml")
    if data is None:
        return None
    reader.check_keys(data, ("title", "questions"), ("instructions", "graded"), "assessment")
    questions = _read_questions(data, reader)
    title = reader.text(data, "title", "assessment")
    instructions = reader.text(data, "instructions", "assessment", default="")
    graded = reader.boolean(data, "graded", "assessment", default=True)
    if title is None or instructions is None or graded is None or questions is None:
        return None
    return Assessment(title=title, instructions=instructions, is_graded=graded,
                      questions=tuple(questions), file=file)


def _read_questions(data: YamlMap, reader: FieldReader) -> list[Question] | None:
    items = data.get("questions")
    if not isinstance(items, YamlList) or not items:
        if "questions" in data:
            reader.error(data.line_of("questions"), "assessment: 'questions' must be a list of "
                         "at least one question (each starting with '- id: ...')")
        return None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    is_complete = True
    for index, item in enumerate(items):
        question = _read_question(item, items.line_of(index), reader)
        if question is None:
            is_complete = False
        elif question.id in seen:
            reader.error(question.line, f"question id '{question.id}' is already used on line "
                         f"{seen[question.id]}")
            is_complete = False
        else:
            seen[question.id] = question.line
            questions.append(question)
    return questions if is_complete else None


def _read_question(item: Any, line: int, reader: FieldReader) -> Question | None:
    data = reader.mapping(item, line, "a question")
    if data is None:
        return None
    qid = reader.identifier(data, "id", "question")
    what = f"question '{qid}'" if qid else "question"
    type_name = data.get("type")
    try:
        qtype = QuestionType(type_name)
    except ValueError:
        known = ", ".join(t.value for t in QuestionType)
        reader.error(data.line_of("type"), f"{what}: unknown type {type_name!r} (one of {known})")
        return None
    reader.check_keys(data, ("id", "type", "prompt"), COMMON_KEYS[3:] + TYPE_KEYS[qtype], what)
    prompt = reader.text(data, "prompt", what)
    points = reader.number(data, "points", what, minimum=0) if "points" in data else 1
    feedback = _read_feedback(data, what, reader)
    answer = _READERS[qtype](data, what, reader)
    if None in (qid, prompt, points, feedback, answer) or points == 0:
        if points == 0:
            reader.error(data.line_of("points"), f"{what}: 'points' must be more than 0")
        return None
    return Question(id=qid, type=qtype, prompt=prompt, line=data.line, points=points,
                    feedback_correct=feedback[0], feedback_incorrect=feedback[1], **answer)


def _read_feedback(data: YamlMap, what: str, reader: FieldReader) -> tuple[str, str] | None:
    if "feedback" not in data:
        return "", ""
    feedback = reader.mapping(data["feedback"], data.line_of("feedback"), f"{what}: feedback")
    if feedback is None:
        return None
    reader.check_keys(feedback, (), ("correct", "incorrect"), f"{what}: feedback")
    correct = reader.text(feedback, "correct", f"{what}: feedback", default="")
    incorrect = reader.text(feedback, "incorrect", f"{what}: feedback", default="")
    return None if correct is None or incorrect is None else (correct, incorrect)


def _read_choices(data: YamlMap, what: str, reader: FieldReader) -> dict | None:
    items = data.get("choices")
    line = data.line_of("choices")
    if not isinstance(items, YamlList) or not 2 <= len(items) <= MAX_CHOICES:
        reader.error(line, f"{what}: 'choices' must be a list of 2 to {MAX_CHOICES} choices")
        return None
    choices: list[Choice] = []
    for index, item in enumerate(items):
        choice = reader.mapping(item, items.line_of(index), f"{what}: choice {index + 1}")
        if choice is None:
            return None
        reader.check_keys(choice, ("id", "text"), ("correct",), f"{what}: choice {index + 1}")
        cid = reader.identifier(choice, "id", f"{what}: choice {index + 1}")
        text = reader.text(choice, "text", f"{what}: choice {index + 1}")
        correct = reader.boolean(choice, "correct", f"{what}: choice {index + 1}", default=False)
        if None in (cid, text, correct):
            return None
        if any(c.id == cid for c in choices):
            reader.error(items.line_of(index), f"{what}: choice id '{cid}' is used twice")
            return None
        choices.append(Choice(cid, text, correct))
    return _checked_correct_count(choices, data, what, reader)


def _checked_correct_count(choices: list[Choice], data: YamlMap, what: str,
                           reader: FieldReader) -> dict | None:
    count = sum(choice.is_correct for choice in choices)
    line = data.line_of("choices")
    if count == 0:
        reader.error(line, f"{what}: no choice is marked 'correct: true'")
        return None
    if count > 1 and data["type"] == QuestionType.SINGLE_CHOICE.value:
        reader.error(line, f"{what}: a single_choice question has exactly one correct choice, "
                     f"not {count} (use multiple_choice)")
        return None
    return {"choices": tuple(choices)}


def _read_true_false(data: YamlMap, what: str, reader: FieldReader) -> dict | None:
    if "answer" not in data:
        reader.error(data.line, f"{what}: a true_false question needs 'answer: true' or 'false'")
        return None
    answer = reader.boolean(data, "answer", what, default=None)
    return None if answer is None else {"true_false_answer": answer}


def _read_numeric(data: YamlMap, what: str, reader: FieldReader) -> dict | None:
    answer = reader.number(data, "answer", what)
    tolerance = reader.number(data, "tolerance", what, minimum=0) if "tolerance" in data else 0.0
    if answer is None or tolerance is None:
        return None
    return {"numeric_answer": answer, "tolerance": tolerance}


def _read_fill_in(data: YamlMap, what: str, reader: FieldReader) -> dict | None:
    accepted = reader.text_list(data.get("accepted"), data.line_of("accepted"),
                                f"{what}: 'accepted'")
    case_sensitive = reader.boolean(data, "case_sensitive", what, default=False)
    if accepted is not None and not 1 <= len(accepted) <= MAX_ACCEPTED:
        reader.error(data.line_of("accepted"),
                     f"{what}: 'accepted' must list 1 to {MAX_ACCEPTED} answers")
        return None
    if accepted is None or case_sensitive is None:
        return None
    return {"accepted": accepted, "case_sensitive": case_sensitive}


def _read_matching(data: YamlMap, what: str, reader: FieldReader) -> dict | None:
    items = data.get("pairs")
    if not isinstance(items, YamlList) or not 2 <= len(items) <= MAX_PAIRS:
        reader.error(data.line_of("pairs"), f"{what}: 'pairs' must be a list of 2 to {MAX_PAIRS}"
                     " pairs, each {source: ..., target: ...}")
        return None
    pairs: list[MatchPair] = []
    for index, item in enumerate(items):
        pair = reader.mapping(item, items.line_of(index), f"{what}: pair {index + 1}")
        if pair is None:
            return None
        reader.check_keys(pair, ("source", "target"), (), f"{what}: pair {index + 1}")
        source = reader.text(pair, "source", f"{what}: pair {index + 1}")
        target = reader.text(pair, "target", f"{what}: pair {index + 1}")
        if source is None or target is None:
            return None
        if any(p.source == source for p in pairs):
            reader.error(items.line_of(index), f"{what}: source '{source}' is listed twice")
            return None
        pairs.append(MatchPair(source, target))
    return {"pairs": tuple(pairs)}


_READERS = {
    QuestionType.SINGLE_CHOICE: _read_choices,
    QuestionType.MULTIPLE_CHOICE: _read_choices,
    QuestionType.TRUE_FALSE: _read_true_false,
    QuestionType.NUMERIC: _read_numeric,
    QuestionType.FILL_IN: _read_fill_in,
    QuestionType.MATCHING: _read_matching,
}


def check_assessment_translation(reference: Assessment, translated: Assessment,
                                 findings: Findings) -> None:
    """Errors where a translation does not ask the same questions with the same answers."""
    if reference.is_graded != translated.is_graded:
        findings.error(translated.file, 1, f"'graded' differs from {reference.file}")
    expected = [q.id for q in reference.questions]
    actual = [q.id for q in translated.questions]
    if expected != actual:
        findings.error(translated.file, 1, f"the questions must be those of {reference.file} in "
                       f"the same order: {', '.join(expected)} (found {', '.join(actual)})")
        return
    for ref, other in zip(reference.questions, translated.questions):
        if _answer_key(ref) != _answer_key(other):
            findings.error(translated.file, other.line, f"question '{other.id}': its type, points "
                           f"or answer differ from {reference.file} line {ref.line}")


def _answer_key(question: Question) -> tuple:
    # Texts are translated; what must agree is what is scored.
    correct = tuple((c.id, c.is_correct) for c in question.choices)
    return (question.type, question.points, correct, question.true_false_answer,
            question.numeric_answer, question.tolerance, len(question.pairs))
