"""Which language edition of a module a learner takes, and what the player page says about it.

The rule itself is pure (``catalog.editions.choose_edition``): the learner's national variant,
else their language, else English, else the module's first published edition. An attempt stays
on the package version it started on (SCORM data cannot move between packages mid-attempt), so
a learner continuing an attempt in another edition is told so, and which edition a new attempt
would take; every other published edition is offered ("Also available in: ...").
"""
from __future__ import annotations

from dataclasses import dataclass

from ..accounts.models import User
from ..catalog.editions import choose_edition, edition_language
from ..catalog.models import Module, PackageVersion
from ..catalog.queries import published_editions
from .models import Attempt


def learner_language(user: User) -> tuple[str, str | None]:
    """The learner's preferred language and their administration's country code."""
    country = user.administration.country_code if user.administration else None
    return (user.preferred_language or "en").split("-")[0].lower(), country


def edition_for(user: User, module: Module) -> PackageVersion | None:
    """The published version a new attempt of ``user`` takes (None: nothing published)."""
    editions = published_editions(module)
    code = choose_edition(list(editions), *learner_language(user))
    return editions.get(code) if code else None


@dataclass(frozen=True)
class EditionNotice:
    """What the player says about the edition of an attempt (codes; the template names them)."""

    taken: str                 # the attempt's edition
    language: str              # the learner's language
    preferred: str | None      # what a new attempt would take
    others: tuple[str, ...]    # the other published editions

    @property
    def has_none_in_their_language(self) -> bool:
        return self.preferred is None or edition_language(self.preferred) != self.language

    @property
    def is_kept_from_before(self) -> bool:
        """An edition in their language is published, but this attempt is in another one."""
        return not self.has_none_in_their_language and self.preferred != self.taken

    @property
    def says_anything(self) -> bool:
        return (edition_language(self.taken) != self.language or self.is_kept_from_before
                or bool(self.others))


def edition_notice(user: User, attempt: Attempt) -> EditionNotice:
    editions = published_editions(attempt.module)
    language, country = learner_language(user)
    taken = attempt.package_version.language
    return EditionNotice(taken, language, choose_edition(list(editions), language, country),
                         tuple(code for code in editions if code != taken))
