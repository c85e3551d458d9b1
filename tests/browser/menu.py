"""The site menu in browser tests: some links sit in a group (a disclosure) to be opened first."""
import re


def menu_link(page, name: str):
    """The menu's link called ``name``, its group opened when it is in one."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        # a closed group's links are hidden, so out of the accessibility tree: found by text
        hidden = page.locator("a", has_text=re.compile(f"^{re.escape(name)}$"))
        nav.locator("details", has=hidden).locator("summary").click()
    return link


def sign_out(page) -> None:
    """Sign out: the button sits in the Account menu, opened first."""
    page.get_by_role("navigation", name="Main").locator("details.menu-account > summary").click()
    page.get_by_role("button", name="Sign out").click()
