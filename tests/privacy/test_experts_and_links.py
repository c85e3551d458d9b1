"""An expert's records in the export, and a remote identifier linked by an admin after erasure."""
from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from lms_bridge.accounts.models import User
from lms_bridge.db import db
from lms_bridge.privacy.operations import erase
from lms_bridge.privacy.queries import export_zip
from lms_bridge.syncing.matching import PersonMatcher
from lms_bridge.syncing.models import MatchBy, PersonLink, SyncSource
from sync.records import RemotePerson, SourceKind
from tests.experts.world import everything


def _user_id(email: str) -> int:
    return db.session.scalar(select(User.id).where(User.email == email))


def test_an_experts_records_are_exported_and_nobody_elses(app, make_user, administrations):
    everything(app, make_user, administrations)
    with app.app_context():
        archive = zipfile.ZipFile(io.BytesIO(export_zip(_user_id("world-expert@example.org"))))
        names = set(archive.namelist())
        for kind in ("expert_accreditation", "expert_mission_assignment",
                     "expert_training_record", "expert_participation"):
            assert f"json/{kind}.json" in names, kind
        text = "".join(archive.read(n).decode() for n in names)
        assert "world-waiting@example.org" not in text
        participations = json.loads(archive.read("json/expert_participation.json"))
        assert len(participations) == 1  # the other participant of the same workshop is absent


def test_a_linked_username_of_an_erased_person_is_skipped(app, make_user):
    make_user("admin", email="admin@example.org")
    ana = make_user("learner", email="ana@example.org")
    with app.app_context():
        source = SyncSource(name="Moodle", kind=SourceKind.MOODLE, url="https://moodle.example",
                            match_by=MatchBy.USERNAME)
        db.session.add(source)
        db.session.flush()
        db.session.add(PersonLink(source_id=source.id, identity="username:ana.k", user_id=ana))
        db.session.commit()
        erase(None, ana, "her request")
        matcher = PersonMatcher(db.session.get(SyncSource, source.id), [])
        assert matcher.match(RemotePerson(username="Ana.K ")).erased
        assert matcher.match(RemotePerson(email="ANA@example.org")).erased
        other = matcher.match(RemotePerson(username="bo"))
        assert not other.erased and other.user_id is None
        assert db.session.scalar(select(PersonLink.id)) is None


def test_an_erased_national_coordinator_is_nobodys_coordinator(app, make_user, administrations):
    from datetime import date

    from lms_bridge.accounts.designations import operations as designations
    from lms_bridge.accounts.designations.queries import coordinators_of
    from lms_bridge.accounts.models import Role

    make_user("admin", email="admin@example.org")
    nc = make_user("learner", country="KR", email="nc@example.org")
    with app.app_context():
        designations.designate(None, nc, administrations["KR"], "WCO/KR/1", date(2026, 1, 5))
        erase(None, nc, "her request")
        assert coordinators_of(administrations["KR"]) == []
        assert not db.session.get(User, nc).has_role(Role.NATIONAL_COORDINATOR)
