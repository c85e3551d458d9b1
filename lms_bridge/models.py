"""Every table, imported in one place so Alembic and the tests see the whole schema.

One line per domain's ``models`` module; a new domain adds its line here.
"""
from .accounts import models as accounts
from .accounts import erased as accounts_erased
from .accounts.designations import models as accounts_designations
from .catalog import models as catalog
from .catalog.sources import models as catalog_sources
from .db import Base
from .eligibility import models as eligibility
from .experts import models as experts
from .passwords import models as passwords
from .player import models as player
from .player.sequencing import models as player_sequencing
from .player.shared_data import models as player_shared_data
from .privacy import models as privacy
from .syncing import models as syncing
from .tracking import models as tracking

DOMAIN_MODELS = (accounts, accounts_designations, accounts_erased, catalog, catalog_sources,
                 tracking, eligibility,
                 syncing, player, player_sequencing, player_shared_data, experts, passwords,
                 privacy)
metadata = Base.metadata
