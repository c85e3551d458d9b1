"""sources: uploaded module sources (language editions and national variants) kept for download, comparison and rebuilds

Revision ID: sources
Revises: editions
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'sources'
down_revision = 'editions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('module_source_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('edition', sa.String(length=16), nullable=False),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('based_on_edition', sa.String(length=16), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_filename', sa.String(length=255), nullable=False),
    sa.Column('file_count', sa.Integer(), nullable=False),
    sa.Column('published_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['based_on_id'], ['module_source_upload.id'], name=op.f('fk_module_source_upload_based_on_id_module_source_upload'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_module_source_upload_module_id_module'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['published_version_id'], ['package_version.id'], name=op.f('fk_module_source_upload_published_version_id_package_version'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_module_source_upload_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_source_upload'))
    )
    with op.batch_alter_table('module_source_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_source_upload_module_id'), ['module_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('module_source_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_source_upload_module_id'))
    op.drop_table('module_source_upload')
