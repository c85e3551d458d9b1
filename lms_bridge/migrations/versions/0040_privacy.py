"""privacy: the good-health yes/no, erased identifiers' fingerprints, erasures, last sign-in (retention rule)

Revision ID: privacy
Revises: people
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'privacy'
down_revision = 'people'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The good-health self-declaration: a yes/no only. No earlier version stored any health
    # details (no such field existed), so there is no free text to convert or drop.
    with op.batch_alter_table('application') as batch:
        batch.add_column(sa.Column('good_health', sa.Boolean(), nullable=True))
    op.create_table('erased_identifier',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('erased_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest', name=op.f('pk_erased_identifier'))
    )
    op.create_table('privacy_erasure',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=200), nullable=False),
    sa.Column('erased_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_privacy_erasure_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_privacy_erasure'))
    )
    op.create_table('privacy_last_sign_in',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_privacy_last_sign_in_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_privacy_last_sign_in'))
    )


def downgrade() -> None:
    op.drop_table('privacy_last_sign_in')
    op.drop_table('privacy_erasure')
    op.drop_table('erased_identifier')
    with op.batch_alter_table('application') as batch:
        batch.drop_column('good_health')
