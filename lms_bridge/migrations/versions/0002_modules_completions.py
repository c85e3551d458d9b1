"""modules and completions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('module',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('completion_rule', sa.Enum('Completed', 'Passed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable', name='completionrule', native_enum=False, length=40), nullable=False),
    sa.Column('min_score', sa.Double(), nullable=True),
    sa.Column('created_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module')),
    sa.UniqueConstraint('slug', name=op.f('uq_module_slug'))
    )
    op.create_table('completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.Enum('local', 'moodle', 'xapi', 'csv', name='sourcekind', native_enum=False, length=40), nullable=False),
    sa.Column('source_key', sa.String(length=100), nullable=False),
    sa.Column('source_label', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('completed', 'passed', 'failed', 'incomplete', name='completionstatus', native_enum=False, length=40), nullable=False),
    sa.Column('score_scaled', sa.Double(), nullable=True),
    sa.Column('completed_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('first_seen_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_completion_module_id_module'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_completion_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_completion')),
    sa.UniqueConstraint('user_id', 'module_id', 'source_key', name=op.f('uq_completion_user_id'))
    )
    with op.batch_alter_table('completion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_completion_module_id'), ['module_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_completion_user_id'), ['user_id'], unique=False)

    op.create_table('completion_observation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('completion_id', sa.Integer(), nullable=False),
    sa.Column('observed_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('completed', 'passed', 'failed', 'incomplete', name='completionstatus', native_enum=False, length=40), nullable=False),
    sa.Column('score_scaled', sa.Double(), nullable=True),
    sa.Column('completed_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('applied', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['completion_id'], ['completion.id'], name=op.f('fk_completion_observation_completion_id_completion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_completion_observation'))
    )
    with op.batch_alter_table('completion_observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_completion_observation_completion_id'), ['completion_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('completion_observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_completion_observation_completion_id'))

    op.drop_table('completion_observation')
    with op.batch_alter_table('completion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_completion_user_id'))
        batch_op.drop_index(batch_op.f('ix_completion_module_id'))

    op.drop_table('completion')
    op.drop_table('module')
