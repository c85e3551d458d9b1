"""The one authorization function: may this user do this to that?

Views and API handlers never decide access themselves; they call ``require``. Roles grant
actions through ``ROLE_ACTIONS``; a national coordinator's grants are additionally limited to
targets of their own administration (``_in_scope``). Admins may do everything. A user whose
account is pending, rejected or deactivated may do nothing.
"""
from __future__ import annotations

import enum
from typing import Any

from flask_babel import gettext as _, lazy_gettext as _l

from ..errors import Forbidden, Unauthorized
from .models import Role, User


class Action(enum.Enum):
    VIEW_DASHBOARD = "see their dashboard"
    MANAGE_OWN_TOKENS = "manage their own API tokens"
    LIST_ACCESS_REQUESTS = "see access requests"
    DECIDE_ACCESS_REQUEST = "decide this access request"
    LIST_USERS = "list people"
    VIEW_PERSON = "see this person's account"
    MANAGE_PEOPLE = "deactivate, reactivate or change people's roles and administration"
    MANAGE_DESIGNATIONS = "designate national coordinators"
    CHANGE_OWN_PASSWORD = "change their own password"
    VIEW_AUDIT_LOG = "read the audit log"
    IMPORT_PACKAGE = "import packages"
    PUBLISH_PACKAGE = "publish or retire packages"
    # eligibility
    LIST_WORKSHOPS = "see workshops"
    MANAGE_WORKSHOPS = "create workshops and their prerequisites"
    APPLY_TO_WORKSHOP = "apply to a workshop"
    LIST_NOMINATIONS = "see the nomination queue"
    NOMINATE_CANDIDATE = "nominate or decline this candidate"
    VIEW_MATRIX = "see the prerequisite matrix"
    VIEW_CANDIDATE = "see this candidate's eligibility"
    SELECT_CANDIDATE = "decide the selection of candidates"
    VIEW_OUTBOX = "read the notification outbox"
    MANAGE_SYNC = "configure and run remote LMS sync"
    EXPORT_COMPLETIONS = "export stored completions"
    VIEW_CATALOG = "see the package catalog"
    PREVIEW_PACKAGE = "open the content of an unpublished package version"
    OPEN_CONTENT = "open the content of a published module"
    EXPORT_PACKAGE = "download packages"
    LAUNCH_MODULE = "launch modules"
    VIEW_OWN_LEARNING = "see their own pre-learning and results"
    WITHDRAW_OWN_APPLICATION = "withdraw your own application"
    WITHDRAW_ANY_APPLICATION = "withdraw someone else's application"
    CONFIGURE_MODULE = "change a module's completion rule and attempt settings"
    CUSTOMISE_MODULE = "download module sources and see their uploads"
    UPLOAD_MODULE_EDITION = "upload this edition of a module"
    LIST_MODULE_SOURCES = "see the modules whose sources can be customised"
    # experts (lms_bridge/experts)
    RUN_WORKSHOP_OUTCOME = "run a workshop's attendance, lesson draw and outcome"
    LIST_WORKSHOP_OUTCOMES = "see the workshops' outcomes"
    ASSESS_PARTICIPANT = "assess workshop participants"
    SEARCH_EXPERTS = "search the experts' register"
    VIEW_EXPERT = "see this expert's record"
    DECIDE_ACCREDITATION = "confirm, lapse or withdraw accreditations"
    LIST_MISSIONS = "see the experts' requirement matrix"
    MANAGE_MISSIONS = "create missions, propose experts and record results"
    ACT_FOR_EXPERT = "indicate interest for this expert"
    RELEASE_EXPERT = "release this expert for a mission"
    LIST_RELEASES = "see the experts waiting for your release"
    RECORD_TRAINING = "record training you delivered"
    VALIDATE_TRAINING = "validate this trainer's monitoring sheet"
    LIST_TRAINING_TO_VALIDATE = "see the monitoring sheets waiting for your validation"
    VIEW_PROGRAMME_REPORT = "see the programme's reports"
    # results (lms_bridge/reports): a national coordinator sees their own administration's only
    VIEW_MODULE_RESULTS = "see module results"
    VIEW_LEARNER_RESULTS = "see this learner's results"


# What a refused person reads, one whole sentence per action (translators see each whole).
REFUSALS: dict[Action, Any] = {
    Action.VIEW_DASHBOARD: _l("You are not allowed to see the start page."),
    Action.MANAGE_OWN_TOKENS: _l("You are not allowed to manage your own API tokens."),
    Action.LIST_ACCESS_REQUESTS: _l("You are not allowed to see access requests."),
    Action.DECIDE_ACCESS_REQUEST: _l("You are not allowed to decide this access request."),
    Action.LIST_USERS: _l("You are not allowed to list people."),
    Action.VIEW_PERSON: _l("You are not allowed to see this person's account."),
    Action.MANAGE_PEOPLE: _l("You are not allowed to deactivate, reactivate or change people's "
                             "roles and administration."),
    Action.MANAGE_DESIGNATIONS: _l("You are not allowed to designate national coordinators."),
    Action.CHANGE_OWN_PASSWORD: _l("You are not allowed to change your own password."),
    Action.VIEW_AUDIT_LOG: _l("You are not allowed to read the audit log."),
    Action.IMPORT_PACKAGE: _l("You are not allowed to import packages."),
    Action.PUBLISH_PACKAGE: _l("You are not allowed to publish or retire packages."),
    Action.LIST_WORKSHOPS: _l("You are not allowed to see workshops."),
    Action.MANAGE_WORKSHOPS: _l("You are not allowed to create workshops and their prerequisites."),
    Action.APPLY_TO_WORKSHOP: _l("You are not allowed to apply to a workshop."),
    Action.LIST_NOMINATIONS: _l("You are not allowed to see the nomination queue."),
    Action.NOMINATE_CANDIDATE: _l("You are not allowed to nominate or decline this candidate."),
    Action.VIEW_MATRIX: _l("You are not allowed to see the prerequisite matrix."),
    Action.VIEW_CANDIDATE: _l("You are not allowed to see this candidate's eligibility."),
    Action.SELECT_CANDIDATE: _l("You are not allowed to decide the selection of candidates."),
    Action.VIEW_OUTBOX: _l("You are not allowed to read the notification outbox."),
    Action.MANAGE_SYNC: _l("You are not allowed to configure and run remote LMS sync."),
    Action.EXPORT_COMPLETIONS: _l("You are not allowed to export stored completions."),
    Action.VIEW_CATALOG: _l("You are not allowed to see the package catalog."),
    Action.PREVIEW_PACKAGE: _l("You are not allowed to open the content of an unpublished package "
                               "version."),
    Action.OPEN_CONTENT: _l("You are not allowed to open the content of a published module."),
    Action.EXPORT_PACKAGE: _l("You are not allowed to download packages."),
    Action.LAUNCH_MODULE: _l("You are not allowed to launch modules."),
    Action.VIEW_OWN_LEARNING: _l("You are not allowed to see your own pre-learning and results."),
    Action.WITHDRAW_OWN_APPLICATION: _l("You are not allowed to withdraw your own application."),
    Action.WITHDRAW_ANY_APPLICATION: _l("You are not allowed to withdraw someone else's "
                                        "application."),
    Action.CONFIGURE_MODULE: _l("You are not allowed to change a module's completion rule and "
                                "attempt settings."),
    Action.RUN_WORKSHOP_OUTCOME: _l("You are not allowed to run a workshop's attendance, lesson "
                                    "draw and outcome."),
    Action.LIST_WORKSHOP_OUTCOMES: _l("You are not allowed to see the workshops' outcomes."),
    Action.ASSESS_PARTICIPANT: _l("You are not allowed to assess workshop participants."),
    Action.SEARCH_EXPERTS: _l("You are not allowed to search the experts' register."),
    Action.VIEW_EXPERT: _l("You are not allowed to see this expert's record."),
    Action.DECIDE_ACCREDITATION: _l("You are not allowed to confirm, lapse or withdraw "
                                    "accreditations."),
    Action.LIST_MISSIONS: _l("You are not allowed to see the experts' requirement matrix."),
    Action.MANAGE_MISSIONS: _l("You are not allowed to create missions, propose experts and "
                               "record results."),
    Action.ACT_FOR_EXPERT: _l("You are not allowed to indicate interest for this expert."),
    Action.RELEASE_EXPERT: _l("You are not allowed to release this expert for a mission."),
    Action.LIST_RELEASES: _l("You are not allowed to see the experts waiting for your release."),
    Action.RECORD_TRAINING: _l("You are not allowed to record training you delivered."),
    Action.VALIDATE_TRAINING: _l("You are not allowed to validate this trainer's monitoring "
                                 "sheet."),
    Action.LIST_TRAINING_TO_VALIDATE: _l("You are not allowed to see the monitoring sheets "
                                         "waiting for your validation."),
    Action.VIEW_PROGRAMME_REPORT: _l("You are not allowed to see the programme's reports."),
    Action.VIEW_MODULE_RESULTS: _l("You are not allowed to see module results."),
    Action.VIEW_LEARNER_RESULTS: _l("You are not allowed to see this learner's results."),
    Action.CUSTOMISE_MODULE: _l("You are not allowed to download module sources and see their "
                                "uploads."),
    Action.UPLOAD_MODULE_EDITION: _l("You are not allowed to upload this edition of a module."),
    Action.LIST_MODULE_SOURCES: _l("You are not allowed to see the modules whose sources can be "
                                   "customised."),
}


_EVERYONE = {Action.VIEW_DASHBOARD, Action.MANAGE_OWN_TOKENS, Action.OPEN_CONTENT,
             Action.LAUNCH_MODULE, Action.VIEW_OWN_LEARNING, Action.LIST_WORKSHOPS,
             Action.CHANGE_OWN_PASSWORD}

ROLE_ACTIONS: dict[Role, set[Action]] = {
    Role.LEARNER: _EVERYONE | {Action.APPLY_TO_WORKSHOP, Action.WITHDRAW_OWN_APPLICATION},
    Role.NATIONAL_COORDINATOR: _EVERYONE | {
        Action.LIST_ACCESS_REQUESTS, Action.DECIDE_ACCESS_REQUEST,
        Action.LIST_NOMINATIONS, Action.NOMINATE_CANDIDATE, Action.VIEW_CANDIDATE,
        # their own administration's people, read-only, and its rows of every matrix
        Action.LIST_USERS, Action.VIEW_PERSON, Action.VIEW_MATRIX},
    Role.COORDINATOR: _EVERYONE | {
        Action.IMPORT_PACKAGE, Action.PUBLISH_PACKAGE, Action.VIEW_CATALOG,
        Action.PREVIEW_PACKAGE, Action.EXPORT_PACKAGE,
        Action.MANAGE_WORKSHOPS, Action.VIEW_MATRIX, Action.VIEW_CANDIDATE,
        Action.SELECT_CANDIDATE},
    Role.ADMIN: set(Action),
}

ROLE_ACTIONS[Role.COORDINATOR] |= {Action.CONFIGURE_MODULE, Action.CUSTOMISE_MODULE,
                                   Action.UPLOAD_MODULE_EDITION}
# national customisation: a national coordinator downloads sources and uploads national variants
# for their own administration's country only (the edition's administration, _in_scope);
# coordinators review and publish them. Coordinators reach sources from the catalog, national
# coordinators (who have no catalog) from their own menu link.
ROLE_ACTIONS[Role.NATIONAL_COORDINATOR] |= {Action.CUSTOMISE_MODULE, Action.UPLOAD_MODULE_EDITION,
                                            Action.LIST_MODULE_SOURCES}
_RESULTS = {Action.VIEW_MODULE_RESULTS, Action.VIEW_LEARNER_RESULTS}
ROLE_ACTIONS[Role.COORDINATOR] |= _RESULTS
ROLE_ACTIONS[Role.NATIONAL_COORDINATOR] |= _RESULTS

# experts: resource persons assess (only the workshops they are assigned to, checked by the
# operation); national coordinators act for their own administration's experts only.
ROLE_ACTIONS[Role.RESOURCE_PERSON] = _EVERYONE | {Action.ASSESS_PARTICIPANT,
                                                  Action.LIST_WORKSHOP_OUTCOMES}
_EXPERT_EVERYONE = {Action.LIST_MISSIONS, Action.RECORD_TRAINING}
for _role in Role:
    ROLE_ACTIONS[_role] |= _EXPERT_EVERYONE
ROLE_ACTIONS[Role.NATIONAL_COORDINATOR] |= {
    Action.SEARCH_EXPERTS, Action.VIEW_EXPERT, Action.ACT_FOR_EXPERT, Action.RELEASE_EXPERT,
    Action.LIST_RELEASES, Action.VALIDATE_TRAINING, Action.LIST_TRAINING_TO_VALIDATE}
ROLE_ACTIONS[Role.COORDINATOR] |= {
    Action.RUN_WORKSHOP_OUTCOME, Action.LIST_WORKSHOP_OUTCOMES, Action.SEARCH_EXPERTS,
    Action.VIEW_EXPERT, Action.DECIDE_ACCREDITATION, Action.MANAGE_MISSIONS,
    Action.VIEW_PROGRAMME_REPORT}

# Actions that, for a national coordinator, apply only to their own administration's people.
_SCOPED_TO_ADMINISTRATION = {Action.DECIDE_ACCESS_REQUEST, Action.NOMINATE_CANDIDATE,
                             Action.VIEW_CANDIDATE, Action.VIEW_EXPERT, Action.ACT_FOR_EXPERT,
                             Action.RELEASE_EXPERT, Action.VALIDATE_TRAINING,
                             Action.VIEW_LEARNER_RESULTS, Action.VIEW_PERSON,
                             Action.UPLOAD_MODULE_EDITION}
# Listings a national coordinator sees only their own administration's rows of
# (``administration_scope``); the listing's query applies it.
_LISTED_FOR_OWN_ADMINISTRATION = {Action.LIST_USERS, Action.VIEW_MATRIX}


def administration_scope(user: User, action: Action) -> int | None:
    """The one administration whose rows ``user`` may see in the listing ``action``, or None
    when a role the user holds grants the whole listing. Call after ``require``."""
    unlimited = any(action in ROLE_ACTIONS[role] for role in user.roles
                    if role is not Role.NATIONAL_COORDINATOR)
    if unlimited or action not in _LISTED_FOR_OWN_ADMINISTRATION:
        return None
    # -1 matches nothing: a national coordinator without an administration sees no one
    return user.administration_id if user.administration_id is not None else -1


def _administration_of(target: Any) -> int | None:
    return getattr(target, "administration_id", None)


def _in_scope(user: User, role: Role, action: Action, target: Any) -> bool:
    if role is not Role.NATIONAL_COORDINATOR or action not in _SCOPED_TO_ADMINISTRATION:
        return True
    return (user.administration_id is not None and target is not None
            and _administration_of(target) == user.administration_id)


def can(user: User | None, action: Action, target: Any = None) -> bool:
    """True when ``user`` may perform ``action`` on ``target``."""
    if user is None or not user.can_sign_in:
        return False
    return any(action in ROLE_ACTIONS[role] and _in_scope(user, role, action, target)
               for role in user.roles)


def require(user: User | None, action: Action, target: Any = None) -> None:
    """Raise Unauthorized (nobody signed in) or Forbidden unless ``can`` allows it."""
    if user is None:
        raise Unauthorized(_("Sign in first."))
    if not can(user, action, target):
        # An action added without its sentence still refuses, in general words.
        raise Forbidden(str(REFUSALS.get(action, _l("You are not allowed to do this."))))
