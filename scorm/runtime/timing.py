"""Time intervals and timestamps of both SCORM versions.

Durations are handled as whole **centiseconds** (SCORM's precision is 0.01 s), so adding a
session time to a total time never drifts. ISO 8601 years and months have no fixed length; like
ADL's comparator, a year counts as 365 days and a month as a twelfth of that.

- SCORM 1.2 ``CMITimespan``: ``HHHH:MM:SS.SS`` (hours 2-4 digits, optional 1-2 decimals).
- SCORM 1.2 ``CMITime``: ``HH:MM:SS.SS`` wall-clock time.
- SCORM 2004 ``timeinterval (second,10,2)``: ISO 8601 duration ``P[nY][nM][nD][T[nH][nM][n.nnS]]``.
- SCORM 2004 ``time (second,10,0)``: ISO 8601 timestamp ``YYYY[-MM[-DD[Thh[:mm[:ss[.s[s][TZD]]]]]]]``,
  years 1970-2038. As in ADL's conformance test, a time zone is only accepted after fractional
  seconds (``...T09:45:58Z`` is refused, ``...T09:45:58.5Z`` accepted).

The patterns themselves are in :mod:`scorm.runtime.lexical`, shared with the browser adapter.
"""
from __future__ import annotations

import calendar

from scorm.runtime.errors import DurationFormatError
from scorm.runtime.lexical import DURATION, TIME_OF_DAY, TIMESPAN, TIMESTAMP

CENTIS_PER_SECOND = 100
_YEAR = 365 * 86400 * CENTIS_PER_SECOND
_MONTH = _YEAR // 12
_DAY = 86400 * CENTIS_PER_SECOND
_HOUR = 3600 * CENTIS_PER_SECOND
_MINUTE = 60 * CENTIS_PER_SECOND


def _centis(fraction: str | None) -> int:
    return int((fraction or "0").ljust(2, "0"))


def parse_timespan(text: str) -> int:
    """Return a SCORM 1.2 CMITimespan as centiseconds; raise DurationFormatError if malformed."""
    match = TIMESPAN.fullmatch(text)
    if not match:
        raise DurationFormatError(f"{text!r} is not a CMITimespan (HHHH:MM:SS.SS)")
    hours, minutes, seconds, fraction = match.groups()
    return int(hours) * _HOUR + int(minutes) * _MINUTE + int(seconds) * 100 + _centis(fraction)


def format_timespan(centis: int) -> str:
    """Return centiseconds as a SCORM 1.2 CMITimespan ``HHHH:MM:SS.SS`` (saturating at 9999 h)."""
    hours, rest = divmod(min(max(centis, 0), 10000 * _HOUR - 1), _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    seconds, hundredths = divmod(rest, 100)
    return f"{hours:04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"


def is_timespan(text: str) -> bool:
    """Return whether ``text`` is a SCORM 1.2 CMITimespan."""
    return TIMESPAN.fullmatch(text) is not None


def is_time_of_day(text: str) -> bool:
    """Return whether ``text`` is a SCORM 1.2 CMITime (``HH:MM:SS[.SS]``)."""
    return TIME_OF_DAY.fullmatch(text) is not None


def is_duration(text: str) -> bool:
    """Return whether ``text`` is a SCORM 2004 ISO 8601 time interval."""
    return DURATION.fullmatch(text) is not None


def parse_duration(text: str) -> int:
    """Return an ISO 8601 duration as centiseconds; raise DurationFormatError if malformed."""
    match = DURATION.fullmatch(text)
    if match is None:
        raise DurationFormatError(f"{text!r} is not an ISO 8601 duration (P[nY][nM][nD][T[nH][nM][nS]])")
    years, months, days, hours, minutes, seconds, fraction = (g or "0" for g in match.groups())
    return (
        int(years) * _YEAR + int(months) * _MONTH + int(days) * _DAY + int(hours) * _HOUR
        + int(minutes) * _MINUTE + int(seconds) * 100 + _centis(fraction)
    )


def format_duration(centis: int) -> str:
    """Return centiseconds as an ISO 8601 duration ``PT#H#M#S`` (hours unbounded)."""
    hours, rest = divmod(max(centis, 0), _HOUR)
    minutes, rest = divmod(rest, _MINUTE)
    seconds, hundredths = divmod(rest, 100)
    fraction = f".{hundredths:02d}".rstrip("0") if hundredths else ""
    return f"PT{hours}H{minutes}M{seconds}{fraction}S"


def add_timespans(total: str, session: str) -> str:
    """Return the SCORM 1.2 total time after adding one session time; raise DurationFormatError."""
    return format_timespan(parse_timespan(total or "0000:00:00") + parse_timespan(session))


def add_durations(total: str, session: str) -> str:
    """Return the SCORM 2004 total time after adding one session time; raise DurationFormatError."""
    return format_duration(parse_duration(total or "PT0S") + parse_duration(session))


def is_timestamp(text: str) -> bool:
    """Return whether ``text`` is a SCORM 2004 ``time (second,10,0)`` ISO 8601 timestamp."""
    match = TIMESTAMP.fullmatch(text)
    if match is None:
        return False
    year, month, day = match.group(1, 2, 3)
    # the pattern bounds every field but the day, whose limit depends on the month and year
    return day is None or int(day) <= calendar.monthrange(int(year), int(month))[1]
