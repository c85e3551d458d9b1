"""session_version: a sign-in cookie names the account's session version; logout ends them all

Revision ID: session_version
Revises: seqplay
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = 'session_version'
down_revision = 'seqplay'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Cookies saved before this revision hold the bare id; the loader refuses them (sign in again).
    op.add_column('user_account',
                  sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    op.drop_column('user_account', 'session_version')
