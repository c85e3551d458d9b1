"""Every table, imported in one place so Alembic and the tests see the whole schema."""
from .accounts.models import (  # noqa: F401
    AccessRequest, Administration, ApiToken, AuditEvent, LoginThrottle, User, UserRole,
)
from .db import Base

metadata = Base.metadata
