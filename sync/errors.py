"""Errors raised by the sync connectors.

Every error raised under ``sync/`` derives from :class:`SyncError`::

    SyncError                   root; never raised itself
    ├── UnsafeSourceURL         a source URL or a redirect breaks the URL policy (sync.http)
    ├── SourceUnavailable       network error, timeout, 5xx or 429 still failing after retries
    ├── SourceNeedsAttention    a person must act before the source can be pulled again:
    │   │                       token invalid or revoked, web services or REST disabled,
    │   │                       function missing from the external service, LRS credentials
    │   └── MissingCapability   the service account lacks a capability for one function
    ├── SourceResponseError     the source answered something unreadable (bad JSON, bad shape)
    │   └── RemoteCallError     a well-formed error body for one call (Moodle ``exception``)
    │       ├── UserNotEnrolled     the learner is (no longer) enrolled in the course
    │       └── RemoteRecordMissing the user, course or activity does not exist (any more)
    └── CsvReportError          a CSV report is invalid; names the row and the column

Messages name the source, the call and the scope (course, user, row, column) but never a
token or password: URLs are shown by ``sync.http.public_url`` (userinfo masked and query
dropped by position), and credentials travel only in request bodies and headers.
"""
from __future__ import annotations


class SyncError(Exception):
    """Root of the sync error tree."""


class UnsafeSourceURL(SyncError):
    """A source URL, or a redirect target, is refused by the URL policy."""


class SourceUnavailable(SyncError):
    """The source could not be reached or kept failing after the retries."""


class SourceNeedsAttention(SyncError):
    """The source refuses us until a person fixes something (token, service, permissions)."""


class MissingCapability(SourceNeedsAttention):
    """The account behind the token lacks a capability needed by one function."""

    def __init__(self, message: str, *, function: str, capability: str | None) -> None:
        super().__init__(message)
        self.function = function
        self.capability = capability


class SourceResponseError(SyncError):
    """The source answered, but not with something we can read."""


class RemoteCallError(SourceResponseError):
    """A remote call came back with a well-formed error body."""

    def __init__(self, message: str, *, function: str, errorcode: str) -> None:
        super().__init__(message)
        self.function = function
        self.errorcode = errorcode


class UserNotEnrolled(RemoteCallError):
    """The learner is not (or no longer) enrolled in the course asked about."""


class RemoteRecordMissing(RemoteCallError):
    """The user, course or activity asked about does not exist (any more)."""


class CsvReportError(SyncError):
    """A CSV completion report is invalid; ``row`` and ``column`` say where."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None,
                 problems: tuple[tuple[int | None, str | None, str], ...] = ()) -> None:
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.row = row
        self.column = column
        # every (row, column, message) found, when the parser collected several
        self.problems = problems or ((row, column, message),)
