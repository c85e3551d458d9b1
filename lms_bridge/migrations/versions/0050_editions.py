"""editions: each package version is one language edition of its module

Revision ID: editions
Revises: privacy
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = 'editions'
down_revision = 'privacy'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added nullable, filled, then made NOT NULL: existing versions were all imported for their
    # module's one language, so that is their edition. The correlated UPDATE is plain SQL that
    # SQLite and PostgreSQL both run; batch mode rebuilds the table on SQLite for NOT NULL.
    with op.batch_alter_table('package_version') as batch:
        batch.add_column(sa.Column('language', sa.String(length=16), nullable=True))
    op.execute("UPDATE package_version SET language = (SELECT module.language FROM module "
               "WHERE module.id = package_version.module_id)")
    op.execute("UPDATE package_version SET language = 'en' "
               "WHERE language IS NULL OR language = ''")
    with op.batch_alter_table('package_version') as batch:
        batch.alter_column('language', existing_type=sa.String(length=16), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('package_version') as batch:
        batch.drop_column('language')
