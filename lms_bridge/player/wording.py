"""The player's words in the learner's language: what a status is called, the note on finishing
a sequenced module, and the words its JavaScript shows.

The statuses stay machine values everywhere (``"passed"``, ``"not attempted"``...): pages show
them through ``status_label``, and the JavaScript through the words the page hands it as JSON
(``player_words``; the JS holds no English). The runtime replies keep their English ``note`` for
scripts and add the ``progress`` code the browser shows in the learner's language.
"""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l

STATUS_LABELS = {
    "not attempted": _l("not attempted"),
    "not started": _l("not started"),
    "in progress": _l("in progress"),
    "incomplete": _l("incomplete"),
    "completed": _l("completed"),
    "passed": _l("passed"),
    "failed": _l("failed"),
    "unknown": _l("unknown"),
}

# The note on finishing a sequenced module, by the code sequencing/queries.progress_code gives.
PROGRESS_NOTES = {
    "done_continue": _l("You have done every part of this module. Continue finishes it and "
                        "shows your results."),
    "done_end": _l("You have done every part of this module. End this attempt to finish it and "
                   "see your results."),
    "last_part": _l("This is the last part: pressing Continue finishes the module and shows "
                    "your results."),
}


def status_label(status: str) -> str:
    """A status as the learner reads it (an unknown value is shown as it is)."""
    label = STATUS_LABELS.get(status)
    return str(label) if label is not None else status


def progress_label(code: str) -> str:
    label = PROGRESS_NOTES.get(code)
    return str(label) if label is not None else ""


def player_words() -> dict:
    """Everything the player's JavaScript may say, in the request's language."""
    return {
        "loading": _("Loading the lesson…"),
        "ready": _("Ready."),
        # "{reason}" is filled in by the browser with the server's or the network's words.
        "cannotStart": _("This lesson cannot be started: %(reason)s", reason="{reason}"),
        "launchRefused": _("the launch was refused"),
        "saving": _("Saving…"),
        "refused": _("The module's sequencing does not allow that now."),
        "chooseNext": _("Choose what to do next: Continue, Previous or an entry of the "
                        "contents."),
        "offline": _("Offline: your progress is kept and will be saved when the connection "
                     "returns."),
        "allSaved": _("All progress saved."),
        "cannotSave": _("This progress can no longer be saved."),
        "savingLeftovers": _("Saving progress from your last visit…"),
        "statuses": {status: str(label) for status, label in STATUS_LABELS.items()},
        "progress": {code: str(note) for code, note in PROGRESS_NOTES.items()},
    }


def init_app(app) -> None:
    """Make the labels available to every template (the player's and the reports')."""
    app.jinja_env.filters["player_status"] = status_label
    app.jinja_env.globals.update(player_words=player_words, progress_label=progress_label)
