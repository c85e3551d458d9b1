"""The sequenced player in Chromium: a part the learner just finished reads "(completed)" or
"(passed)" in the contents at once (from the runtime reply, no reload), and its buttons are
in plain words."""
import pytest
from playwright.sync_api import expect

from tests.browser.test_sequencing_play import current, read_to_the_end, sample  # noqa: F401

pytestmark = pytest.mark.browser


def _toc_status(page, title: str) -> str:
    return page.locator(".player-toc li", has_text=title).locator(".toc-status").inner_text()


def test_the_contents_status_follows_the_part_just_finished(sample):  # noqa: F811
    page = sample("SequencingForcedSequential_SCORM20043rdEdition")
    expect(page.get_by_role("button", name="Save and leave")).to_be_visible()
    expect(page.get_by_role("link", name="Leave the module")).to_be_visible()
    title = current(page)
    assert _toc_status(page, title) == "(incomplete)"
    read_to_the_end(page)
    page.locator("#player-next:enabled").wait_for()
    page.locator(".player-toc li", has_text=title).locator(".toc-status").filter(
        has_text="passed").or_(page.locator(".player-toc li", has_text=title).locator(
            ".toc-status").filter(has_text="completed")).wait_for()
