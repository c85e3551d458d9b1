"""package versions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('package_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('scorm_version', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('state', sa.Enum('draft', 'published', 'retired', name='versionstate', native_enum=False, length=40), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('unpacked_bytes', sa.BigInteger(), nullable=False),
    sa.Column('file_count', sa.Integer(), nullable=False),
    sa.Column('original_filename', sa.String(length=255), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('imported_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('published_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('retired_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['imported_by_id'], ['user_account.id'], name=op.f('fk_package_version_imported_by_id_user_account')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_package_version_module_id_module'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_package_version')),
    sa.UniqueConstraint('module_id', 'number', name='uq_package_version_number'),
    sa.UniqueConstraint('module_id', 'sha256', name='uq_package_version_sha256')
    )
    with op.batch_alter_table('package_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_package_version_module_id'), ['module_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('package_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_package_version_module_id'))

    op.drop_table('package_version')
