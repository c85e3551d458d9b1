"""The site menu (the links at the top of every page), filtered by the one authorization function.

Not to be confused with SCORM navigation (``scorm.sequencing``) or the player's moves between SCOs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask
from flask_babel import lazy_gettext as _l

from .accounts.permissions import Action, can
from .security import signed_in_user

# (label, endpoint, action that makes the link useful): every page a role starts from.
MENU_LINKS: list[tuple[str, str, Action]] = [
    (_l("Start"), "accounts.home", Action.VIEW_DASHBOARD),
    (_l("Access requests"), "accounts.approvals", Action.LIST_ACCESS_REQUESTS),
    (_l("People"), "accounts.users", Action.LIST_USERS),
    (_l("National coordinators"), "accounts.designations", Action.MANAGE_DESIGNATIONS),
    (_l("Audit log"), "accounts.audit", Action.VIEW_AUDIT_LOG),
    (_l("Your account"), "accounts.account", Action.VIEW_DASHBOARD),
    (_l("API tokens"), "accounts.tokens", Action.MANAGE_OWN_TOKENS),
    (_l("Workshops"), "eligibility.workshops", Action.LIST_WORKSHOPS),
    (_l("My applications"), "eligibility.my_applications", Action.APPLY_TO_WORKSHOP),
    (_l("Nominations"), "eligibility.nominations", Action.LIST_NOMINATIONS),
    (_l("Outbox"), "eligibility.outbox", Action.VIEW_OUTBOX),
    (_l("Sync"), "syncing.sources", Action.MANAGE_SYNC),
    (_l("Packages"), "catalog.modules", Action.VIEW_CATALOG),
    (_l("Module sources"), "catalog_sources.index", Action.LIST_MODULE_SOURCES),
    (_l("My pre-learning"), "player.my_prelearning", Action.VIEW_OWN_LEARNING),
    (_l("Results"), "reports.modules", Action.VIEW_MODULE_RESULTS),
    (_l("Workshop outcomes"), "experts.workshop_outcomes", Action.LIST_WORKSHOP_OUTCOMES),
    (_l("Experts"), "experts.register", Action.SEARCH_EXPERTS),
    (_l("Missions"), "experts.missions", Action.LIST_MISSIONS),
    (_l("Releases"), "experts.releases", Action.LIST_RELEASES),
    (_l("Sheets to validate"), "experts.validation_queue", Action.LIST_TRAINING_TO_VALIDATE),
    (_l("My expert record"), "experts.my_record", Action.RECORD_TRAINING),
    (_l("Training delivered"), "experts.monitoring", Action.RECORD_TRAINING),
    (_l("Programme report"), "experts.programme_report_page", Action.VIEW_PROGRAMME_REPORT),
]


# The menu bar shows these directly; the others are grouped under a disclosure so that the bar
# fits one line on a desktop for every role. A group with one link shows that link directly.
GROUPS: dict[str, tuple[str, ...]] = {
    "Experts": ("experts.workshop_outcomes", "experts.register", "experts.missions",
                "experts.releases", "experts.validation_queue", "experts.my_record",
                "experts.monitoring", "experts.programme_report_page"),
    "Administration": ("accounts.approvals", "accounts.users", "accounts.designations",
                       "accounts.audit", "eligibility.outbox", "syncing.sources",
                       "catalog_sources.index"),
}
GROUP_LABELS = {"Experts": _l("Experts"), "Administration": _l("Administration")}
ACCOUNT_LINKS = ("accounts.account", "accounts.tokens")  # under "Account", with the password change
BRAND_LINK = "accounts.home"  # the site's name at the left of the bar leads there


@dataclass
class Menu:
    links: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    account: list[tuple[str, str]] = field(default_factory=list)


def menu_of(links: list[tuple[str, str]]) -> Menu:
    """The menu bar for these (label, endpoint) links: direct links, groups, account links."""
    group_of = {endpoint: name for name, endpoints in GROUPS.items() for endpoint in endpoints}
    menu, grouped = Menu(), {name: [] for name in GROUPS}
    for label, endpoint in links:
        if endpoint == BRAND_LINK:
            continue
        if endpoint in ACCOUNT_LINKS:
            menu.account.append((label, endpoint))
        elif endpoint in group_of:
            grouped[group_of[endpoint]].append((label, endpoint))
        else:
            menu.links.append((label, endpoint))
    for name, members in grouped.items():
        if len(members) == 1:
            menu.links.extend(members)
        elif members:
            menu.groups.append((GROUP_LABELS[name], members))
    return menu


def init_menu(app: Flask) -> None:
    @app.context_processor
    def _nav():
        def nav_links() -> list[tuple[str, str]]:
            user = signed_in_user()
            return [(label, endpoint) for label, endpoint, action in MENU_LINKS
                    if can(user, action)]

        def nav_menu() -> Menu:
            return menu_of(nav_links())
        return {"nav_links": nav_links, "nav_menu": nav_menu}
