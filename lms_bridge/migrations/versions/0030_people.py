"""people: official coordinator designations, password reset links, people-list indexes

Revision ID: people
Revises: session_version
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'people'
down_revision = 'experts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('coordinator_designation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=False),
    sa.Column('recorded_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('ended_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('end_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_coordinator_designation_administration_id_administration')),
    sa.ForeignKeyConstraint(['ended_by_id'], ['user_account.id'], name=op.f('fk_coordinator_designation_ended_by_id_user_account')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_coordinator_designation_recorded_by_id_user_account')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_coordinator_designation_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinator_designation'))
    )
    op.create_index('ix_coordinator_designation_administration', 'coordinator_designation', ['administration_id', 'ended_at'], unique=False)
    op.create_index('ix_coordinator_designation_user', 'coordinator_designation', ['user_id', 'ended_at'], unique=False)
    op.create_table('password_reset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('used_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_password_reset_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_token_hash'))
    )
    op.create_index(op.f('ix_password_reset_user_id'), 'password_reset', ['user_id'], unique=False)
    op.create_index('ix_user_account_administration_email', 'user_account', ['administration_id', 'email'], unique=False)
    op.create_index('ix_user_role_role_user_id', 'user_role', ['role', 'user_id'], unique=False)
    op.create_index('ix_audit_event_target', 'audit_event', ['target_type', 'target_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_event_target', table_name='audit_event')
    op.drop_index('ix_user_role_role_user_id', table_name='user_role')
    op.drop_index('ix_user_account_administration_email', table_name='user_account')
    op.drop_index(op.f('ix_password_reset_user_id'), table_name='password_reset')
    op.drop_table('password_reset')
    op.drop_index('ix_coordinator_designation_user', table_name='coordinator_designation')
    op.drop_index('ix_coordinator_designation_administration', table_name='coordinator_designation')
    op.drop_table('coordinator_designation')
