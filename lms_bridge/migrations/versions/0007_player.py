"""player: attempts, SCO runtime state, commit log, module attempt settings

Revision ID: player
Revises: catalog
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'player'
down_revision = "catalog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('player_module_settings',
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=True),
    sa.Column('force_new_attempt', sa.Enum('never', 'when_completed', 'always', name='forcenewattempt', native_enum=False, length=40), nullable=False),
    sa.Column('lock_after_final', sa.Boolean(), nullable=False),
    sa.Column('grading_method', sa.Enum('learning_objects', 'highest', 'average', 'sum', name='gradingmethod', native_enum=False, length=40), nullable=False),
    sa.Column('attempts_count', sa.Enum('highest', 'average', 'first', 'last_completed', name='attemptscount', native_enum=False, length=40), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_player_module_settings_module_id_module'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('module_id', name=op.f('pk_player_module_settings'))
    )
    op.create_table('player_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('package_version_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('open', 'closed', name='attemptstate', native_enum=False, length=40), nullable=False),
    sa.Column('started_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('is_completed', sa.Boolean(), nullable=False),
    sa.Column('is_passed', sa.Boolean(), nullable=True),
    sa.Column('score_scaled', sa.Double(), nullable=True),
    sa.Column('grade', sa.Double(), nullable=True),
    sa.Column('total_seconds', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_player_attempt_module_id_module'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['package_version_id'], ['package_version.id'], name=op.f('fk_player_attempt_package_version_id_package_version')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_player_attempt_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_attempt')),
    sa.UniqueConstraint('user_id', 'module_id', 'number', name=op.f('uq_player_attempt_user_id'))
    )
    with op.batch_alter_table('player_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_player_attempt_module_id'), ['module_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_player_attempt_user_id'), ['user_id'], unique=False)

    op.create_table('player_sco_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('item_identifier', sa.String(length=255), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('sessions', sa.Integer(), nullable=False),
    sa.Column('session_started_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('next_entry', sa.String(length=20), nullable=False),
    sa.Column('total_centis', sa.Integer(), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['player_attempt.id'], name=op.f('fk_player_sco_state_attempt_id_player_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_sco_state')),
    sa.UniqueConstraint('attempt_id', 'item_identifier', name=op.f('uq_player_sco_state_attempt_id'))
    )
    op.create_table('player_commit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('sco_state_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('received_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('outcome', sa.Enum('applied', 'replay', 'stale', 'rejected', name='commitoutcome', native_enum=False, length=40), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['player_attempt.id'], name=op.f('fk_player_commit_log_attempt_id_player_attempt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sco_state_id'], ['player_sco_state.id'], name=op.f('fk_player_commit_log_sco_state_id_player_sco_state'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_commit_log'))
    )
    with op.batch_alter_table('player_commit_log', schema=None) as batch_op:
        batch_op.create_index('ix_player_commit_log_sco', ['sco_state_id', 'seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('player_commit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_player_commit_log_sco')

    op.drop_table('player_commit_log')
    op.drop_table('player_sco_state')
    with op.batch_alter_table('player_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_player_attempt_user_id'))
        batch_op.drop_index(batch_op.f('ix_player_attempt_module_id'))

    op.drop_table('player_attempt')
    op.drop_table('player_module_settings')
