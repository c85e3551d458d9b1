"""Monitoring sheets: one training session checked, and a CSV of them parsed (pure).

A session is refused when a count is negative, when women and men add up to more than the
participants, or when the date is in the future; more than ``CONFIRM_ABOVE`` participants
needs the trainer's explicit confirmation (a typing slip is far likelier than a session of
that size), and more than ``REFUSE_ABOVE`` is refused outright. A CSV is all-or-nothing: every
problem is reported with its row and column, and nothing is stored unless there is none. A
row that repeats another row of the same file is a problem; a row already stored (the same
upload sent twice) is simply not stored again.

No database here; the problems are worded in the reader's language (``flask_babel.gettext``,
English outside a request). Column names, field and audience values are the CSV format's own
words and stay as they are.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from ..i18n import format_number
from .vocabulary import Audience, Field

CONFIRM_ABOVE = 1_000
REFUSE_ABOVE = 10_000
COLUMNS = ("date", "field", "audience", "participants", "women", "men", "place", "language")
OPTIONAL = {"women", "men", "confirm"}
LANGUAGES = {"en", "fr", "es", "ar", "ru", "pt"}
MAX_ROWS = 5_000


@dataclass(frozen=True)
class Session:
    held_on: date
    field: Field
    audience: Audience
    participants: int
    women: int | None
    men: int | None
    place: str
    language: str

    @property
    def fingerprint(self) -> str:
        facts = "|".join(str(x) for x in (self.held_on, self.field.name, self.audience.name,
                                          self.participants, self.women, self.men,
                                          self.place.strip().lower(), self.language))
        return hashlib.sha256(facts.encode()).hexdigest()


def problems_of(session: Session, today: date, confirmed: bool) -> list[tuple[str, str]]:
    """(column, problem) for everything wrong with one session; empty when it can be stored."""
    found = []
    if session.held_on > today:
        found.append(("date", _("is in the future")))
    if session.participants < 1:
        found.append(("participants", _("must be at least 1")))
    elif session.participants > REFUSE_ABOVE:
        found.append(("participants", _("%(count)s is more than one session can hold (at most "
                                        "%(most)s)", count=format_number(session.participants),
                                        most=format_number(REFUSE_ABOVE))))
    elif session.participants > CONFIRM_ABOVE and not confirmed:
        found.append(("participants", _("%(count)s is unusually many: confirm it (sessions above "
                                        "%(above)s need confirmation)",
                                        count=format_number(session.participants),
                                        above=format_number(CONFIRM_ABOVE))))
    for column in ("women", "men"):
        value = getattr(session, column)
        if value is not None and value < 0:
            found.append((column, _("cannot be negative")))
    if (session.women or 0) + (session.men or 0) > session.participants:
        found.append(("men", _("women and men add up to more than the participants")))
    if not session.place.strip():
        found.append(("place", _("is empty")))
    if session.language not in LANGUAGES:
        found.append(("language", _("'%(text)s' is not one of %(allowed)s", text=session.language,
                                    allowed=", ".join(sorted(LANGUAGES)))))
    return found


@dataclass(frozen=True)
class ParsedSheet:
    sessions: list[Session]
    problems: list[dict[str, object]]


def parse_sheet(raw: bytes, today: date, confirm_all: bool = False) -> ParsedSheet:
    """Read a monitoring CSV; every problem carries its row (the header is row 1) and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedSheet([], [_problem(0, "(file)", _("is not UTF-8 text"))])
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _read_rows(reader, today, confirm_all)
    except csv.Error as exc:  # a stray quote or line break: say where, keep nothing
        return ParsedSheet([], [_problem(reader.line_num, "(file)", _(
            "is not a readable CSV file here (%(reason)s)", reason=exc))])


def _read_rows(reader: csv.DictReader, today: date, confirm_all: bool) -> ParsedSheet:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
    unknown = [c for c in header if c not in COLUMNS and c not in OPTIONAL]
    if missing or unknown:
        return ParsedSheet([], [_problem(1, c, _("required column is missing")) for c in missing]
                           + [_problem(1, c, _("unknown column")) for c in unknown])
    reader.fieldnames = header
    sessions: list[Session] = []
    problems: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            problems.append(_problem(number, "(file)", _("more than %(most)s rows",
                                                          most=format_number(MAX_ROWS))))
            break
        session, row_problems = _session(row, number)
        if session is not None:
            confirmed = confirm_all or (row.get("confirm") or "").strip().lower() == "yes"
            row_problems += [_problem(number, c, p) for c, p in
                             problems_of(session, today, confirmed)]
            first = seen.setdefault(session.fingerprint, number)
            if first != number:
                row_problems.append(_problem(number, "(row)", _("repeats row %(row)d", row=first)))
        problems += row_problems
        if session is not None and not row_problems:
            sessions.append(session)
    return ParsedSheet(sessions, problems)


def _problem(row: int, column: str, problem: str) -> dict[str, object]:
    return {"row": row, "column": column, "problem": problem}


def _session(row: dict[str, str | None], number: int
             ) -> tuple[Session | None, list[dict[str, object]]]:
    values = {k: (v or "").strip() for k, v in row.items() if k is not None}
    if None in row:
        return None, [_problem(number, "(row)", _("has more cells than the header"))]
    problems: list[dict[str, object]] = []

    def fail(column: str, problem: str):
        problems.append(_problem(number, column, problem))

    held_on = _date(values.get("date", ""), fail)
    field = _member(Field, values.get("field", ""), "field", fail)
    audience = _member(Audience, values.get("audience", ""), "audience", fail)
    counts = {c: _count(values.get(c, ""), c, fail, required=c == "participants")
              for c in ("participants", "women", "men")}
    if problems:
        return None, problems
    return Session(held_on, field, audience, counts["participants"], counts["women"],
                   counts["men"], values.get("place", "")[:200],
                   values.get("language", "").lower()), []


def _date(text: str, fail) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail("date", _("'%(text)s' is not a date like 2026-03-31", text=text))
        return None


def _member(enum_cls, text: str, column: str, fail):
    for member in enum_cls:
        if text.lower() in (member.value.lower(), member.name.lower()):
            return member
    fail(column, _("'%(text)s' is not one of %(allowed)s", text=text,
                   allowed=", ".join(m.value for m in enum_cls)))
    return None


def _count(text: str, column: str, fail, required: bool) -> int | None:
    if not text:
        if required:
            fail(column, _("is empty"))
        return None
    try:
        return int(text)
    except ValueError:
        fail(column, _("'%(text)s' is not a whole number", text=text))
        return None
