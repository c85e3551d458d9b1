"""sync sources and runs

Revision ID: syncint
Revises: elig
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa
import lms_bridge.db


revision = 'syncint'
down_revision = "elig"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('apscheduler_jobs',
    sa.Column('id', sa.Unicode(length=191), nullable=False),
    sa.Column('next_run_time', sa.Float(precision=25), nullable=True),
    sa.Column('job_state', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_apscheduler_jobs'))
    )
    with op.batch_alter_table('apscheduler_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_apscheduler_jobs_next_run_time'), ['next_run_time'], unique=False)

    op.create_table('sync_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.Enum('moodle', 'xapi', 'csv', name='sourcekind', native_enum=False, length=40), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('secret_encrypted', sa.Text(), nullable=False),
    sa.Column('allow_private', sa.Boolean(), nullable=False),
    sa.Column('match_by', sa.Enum('email', 'idnumber', 'username', name='matchby', native_enum=False, length=40), nullable=False),
    sa.Column('schedule_minutes', sa.Integer(), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('state', sa.JSON(), nullable=True),
    sa.Column('health', sa.Enum('unknown', 'healthy', 'degraded', 'failing', 'needs_attention', name='health', native_enum=False, length=40), nullable=False),
    sa.Column('health_detail', sa.Text(), nullable=False),
    sa.Column('needs_attention', sa.Boolean(), nullable=False),
    sa.Column('created_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_source')),
    sa.UniqueConstraint('name', name=op.f('uq_sync_source_name'))
    )
    op.create_table('sync_course_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('remote_key', sa.String(length=500), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_sync_course_mapping_module_id_module'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sync_source.id'], name=op.f('fk_sync_course_mapping_source_id_sync_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_course_mapping')),
    sa.UniqueConstraint('source_id', 'remote_key', name=op.f('uq_sync_course_mapping_source_id'))
    )
    with op.batch_alter_table('sync_course_mapping', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_course_mapping_source_id'), ['source_id'], unique=False)

    op.create_table('sync_lease',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('expires_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sync_source.id'], name=op.f('fk_sync_lease_source_id_sync_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source_id', name=op.f('pk_sync_lease'))
    )
    op.create_table('sync_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.Enum('schedule', 'manual', 'cli', 'import', name='runtrigger', native_enum=False, length=40), nullable=False),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('running', 'succeeded', 'partial', 'failed', 'needs_attention', name='runstatus', native_enum=False, length=40), nullable=False),
    sa.Column('started_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('phase', sa.String(length=40), nullable=False),
    sa.Column('calls', sa.Integer(), nullable=False),
    sa.Column('records_seen', sa.Integer(), nullable=False),
    sa.Column('records_done', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('updated', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('kept_better', sa.Integer(), nullable=False),
    sa.Column('withdrawn', sa.Integer(), nullable=False),
    sa.Column('unmapped', sa.Integer(), nullable=False),
    sa.Column('people_unmatched', sa.Integer(), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sync_source.id'], name=op.f('fk_sync_run_source_id_sync_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_run'))
    )
    with op.batch_alter_table('sync_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_run_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_run_started_at'), ['started_at'], unique=False)

    op.create_table('sync_unmatched_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Enum('unmatched', 'ambiguous', 'no_identifier', name='unmatchedreason', native_enum=False, length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('idnumber', sa.String(length=200), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('candidates', sa.JSON(), nullable=False),
    sa.Column('pending', sa.JSON(), nullable=False),
    sa.Column('first_seen_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sync_source.id'], name=op.f('fk_sync_unmatched_person_source_id_sync_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_unmatched_person')),
    sa.UniqueConstraint('source_id', 'identity', name=op.f('uq_sync_unmatched_person_source_id'))
    )
    with op.batch_alter_table('sync_unmatched_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_unmatched_person_source_id'), ['source_id'], unique=False)

    op.create_table('sync_person_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('identity', sa.String(length=300), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', lms_bridge.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sync_source.id'], name=op.f('fk_sync_person_link_source_id_sync_source'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sync_person_link_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_person_link')),
    sa.UniqueConstraint('source_id', 'identity', name=op.f('uq_sync_person_link_source_id'))
    )
    with op.batch_alter_table('sync_person_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_person_link_source_id'), ['source_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sync_person_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_person_link_source_id'))

    op.drop_table('sync_person_link')
    with op.batch_alter_table('sync_unmatched_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_unmatched_person_source_id'))

    op.drop_table('sync_unmatched_person')
    with op.batch_alter_table('sync_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_run_started_at'))
        batch_op.drop_index(batch_op.f('ix_sync_run_source_id'))

    op.drop_table('sync_run')
    op.drop_table('sync_lease')
    with op.batch_alter_table('sync_course_mapping', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_course_mapping_source_id'))

    op.drop_table('sync_course_mapping')
    op.drop_table('sync_source')
    with op.batch_alter_table('apscheduler_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_apscheduler_jobs_next_run_time'))

    op.drop_table('apscheduler_jobs')
