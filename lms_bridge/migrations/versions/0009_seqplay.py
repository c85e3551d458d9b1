"""seqplay: SCORM 2004 sequencing sessions and global objectives; 1.2 auto-continue

Revision ID: seqplay
Revises: shareddata
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'seqplay'
down_revision = 'shareddata'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('player_module_settings',
                  sa.Column('auto_continue', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table('player_global_objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=60), nullable=False),
    sa.Column('objective_id', sa.String(length=1000), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_player_global_objective_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_player_global_objective')),
    sa.UniqueConstraint('user_id', 'scope', 'objective_id', name=op.f('uq_player_global_objective_user_id'))
    )
    op.create_table('player_sequencing_session',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('tree', sa.JSON(), nullable=False),
    sa.Column('seed', sa.String(length=40), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('delivery', sa.Integer(), nullable=False),
    sa.Column('started_delivery', sa.Integer(), nullable=False),
    sa.Column('last_move', sa.JSON(), nullable=False),
    sa.Column('updated_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['player_attempt.id'], name=op.f('fk_player_sequencing_session_attempt_id_player_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_player_sequencing_session'))
    )


def downgrade() -> None:
    op.drop_column('player_module_settings', 'auto_continue')
    op.drop_table('player_sequencing_session')
    op.drop_table('player_global_objective')
