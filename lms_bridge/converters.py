"""URL converters of the app: ids in routes fit the database's id columns; page numbers in
query strings are bounded the same way.

Werkzeug's ``int`` converter accepts any run of digits, and the database driver then fails on
values it cannot bind (SQLite raises ``OverflowError`` from 2**63 on, PostgreSQL "integer out of
range" from 2**31 on), which was a 500 on every
``<int:...>`` route. The app's ``int`` is replaced by :class:`DatabaseIdConverter`, so every route,
page or API, answers 404 for such a value (no route matches), and ``url_for`` is unchanged.
"""
from __future__ import annotations

from flask import Flask, request
from werkzeug.routing import IntegerConverter, Map

LARGEST_ID = 2**31 - 1
"""The largest id every id column holds: the ids are ``Integer`` columns, 32-bit signed on
PostgreSQL (SQLite's hold 64 bits, PostgreSQL's are the bound)."""


class DatabaseIdConverter(IntegerConverter):
    """An ``int`` that a database column can hold: at most ``LARGEST_ID`` unless a route says
    less; at most 10 digits, so no huge digit string is ever parsed."""

    regex = r"\d{1,10}"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        highest = LARGEST_ID if max is None or max > LARGEST_ID else max
        lowest = -LARGEST_ID - 1 if min is None or min < -LARGEST_ID - 1 else min
        super().__init__(map, fixed_digits=fixed_digits, min=lowest, max=highest, signed=signed)


LAST_PAGE = 100_000
"""The highest page number a listing accepts (the API's ``PageQuery`` says the same)."""


def _digits(name: str) -> str | None:
    """The query argument's ASCII digits without leading zeros; None when it is anything else
    (``isdigit`` alone admits "\u00b2", which ``int`` refuses: a 500). Callers check the length
    before ``int``, so no huge digit string is ever parsed."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit()):
        return None
    return value.lstrip("0") or "0"


def page_number(name: str = "page") -> int:
    """The page asked for in the query string, within 1..LAST_PAGE (a huge number made the
    database's OFFSET overflow: a 500): beyond the last page is the last; anything that is not
    a number is page 1."""
    digits = _digits(name)
    if digits is None:
        return 1
    if len(digits) > len(str(LAST_PAGE)):
        return LAST_PAGE
    return min(max(int(digits), 1), LAST_PAGE)


def query_id(name: str) -> int | None:
    """An id from the query string (a filter, a preset) that a column can hold (1..LARGEST_ID);
    None when missing, not a number or out of range: the same as no such id."""
    digits = _digits(name)
    if digits is None or len(digits) > len(str(LARGEST_ID)):
        return None
    number = int(digits)
    return number if 1 <= number <= LARGEST_ID else None


def init_converters(app: Flask) -> None:
    """Install the converters; must run before any blueprint adds a route."""
    app.url_map.converters["int"] = DatabaseIdConverter
