"""The system's sentences in an application's history, shown in the reader's language.

The history (``ApplicationEvent.reason``, ``DecisionChange.cause``) is a record: the system's
own sentences are stored in English (``notifications.in_english``), next to the words people
typed. A page reads a stored sentence back through ``recorded``: when it is one of the
system's sentences below (the same msgids the operations write with ``lazy_gettext``), its
values are taken out of it and it is written again with ``gettext``; anything else (a
coordinator's reason, a sentence from before these were marked) is shown as it was stored.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext

from ..tracking.vocabulary import CompletionStatus
from .labels import label, status_label
from .states import ApplicationStatus

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
