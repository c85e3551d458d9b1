"""Results API: a module's learners (filters, pages), its per-question figures, one attempt.

Who sees what is the web pages' rule (``lms_bridge.reports.queries.visible_administration``):
coordinators and admins every learner, a national coordinator their own administration's
(403 for another's), a learner only their own attempts.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from flask import g
from pydantic import Field

from ..catalog.queries import module_by_slug
from ..converters import LARGEST_ID, LAST_PAGE
from ..player.queries import attempt_to_read
from ..player.results import attempt_results
from ..reports import queries
from .blueprint import blueprint
from .schemas import In, Out
from .spec import endpoint, parse_query

Status = Literal["passed", "completed", "failed", "in progress"]


class FilterQuery(In):
    administration: int | None = Field(None, ge=1, le=LARGEST_ID,
                                       description="only this administration's learners")
    status: Status | None = None
    since: date | None = Field(None, description="last activity on or after this day (UTC)")
    until: date | None = Field(None, description="last activity on or before this day (UTC)")
    version: int | None = Field(None, ge=1, le=LARGEST_ID,
                                description="only attempts on this package version (its id)")

    def to_filter(self) -> queries.ResultsFilter:
        return queries.ResultsFilter(self.administration, self.status, self.since, self.until,
                                     self.version)


class ResultsQuery(FilterQuery):
    page: int = Field(1, ge=1, le=LAST_PAGE)


class QuestionsQuery(FilterQuery):
    attempts: Literal["counted", "all"] = Field(
        "counted", description="counted: the attempts the module's \"which attempt counts\" "
        "setting takes; all: every attempt")


class LearnerResultOut(Out):
    user_id: int
    name: str
    email: str
    administration: str
    attempts: int
    status: str
    score: float | None = Field(description="percent, by the module's \"which attempt counts\"")
    seconds: float = Field(description="time spent over every attempt")
    last_activity: datetime
    versions: list[int] = Field(description="package version numbers attempted")
    last_attempt_id: int
    editions: list[str] = Field(description="the language editions taken (en, fr, en-KE), "
                                            "first taken first")


class ResultsPageOut(Out):
    total: int
    page: int
    pages: int
    items: list[LearnerResultOut]


class WrongAnswerOut(Out):
    response: str
    count: int


class QuestionOut(Out):
    part: str
    question: str
    kind: str
    answered: int
    marked: int = Field(description="answers the content marked right or wrong")
    right: int
    share_right: float | None
    wrong_answers: list[WrongAnswerOut] = Field(description="the most common first")


class QuestionReportOut(Out):
    attempts: int = Field(description="how many attempts the figures are from")
    counted_only: bool
    questions: list[QuestionOut]


class AnswerOut(Out):
    question: str
    kind: str
    response: str
    result: str
    is_correct: bool | None


class PartOut(Out):
    title: str
    status: str
    score: float | None
    seconds: float
    tries: int = Field(description="tries of this SCO in the attempt; the figures are the latest's")
    answers: list[AnswerOut]
    raw: dict[str, str]


class AttemptResultsOut(Out):
    id: int
    number: int
    attempts: int = Field(description="how many attempts the learner has on the module")
    user_id: int
    module_slug: str
    package_version: int
    edition: str = Field(description="the language edition of the attempt's package version")
    state: str
    is_completed: bool
    is_passed: bool | None
    grade: float | None
    seconds: float
    started_at: datetime
    ended_at: datetime | None
    parts: list[PartOut]


@blueprint.get("/modules/<slug>/results")
@endpoint("A module's learners: attempts, status, score, time, last activity, version; "
          "filters and pages of 50", query=ResultsQuery, response=ResultsPageOut,
          roles="coordinator, admin, national_coordinator (own administration)")
def module_results(slug: str):
    query = parse_query(ResultsQuery)
    queries.visible_administration(g.api_user, query.administration)
    page = queries.results_page(g.api_user, module_by_slug(slug), query.to_filter(), query.page)
    return ResultsPageOut(total=page.total, page=page.page, pages=page.pages,
                          items=[LearnerResultOut.model_validate(row) for row in page.rows]
                          ).model_dump(mode="json")


@blueprint.get("/modules/<slug>/questions")
@endpoint("A module's questions (from cmi.interactions): answered, share right, the most "
          "common wrong answers", query=QuestionsQuery, response=QuestionReportOut,
          roles="coordinator, admin, national_coordinator (own administration)")
def module_questions(slug: str):
    query = parse_query(QuestionsQuery)
    queries.visible_administration(g.api_user, query.administration)
    report = queries.question_report(g.api_user, module_by_slug(slug), query.to_filter(),
                                     query.attempts == "counted")
    questions = [QuestionOut(
        part=q.part, question=q.question, kind=q.kind, answered=q.answered, marked=q.marked,
        right=q.right, share_right=q.share_right,
        wrong_answers=[WrongAnswerOut(response=r, count=n) for r, n in q.wrong_answers])
        for q in report.questions]
    return QuestionReportOut(attempts=report.attempts, counted_only=report.counted_only,
                             questions=questions).model_dump(mode="json")


@blueprint.get("/attempts/<int:attempt_id>/results")
@endpoint("One attempt's results: summary, each SCO's status, answers and raw data",
          response=AttemptResultsOut,
          roles="the learner; coordinator, admin; national_coordinator (own administration)")
def attempt_results_api(attempt_id: int):
    results = attempt_results(attempt_to_read(g.api_user, attempt_id))
    attempt = results.attempt
    parts = [PartOut(title=p.title, status=p.status, score=p.score, seconds=p.seconds,
                     tries=p.tries, raw={k: str(v) for k, v in p.raw.items()},
                     answers=[AnswerOut(question=a.question, kind=a.kind, response=a.response,
                                        result=a.result, is_correct=a.is_correct)
                              for a in p.answers]) for p in results.parts]
    return AttemptResultsOut(
        id=attempt.id, number=attempt.number, attempts=len(results.attempts),
        user_id=attempt.user_id, module_slug=attempt.module.slug,
        package_version=attempt.package_version.number,
        edition=attempt.package_version.language, state=attempt.state.value,
        is_completed=attempt.is_completed, is_passed=attempt.is_passed, grade=attempt.grade,
        seconds=attempt.total_seconds, started_at=attempt.started_at, ended_at=attempt.ended_at,
        parts=parts).model_dump(mode="json")
