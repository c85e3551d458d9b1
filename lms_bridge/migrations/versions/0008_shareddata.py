"""shareddata: SCORM 2004 adl.data stores, global to the system (per user) or per attempt

Revision ID: shareddata
Revises: player
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'shareddata'
down_revision = "player"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('player_system_shared_data',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('target_key', sa.String(length=64), nullable=False),
    sa.Column('target_id', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_player_system_shared_data_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_system_shared_data')),
    sa.UniqueConstraint('user_id', 'target_key', name=op.f('uq_player_system_shared_data_user_id'))
    )
    op.create_table('player_attempt_shared_data',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('target_key', sa.String(length=64), nullable=False),
    sa.Column('target_id', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['player_attempt.id'], name=op.f('fk_player_attempt_shared_data_attempt_id_player_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_attempt_shared_data')),
    sa.UniqueConstraint('attempt_id', 'target_key', name=op.f('uq_player_attempt_shared_data_attempt_id'))
    )


def downgrade() -> None:
    op.drop_table('player_attempt_shared_data')
    op.drop_table('player_system_shared_data')
