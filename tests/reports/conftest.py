import pytest

from tests.player.conftest import publish  # noqa: F401  (the fixture)
from tests.reports import world as results_world


@pytest.fixture
def world(app, make_user, publish):  # noqa: F811
    return results_world.build(app, make_user, publish)
