"""sync.log_text: remote text made one printable log line, without importing the app."""
import re

import pytest

from sync.log_text import MAX_LOGGED_CHARACTERS, loggable
from sync.url_policy import public_url

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@pytest.mark.parametrize("text, shown", [
    ("plain text: é ✓", "plain text: é ✓"),
    ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\x00\x1b[31m\x7f\x85", "\\x00\\x1b[31m\\x7f\\x85"),
    ("line\u2028para\u2029", "line\\u2028para\\u2029"),
    ("a\\nb", "a\\\\nb"),  # a backslash in the text cannot pass for one of our escapes
    (None, "None"),
    (404, "404"),
])
def test_control_characters_are_escaped(text, shown):
    assert loggable(text) == shown


def test_long_text_is_cut_and_says_so():
    shown = loggable("x" * (MAX_LOGGED_CHARACTERS + 50))
    assert shown == "x" * MAX_LOGGED_CHARACTERS + "...(cut)"


def test_urls_in_messages_show_no_control_character():
    # urlsplit drops \t \r \n itself; the others stayed in the path as they were.
    shown = public_url("https://lms.example.org/a\x1b[2J\x00\u2028b?token=x")
    assert shown == "https://lms.example.org/a\\x1b[2J\\x00\\u2028b"
    assert not CONTROL.search(shown)
