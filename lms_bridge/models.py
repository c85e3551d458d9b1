"""Every table, imported in one place so Alembic and the tests see the whole schema."""
from .accounts.models import (  # noqa: F401
    AccessRequest, Administration, ApiToken, AuditEvent, LoginThrottle, User, UserRole,
)
from .catalog.models import Module, PackageVersion  # noqa: F401
from .db import Base
from .tracking.models import Completion, CompletionObservation  # noqa: F401

metadata = Base.metadata
from .eligibility.models import (  # noqa: F401,E402
    Application, ApplicationEvent, DecisionChange, Notification, PrerequisiteModule, Workshop,
    WorkshopPrerequisite,
)
from .syncing.models import (  # noqa: F401,E402
    CourseMapping, PersonLink, SyncLease, SyncRun, SyncSource, UnmatchedPerson, scheduler_jobs,
)
from .catalog.models import UrlImport  # noqa: E402,F401  (catalog: URL imports)
from .catalog.models import ModuleAttemptSettings  # noqa: E402,F401  (catalog: attempt settings)
from .player.models import Attempt, CommitLog, ScoState  # noqa: F401,E402
from .player.shared_data.models import AttemptSharedData, SystemSharedData  # noqa: F401,E402
from .player.sequencing.models import (  # noqa: F401,E402  (player: SCORM 2004 sequencing)
    GlobalObjectiveRecord, SequencingSession,
)
from .accounts.designations.models import Designation  # noqa: F401,E402  (accounts: NC designations)
from .accounts.passwords.models import PasswordReset  # noqa: F401,E402  (accounts: reset links)
