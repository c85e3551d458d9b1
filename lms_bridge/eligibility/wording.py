"""The sentences that explain the eligibility engine's results, in any language.

Pure like the engine: no Flask, no Babel. Every function takes a ``Words`` saying how to write:
``gettext``/``ngettext`` (called on literal English sentences with ``%(name)s`` placeholders, so
the catalog extractor finds them), a date writer and a score writer. The default, ``ENGLISH``,
writes plain English with dates as "2 November 2026" (our own month names, so the output never
depends on the process locale) and scores as percentages ("55", "72.5", "no score"); that is
what is stored in the database and given by the API. Pages pass ``labels.words()``, which
writes in the reader's language with the locale's month names and digits.

Dates are written in the time zone of the workshop's deadline.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from ..tracking.vocabulary import CompletionStatus, SourceKind
from .inputs import CompletionEvidence, Prerequisite
from .vocabulary import Obstacle, Outcome, Shortfall, rule_label

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def plain_gettext(message: str, **values: object) -> str:
    """gettext without a catalog: the English sentence with its values filled in."""
    return message % values if values else message


def plain_ngettext(singular: str, plural: str, num: int, **values: object) -> str:
    """ngettext without a catalog (English plural rule); ``num`` is a value too."""
    return (singular if num == 1 else plural) % {"num": num, **values}


def format_date(moment: datetime, zone: tzinfo | None = None) -> str:
    """Write an aware datetime as "2 November 2026", in ``zone`` when given."""
    day = moment.astimezone(zone) if zone is not None else moment
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_score(score_scaled: float | None) -> str:
    """Write a scaled score (0..1) as a percentage: 0.55 -> "55", None -> "no score"."""
    if score_scaled is None:
        return "no score"
    return f"{round(score_scaled * 100, 1):g}"


@dataclass(frozen=True)
class Words:
    """How the sentences are written: translation, dates (moment, zone) and scores."""

    gettext: Callable[..., str] = plain_gettext
    ngettext: Callable[..., str] = plain_ngettext
    date: Callable[[datetime, tzinfo | None], str] = format_date
    score: Callable[[float | None], str] = format_score


ENGLISH = Words()


def status_name(status: CompletionStatus, words: Words = ENGLISH) -> str:
    """A record's status as a reader says it: "passed"."""
    gettext = words.gettext
    return {CompletionStatus.COMPLETED: gettext("completed"),
            CompletionStatus.PASSED: gettext("passed"),
            CompletionStatus.FAILED: gettext("failed"),
            CompletionStatus.INCOMPLETE: gettext("incomplete")}[status]


def source_name(source: SourceKind | str, words: Words = ENGLISH) -> str:
    """An allowed source: a kind ("any Moodle site") or a source's own name, as given."""
    if not isinstance(source, SourceKind):
        return source
    gettext = words.gettext
    return {SourceKind.LOCAL: "LMS Bridge",
            SourceKind.MOODLE: gettext("any Moodle site"),
            SourceKind.XAPI: gettext("any xAPI store"),
            SourceKind.CSV: gettext("any CSV report")}[source]


def describe_evidence(record: CompletionEvidence, zone: tzinfo, words: Words = ENGLISH) -> str:
    """Cite a record: "failed, 55, on CLiKC! on 2 November 2026 (record 17)"."""
    return words.gettext("%(status)s, %(score)s, on %(source)s on %(date)s (record %(record)s)",
                         status=status_name(record.status, words),
                         score=words.score(record.score_scaled), source=record.source_label,
                         date=words.date(record.completed_at, zone), record=record.record_id)


def describe_requirement(prerequisite: Prerequisite, window_opens: datetime | None,
                         zone: tzinfo, words: Words = ENGLISH) -> str:
    """State a prerequisite: "Passed in Customs valuation, score >= 70, ..."."""
    gettext = words.gettext
    parts = [gettext("%(rule)s in %(prerequisite)s", rule=rule_label(prerequisite.rule, gettext),
                     prerequisite=prerequisite.label)]
    if prerequisite.min_score is not None:
        parts.append(gettext("score >= %(minimum)s", minimum=f"{prerequisite.min_score:g}"))
    if window_opens is not None:
        parts.append(gettext("completed on or after %(date)s",
                             date=words.date(window_opens, zone)))
    if prerequisite.allowed_sources is not None:
        names = sorted(source_name(source, words) for source in prerequisite.allowed_sources)
        parts.append(gettext("recorded on %(sources)s", sources=gettext(" or ").join(names)))
    return gettext(", ").join(parts)


def rule_message(prerequisite: Prerequisite, *, evidence: CompletionEvidence | None,
                 best_so_far: CompletionEvidence | None, shortfalls: Shortfall,
                 window_opens: datetime | None, deadline: datetime,
                 words: Words = ENGLISH) -> str:
    """Explain one prerequisite's result, citing the record that meets it or the best so far."""
    gettext, zone = words.gettext, deadline.tzinfo
    requirement = describe_requirement(prerequisite, window_opens, zone, words)
    if evidence is not None:
        return gettext("%(requirement)s: met by %(record)s", requirement=requirement,
                       record=describe_evidence(evidence, zone, words))
    deadline_text = words.date(deadline, zone)
    if best_so_far is None:
        return gettext("needs %(requirement)s, by %(deadline)s; nothing recorded yet",
                       requirement=requirement, deadline=deadline_text)
    best = describe_evidence(best_so_far, zone, words)
    reasons = _shortfall_reasons(best_so_far, shortfalls, prerequisite.recency_days,
                                 window_opens, deadline, words)
    if not reasons:
        return gettext("needs %(requirement)s, by %(deadline)s; best so far: %(record)s",
                       requirement=requirement, deadline=deadline_text, record=best)
    return gettext("needs %(requirement)s, by %(deadline)s; best so far: %(record)s, which "
                   "does not count: %(reasons)s", requirement=requirement,
                   deadline=deadline_text, record=best, reasons=gettext("; ").join(reasons))


def _shortfall_reasons(record: CompletionEvidence, shortfalls: Shortfall,
                       recency_days: int | None, window_opens: datetime | None,
                       deadline: datetime, words: Words) -> list[str]:
    # Status and score shortfalls are visible by comparing the record with the requirement;
    # only the reasons a reader could not see from the two are spelled out.
    zone = deadline.tzinfo
    reasons = []
    if Shortfall.BEFORE_WINDOW in shortfalls and window_opens is not None:
        reasons.append(words.ngettext(
            "completed before the %(num)d-day window opened on %(date)s",
            "completed before the %(num)d-day window opened on %(date)s",
            recency_days or 0, date=words.date(window_opens, zone)))
    if Shortfall.AFTER_DEADLINE in shortfalls:
        reasons.append(words.gettext("completed after the deadline of %(date)s",
                                     date=words.date(deadline, zone)))
    if Shortfall.SOURCE in shortfalls:
        reasons.append(words.gettext(
            "records from %(source)s do not count for this prerequisite",
            source=record.source_label))
    return reasons


def describe_obstacle(obstacle: Obstacle, deadline: datetime, words: Words = ENGLISH) -> str:
    """Say what stands in the way besides prerequisites (nomination, availability, deadline)."""
    gettext = words.gettext
    if obstacle is Obstacle.NOMINATION_PENDING:
        return gettext("awaiting nomination by the national coordinator")
    if obstacle is Obstacle.NOT_NOMINATED:
        return gettext("not nominated by the national coordinator")
    if obstacle is Obstacle.AVAILABILITY:
        return gettext("availability for the whole workshop not yet confirmed")
    return gettext("the deadline of %(date)s has passed",
                   date=words.date(deadline, deadline.tzinfo))


def outcome_name(outcome: Outcome, words: Words = ENGLISH) -> str:
    """The engine's verdict as a reader says it ("not yet eligible")."""
    gettext = words.gettext
    return {Outcome.ELIGIBLE: gettext("eligible"), Outcome.NOT_YET: gettext("not yet eligible"),
            Outcome.INELIGIBLE: gettext("ineligible")}[outcome]


__all__ = ["ENGLISH", "Words", "describe_evidence", "describe_obstacle",
           "describe_requirement", "format_date", "format_score", "outcome_name",
           "plain_gettext", "plain_ngettext", "rule_message", "source_name", "status_name"]
