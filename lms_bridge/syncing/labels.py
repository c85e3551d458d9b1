"""The words people read on the sync pages, in the interface's language.

Enum values (``RunStatus.NEEDS_ATTENTION.value`` ...) are data: stored, given by the API and the
CLI, so they never change with the reader's language; pages show ``label(value)``.

A run's stored ``message`` (and its source's ``health_detail``) is English: for a run that
ended, it is a summary of the run's counters, so pages word that summary again from the
counters (``run_summary``); for a run that failed, it is the connector's or the server's own
diagnostic, which is shown as it was recorded (``sync/``'s errors are English).
"""
from __future__ import annotations

import enum

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from sync.records import SourceKind

from .credentials import UNREADABLE
from .jobs import NO_REPORT_FILE
from .models import Health, MatchBy, RunStatus, RunTrigger, SyncRun, SyncSource, UnmatchedReason
from .runs import INTERRUPTED

LABELS: dict[enum.Enum, object] = {
    RunStatus.RUNNING: _l("running"),
    RunStatus.SUCCEEDED: _l("succeeded"),
    RunStatus.PARTIAL: _l("partial"),
    RunStatus.FAILED: _l("failed"),
    RunStatus.NEEDS_ATTENTION: _l("needs attention"),
    RunTrigger.SCHEDULE: _l("schedule"),
    RunTrigger.MANUAL: _l("manual"),
    RunTrigger.CLI: _l("command line"),
    RunTrigger.IMPORT: _l("import"),
    Health.UNKNOWN: _l("unknown"),
    Health.HEALTHY: _l("healthy"),
    Health.DEGRADED: _l("degraded"),
    Health.FAILING: _l("failing"),
    Health.NEEDS_ATTENTION: _l("needs attention"),
    MatchBy.EMAIL: _l("e-mail"),
    MatchBy.IDNUMBER: _l("ID number"),
    MatchBy.USERNAME: _l("user name"),
    UnmatchedReason.UNMATCHED: _l("nobody local has this identifier"),
    UnmatchedReason.AMBIGUOUS: _l("several local people have this identifier"),
    UnmatchedReason.NO_IDENTIFIER: _l("the source gave no identifier to recognise them by"),
    SourceKind.MOODLE: "Moodle",  # proper names, the same in every language
    SourceKind.XAPI: "xAPI",
    SourceKind.CSV: "CSV",
}

PHASES = {"starting": _l("starting"), "pulling": _l("pulling"),
          "recording": _l("recording"), "done": _l("done")}


def label(value: enum.Enum | None) -> str:
    """The words for ``value`` in the current language ("" for None)."""
    return "" if value is None else str(LABELS[value])


def run_summary(run: SyncRun) -> str:
    """What the run did, in the current language (see the module docstring)."""
    if run.status is RunStatus.RUNNING:
        return ""
    if run.status not in (RunStatus.SUCCEEDED, RunStatus.PARTIAL):
        return _recorded(run.message)
    parts = [ngettext("%(num)d created", "%(num)d created", run.created),
             ngettext("%(num)d updated", "%(num)d updated", run.updated),
             ngettext("%(num)d unchanged", "%(num)d unchanged", run.unchanged)]
    optional = ((run.kept_better, ngettext("%(num)d kept better", "%(num)d kept better",
                                           run.kept_better)),
                (run.withdrawn, ngettext("%(num)d withdrawn", "%(num)d withdrawn",
                                         run.withdrawn)),
                (run.unmapped, ngettext("%(num)d unmapped", "%(num)d unmapped", run.unmapped)),
                (run.people_unmatched, ngettext("%(num)d person unmatched",
                                                "%(num)d people unmatched",
                                                run.people_unmatched)),
                (len(run.errors), ngettext("%(num)d skipped or warned",
                                           "%(num)d skipped or warned", len(run.errors))))
    parts.extend(text for count, text in optional if count)
    return _(", ").join(parts)


def health_detail(source: SyncSource, last_run: SyncRun | None) -> str:
    """The source's health detail in the current language: its last run's summary when that is
    what it says, else the recorded diagnostic."""
    if last_run is not None and source.health_detail == last_run.message:
        return run_summary(last_run)
    return _recorded(source.health_detail)


def _recorded(message: str) -> str:
    # The server's own diagnostics, recorded in English, have their words here; a connector's
    # (sync/'s errors, about the remote system) is shown as recorded.
    if message == INTERRUPTED:
        return _("interrupted: the process running this sync stopped before it ended; nothing "
                 "of it was recorded")
    if message == UNREADABLE:
        return _("the stored credential cannot be read with the current secret key; enter it "
                 "again")
    if message == NO_REPORT_FILE:
        return _("this CSV source has no report file on the server: upload a report")
    return message


def progress_words() -> dict:
    """What the live progress script writes, in the current language (it has no words of its own)."""
    return {"none": _("No run yet."),
            "run": _("Run %(run)s: %(status)s (%(phase)s), %(calls)s calls"),
            "records": _(" — %(done)s of %(seen)s records"),
            "statuses": {status.value: label(status) for status in RunStatus},
            "phases": {name: str(words) for name, words in PHASES.items()}}
