"""The availability pledge in numbers (pure: dates and integers in, numbers or an error out).

A pledge is counted in working days: one pledged week is five working days (Monday to
Friday), which is how missions are planned. A mission holds the working days between its
first and last day while the expert is proposed or released; once it is held, the days the
expert actually gave replace them.

Messages are worded in the reader's language (``flask_babel.gettext``, English outside a
request); their dates stay ISO (2026-03-31), readable in every language and with no context.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from .errors import PledgeExceeded

DAYS_PER_WEEK = 5


def working_days(first: date, last: date) -> int:
    """Monday-to-Friday days from ``first`` to ``last`` inclusive (0 when last < first)."""
    if last < first:
        return 0
    whole_weeks, rest = divmod((last - first).days + 1, 7)
    days = whole_weeks * 5
    for offset in range(rest):
        if (first + timedelta(days=whole_weeks * 7 + offset)).weekday() < 5:
            days += 1
    return days


def weeks(days: int | float) -> float:
    """Working days as weeks, to one decimal (what pages show)."""
    return round(days / DAYS_PER_WEEK, 1)


def default_period(workshop_end: date, years: int) -> tuple[date, date]:
    """From the day after the workshop, for ``years`` years."""
    start = workshop_end + timedelta(days=1)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return start, end - timedelta(days=1)


@dataclass(frozen=True)
class Balance:
    pledged_days: int
    given_days: int
    committed_days: int
    starts_on: date
    ends_on: date

    @property
    def left_days(self) -> int:
        return self.pledged_days - self.given_days - self.committed_days

    def describe(self) -> str:
        pledged_weeks = format(weeks(self.pledged_days), "g")
        return _("pledge %(weeks)s weeks (%(pledged)d working days) from %(first)s to %(last)s; "
                 "given %(given)d days, committed %(committed)d days, left %(left)d days",
                 weeks=pledged_weeks, pledged=self.pledged_days,
                 first=self.starts_on, last=self.ends_on, given=self.given_days,
                 committed=self.committed_days, left=self.left_days)


def check_mission_fits(balance: Balance, first: date, last: date) -> int:
    """The working days the mission needs; raise ``PledgeExceeded`` when it does not fit."""
    needed = working_days(first, last)
    if first < balance.starts_on or last > balance.ends_on:
        raise PledgeExceeded(
            _("The mission (%(first)s to %(last)s) falls outside the expert's pledge period "
              "(%(starts)s to %(ends)s).", first=first, last=last, starts=balance.starts_on,
              ends=balance.ends_on),
            [{"field": "dates", "problem": "outside the pledge period",
              "pledge_starts_on": str(balance.starts_on), "pledge_ends_on": str(balance.ends_on)}])
    if needed > balance.left_days:
        raise PledgeExceeded(
            _("The mission needs %(needed)d working days but only %(left)d are left: "
              "%(balance)s.", needed=needed, left=balance.left_days, balance=balance.describe()),
            [{"field": "dates", "problem": "pledge exceeded", "needed_days": needed,
              "pledged_days": balance.pledged_days, "given_days": balance.given_days,
              "committed_days": balance.committed_days, "left_days": balance.left_days}])
    return needed
