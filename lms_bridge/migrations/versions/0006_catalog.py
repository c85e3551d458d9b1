"""catalog: URL imports of module packages (re-checked for new bytes)

Revision ID: catalog
Revises: syncint
Create Date: 2026-11-22 10:25:45.276257
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'catalog'
down_revision = "syncint"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('url_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('recheck', sa.Boolean(), nullable=False),
    sa.Column('last_checked_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_sha256', sa.String(length=64), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_url_import_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_url_import_module_id_module'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_url_import')),
    sa.UniqueConstraint('module_id', name=op.f('uq_url_import_module_id'))
    )


def downgrade() -> None:
    op.drop_table('url_import')
