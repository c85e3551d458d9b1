"""The system's sentences in an application's history: written once, read in any language.

The history (``ApplicationEvent.reason``, ``DecisionChange.cause``) is a record: the system's
own sentences are stored in English (``notifications.in_english``), next to the words people
typed. The writers below give lazy strings, so that the same sentence is stored in English and
read by the applicant, in their message, in their own language. A page reads a stored sentence
back through ``recorded``: when it is one of ``SENTENCES`` (the writers' msgids), its values
are taken out of it and it is written again with ``gettext``; anything else (a coordinator's
reason, a sentence from before these were marked) is shown as it was stored.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext, lazy_gettext as _l

from ..tracking.vocabulary import CompletionStatus
from ..tracking.models import Completion
from .labels import LABELS, label, status_label
from .states import ApplicationStatus
from .wording import format_score

# --- writing ---------------------------------------------------------------------------------

STARTED = _l("application started")
SUBMITTED = _l("submitted by the applicant")
EVALUATED_ON_SUBMISSION = _l("application submitted")
DEADLINE_PASSED = _l("the application deadline passed")


def sent_to_coordinator(administration: str) -> object:
    return _l("sent to the national coordinator of %(administration)s",
              administration=administration)


def workshop_changed(name: str) -> object:
    return _l("workshop details changed by %(name)s", name=name)


def prerequisite_change(verb: str, label: str, name: str) -> object:
    """``verb``: added, changed or removed."""
    if verb == "added":
        return _l("prerequisite '%(label)s' added by %(name)s", label=label, name=name)
    if verb == "changed":
        return _l("prerequisite '%(label)s' changed by %(name)s", label=label, name=name)
    return _l("prerequisite '%(label)s' removed by %(name)s", label=label, name=name)


def decided(target: ApplicationStatus, name: str, reason: str) -> object:
    """A nomination decision (``target``: nominated or not nominated) and its reason."""
    return _l("%(decision)s by %(name)s: %(reason)s", decision=LABELS[target], name=name,
              reason=reason)


def withdrawal(by_applicant: bool, name: str, reason: str) -> object:
    if by_applicant:
        return (_l("withdrawn by the applicant: %(reason)s", reason=reason) if reason
                else _l("withdrawn by the applicant"))
    return (_l("withdrawn by %(name)s: %(reason)s", name=name, reason=reason) if reason
            else _l("withdrawn by %(name)s", name=name))


def new_record(completion: Completion, *, created: bool) -> object:
    """A record that may change verdicts: "new record 17 from CLiKC!: Customs valuation
    passed, 82"."""
    score = completion.score_scaled
    values = {"record": completion.id, "source": completion.source_label,
              "module": completion.module.title, "status": LABELS[completion.status],
              "score": _l("no score") if score is None else format_score(score)}
    if created:
        return _l("new record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
                  **values)
    return _l("improved record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
              **values)


# --- reading -----------------------------------------------------------------------------------

# Most specific first: "withdrawn by the applicant: x" must not be read as a name.
SENTENCES = (
    "application started",
    "submitted by the applicant",
    "application submitted",
    "the application deadline passed",
    "sent to the national coordinator of %(administration)s",
    "withdrawn by the applicant",
    "withdrawn by the applicant: %(reason)s",
    "workshop details changed by %(name)s",
    "prerequisite '%(label)s' added by %(name)s",
    "prerequisite '%(label)s' changed by %(name)s",
    "prerequisite '%(label)s' removed by %(name)s",
    "new record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
    "improved record %(record)s from %(source)s: %(module)s %(status)s, %(score)s",
    "%(decision)s by %(name)s: %(reason)s",
    "withdrawn by %(name)s: %(reason)s",
    "withdrawn by %(name)s",
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_DECISIONS = {status.value: status for status in (ApplicationStatus.NOMINATED,
                                                  ApplicationStatus.NOT_NOMINATED)}
# Values that are themselves the system's words: what they may be, and how to word them.
_VALUE_WORDS: dict[str, tuple[tuple[str, ...], Callable[[str], str]]] = {
    "status": (tuple(status.value for status in CompletionStatus), status_label),
    "decision": (tuple(_DECISIONS), lambda value: label(_DECISIONS[value])),
}


def _group(name: str) -> str:
    if name in _VALUE_WORDS:
        return f"(?P<{name}>" + "|".join(map(re.escape, _VALUE_WORDS[name][0])) + ")"
    return f"(?P<{name}>.+?)"


def _pattern(sentence: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(sentence)  # text, name, text, name, ..., text
    regex = "".join(re.escape(part) if index % 2 == 0 else _group(part)
                    for index, part in enumerate(parts))
    return re.compile(regex + r"\Z", re.S)


_PATTERNS = tuple((sentence, _pattern(sentence)) for sentence in SENTENCES)


def recorded(text: str) -> str:
    """A stored history sentence in the reader's language (as stored when not the system's)."""
    for sentence, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is not None:
            values = match.groupdict()
            for name, (_, word) in _VALUE_WORDS.items():
                if name in values:
                    values[name] = word(values[name])
            if values.get("score") == "no score":
                values["score"] = gettext("no score")
            return gettext(sentence, **values)
    return text
