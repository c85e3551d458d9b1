"""Every role against every protected page and API route: allowed, or 401/403 (a table).

A new route must be added to ROUTES, or test_every_route_is_in_the_table fails.
"""
import pytest

from tests.conftest import (PASSWORD, add_administrations, build_app, csrf_token, login,
                            release_app, user_maker)

ROLES = ["anonymous", "pending", "learner", "national_coordinator", "coordinator", "admin"]
SIGNED_IN = {"learner", "national_coordinator", "coordinator", "admin"}
QUEUE = {"national_coordinator", "admin"}
ADMIN = {"admin"}
COORD = {"coordinator", "admin"}
SOURCES = {"national_coordinator", "coordinator", "admin"}

# (method, rule, allowed roles, status when allowed, form or JSON body)
DECISION = {"decision": "approve", "reason": "known official"}
ROUTES = [
    ("GET", "/", SIGNED_IN, 200, None),
    ("GET", "/approvals", QUEUE, 200, None),
    ("POST", "/approvals/<int:request_id>", QUEUE, 302, DECISION),
    ("GET", "/admin/users", QUEUE, 200, None),
    ("GET", "/admin/audit", ADMIN, 200, None),
    ("GET", "/account/tokens", SIGNED_IN, 200, None),
    ("POST", "/account/tokens", SIGNED_IN, 200, {"name": "laptop"}),
    ("POST", "/account/tokens/<int:token_id>/revoke", SIGNED_IN, 302, {}),
    ("POST", "/logout", SIGNED_IN, 302, {}),
    ("GET", "/account", SIGNED_IN, 200, None),
    ("POST", "/account", SIGNED_IN, 302, {"language": "fr"}),
    ("GET", "/api/v1/me", SIGNED_IN, 200, None),
    ("GET", "/api/v1/administrations", SIGNED_IN, 200, None),
    ("GET", "/api/v1/access-requests", QUEUE, 200, None),
    ("POST", "/api/v1/access-requests/<int:request_id>/decision", QUEUE, 200, DECISION),
    ("GET", "/api/v1/users", QUEUE, 200, None),
    ("GET", "/api/v1/audit-events", ADMIN, 200, None),
    ("GET", "/api/v1/tokens", SIGNED_IN, 200, None),
    ("POST", "/api/v1/tokens", SIGNED_IN, 201, {"name": "script"}),
    ("DELETE", "/api/v1/tokens/<int:token_id>", SIGNED_IN, 200, None),
    # remote LMS sync (lms_bridge/syncing)
    ("GET", "/admin/sync", ADMIN, 200, None),
    ("GET", "/admin/sync/new", ADMIN, 200, None),
    ("POST", "/admin/sync/new", ADMIN, 302, {"kind": "xapi", "name": "LRS", "url": "http://127.0.0.1:9/xAPI/",
                                             "username": "u", "secret": "s3cret", "allow_private": "y",
                                             "match_by": "email", "mappings": "https://x.example/a=mod-a"}),
    ("GET", "/admin/sync/<int:source_id>", ADMIN, 200, None),
    ("POST", "/admin/sync/<int:source_id>/credential", ADMIN, 302, {"secret": "new-secret"}),
    ("POST", "/admin/sync/<int:source_id>/run", ADMIN, 302, {}),
    ("GET", "/admin/sync/<int:source_id>/progress", ADMIN, 200, None),
    ("GET", "/admin/sync/runs/<int:run_id>", ADMIN, 200, None),
    ("GET", "/admin/sync/unmatched", ADMIN, 200, None),
    ("POST", "/admin/sync/unmatched/<int:person_id>/link", ADMIN, 302, {"email": "applicant@example.org"}),
    ("GET", "/api/v1/sync/sources", ADMIN, 200, None),
    ("POST", "/api/v1/sync/sources", ADMIN, 201, {"kind": "xapi", "name": "LRS", "url": "http://127.0.0.1:9/xAPI/",
                                                  "username": "u", "secret": "s3cret", "allow_private": True,
                                                  "mappings": {"https://x.example/a": "mod-a"}}),
    ("GET", "/api/v1/sync/sources/<int:source_id>/runs", ADMIN, 200, None),
    ("POST", "/api/v1/sync/sources/<int:source_id>/runs", ADMIN, 202, {"full": False}),
    ("GET", "/api/v1/sync/runs/<int:run_id>", ADMIN, 200, None),
    ("GET", "/api/v1/sync/unmatched", ADMIN, 200, None),
    ("POST", "/api/v1/sync/unmatched/<int:person_id>/link", ADMIN, 200, {"email": "applicant@example.org"}),
    ("GET", "/api/v1/completions", ADMIN, 200, None),
    # CSV report uploads (no file: 400 once allowed)
    ("GET", "/admin/sync/upload", ADMIN, 200, None),
    ("POST", "/admin/sync/upload", ADMIN, 400, {"name": "Reports", "match_by": "email"}),
    ("GET", "/admin/sync/upload/template.csv", ADMIN, 200, None),
    ("POST", "/api/v1/sync/sources/<int:source_id>/reports", ADMIN, 400, None),
]

# eligibility: the world's application (KR) awaits nomination, so an allowed selection meets
# the state machine (409) after passing authorization.
COORDINATORS = {"coordinator", "admin"}
CANDIDATE_VIEWERS = {"national_coordinator", "coordinator", "admin"}
APPLICANTS = {"learner", "admin"}
WORKSHOP_FORM = {"title": "T", "kind": "NATIONAL_TRAINING", "region": "EUROPE",
                 "language": "en", "capacity": "5", "starts_on": "2030-03-01",
                 "ends_on": "2030-03-05", "applications_open_on": "2020-01-01",
                 "applications_close_on": "2030-02-01"}
WORKSHOP_JSON = {"title": "T", "kind": "national training", "region": "Europe", "capacity": 5,
                 "starts_at": "2030-03-01T00:00:00Z", "ends_at": "2030-03-05T00:00:00Z",
                 "applications_open_at": "2020-01-01T00:00:00Z",
                 "applications_close_at": "2030-02-01T00:00:00Z"}
PREREQUISITE = {"label": "Valuation", "modules": "table-module", "rule": "COMPLETED"}
SELECTION = {"decision": "SELECTED", "reason": "strong profile"}
NOMINATION = {"decision": "nominate", "reason": "known official"}
ROUTES += [
    ("GET", "/workshops", SIGNED_IN, 200, None),
    ("GET", "/workshops/new", COORDINATORS, 200, None),
    ("POST", "/workshops/new", COORDINATORS, 302, WORKSHOP_FORM),
    ("GET", "/workshops/<int:workshop_id>", SIGNED_IN, 200, None),
    ("POST", "/workshops/<int:workshop_id>/prerequisites", COORDINATORS, 302, PREREQUISITE),
    ("GET", "/workshops/<int:workshop_id>/edit", COORDINATORS, 200, None),
    ("POST", "/workshops/<int:workshop_id>/edit", COORDINATORS, 302, WORKSHOP_FORM),
    ("POST", "/workshops/<int:workshop_id>/remove", COORDINATORS, 409, {}),  # someone applied
    ("GET", "/workshops/<int:workshop_id>/prerequisites/<int:prerequisite_id>/edit", COORDINATORS,
     200, None),
    ("POST", "/workshops/<int:workshop_id>/prerequisites/<int:prerequisite_id>/edit", COORDINATORS,
     302, PREREQUISITE),
    ("POST", "/workshops/<int:workshop_id>/prerequisites/<int:prerequisite_id>/remove",
     COORDINATORS, 302, {}),
    ("GET", "/workshops/<int:workshop_id>/apply", APPLICANTS, 200, None),
    ("POST", "/workshops/<int:workshop_id>/apply", APPLICANTS, 302, {"save": "y"}),
    ("GET", "/workshops/<int:workshop_id>/matrix", CANDIDATE_VIEWERS, 200, None),
    ("GET", "/workshops/<int:workshop_id>/matrix.csv", CANDIDATE_VIEWERS, 200, None),
    ("GET", "/applications/<int:application_id>", CANDIDATE_VIEWERS, 200, None),
    ("POST", "/applications/<int:application_id>/nomination", QUEUE, 302, NOMINATION),
    ("POST", "/applications/<int:application_id>/selection", COORDINATORS, 409, SELECTION),
    ("GET", "/nominations", QUEUE, 200, None),
    ("GET", "/my/applications", APPLICANTS, 200, None),
    ("GET", "/admin/outbox", ADMIN, 200, None),
    ("GET", "/api/v1/workshops", SIGNED_IN, 200, None),
    ("POST", "/api/v1/workshops", COORDINATORS, 201, WORKSHOP_JSON),
    ("GET", "/api/v1/workshops/<int:workshop_id>", SIGNED_IN, 200, None),
    ("POST", "/api/v1/workshops/<int:workshop_id>/prerequisites", COORDINATORS, 201,
     {"label": "Valuation", "module_slugs": ["table-module"], "rule": "Completed"}),
    ("GET", "/api/v1/workshops/<int:workshop_id>/matrix", CANDIDATE_VIEWERS, 200, None),
    ("POST", "/api/v1/workshops/<int:workshop_id>/application", APPLICANTS, 200,
     {"criteria": {}, "availability_committed": False}),
    ("GET", "/api/v1/applications/mine", APPLICANTS, 200, None),
    ("GET", "/api/v1/applications/<int:application_id>", CANDIDATE_VIEWERS, 200, None),
    ("GET", "/api/v1/nominations", QUEUE, 200, None),
    ("POST", "/api/v1/applications/<int:application_id>/nomination", QUEUE, 200, NOMINATION),
    ("POST", "/api/v1/applications/<int:application_id>/selection", COORDINATORS, 409,
     {"decision": "selected", "reason": "strong profile"}),
    # catalog (coordinators and admins; content of a draft version = preview)
    ("GET", "/catalog", COORD, 200, None),
    ("GET", "/catalog/modules/<slug>", COORD, 200, None),
    ("GET", "/catalog/versions/<int:version_id>", COORD, 200, None),
    ("GET", "/catalog/import", COORD, 200, None),
    ("POST", "/catalog/import", COORD, 400, {"module": "new-module"}),
    ("POST", "/catalog/import-url", COORD, 400, {}),
    ("POST", "/catalog/versions/<int:version_id>/publish", COORD, 302, {}),
    ("POST", "/catalog/versions/<int:version_id>/retire", COORD, 302, {"reason": "old"}),
    ("GET", "/catalog/versions/<int:version_id>/original.zip", COORD, 200, None),
    ("GET", "/catalog/modules/<slug>/build.zip", COORD, 200, None),
    # module sources (tests/catalog/test_sources.py): national coordinators download and upload
    # (their own country's variants: refused further on), coordinators also publish; no file
    # posted: 400 once allowed
    ("GET", "/catalog/sources", SOURCES, 200, None),
    ("GET", "/catalog/modules/<slug>/sources", SOURCES, 200, None),
    ("POST", "/catalog/modules/<slug>/sources", SOURCES, 400,
     {"language": "es", "country": "", "based_on": "shipped"}),
    ("GET", "/catalog/modules/<slug>/source.zip", SOURCES, 200, None),
    ("GET", "/catalog/sources/<int:upload_id>", SOURCES, 200, None),
    ("GET", "/catalog/sources/<int:upload_id>/source.zip", SOURCES, 200, None),
    ("GET", "/api/v1/modules/<slug>/source", SOURCES, 200, None),
    ("GET", "/api/v1/modules/<slug>/sources", SOURCES, 200, None),
    ("POST", "/api/v1/modules/<slug>/sources", SOURCES, 400, None),
    ("GET", "/api/v1/sources/<int:upload_id>", SOURCES, 200, None),
    ("GET", "/api/v1/sources/<int:upload_id>/source", SOURCES, 200, None),
    ("POST", "/catalog/sources/<int:upload_id>/publish", COORD, 302, {}),
    ("POST", "/api/v1/sources/<int:upload_id>/publish", COORD, 201, None),
    ("GET", "/api/v1/modules/<slug>/build", COORD, 200, None),
    ("GET", "/content/<int:version_id>/<path:path>", COORD, 200, None),
    ("GET", "/api/v1/modules", COORD, 200, None),
    ("GET", "/api/v1/modules/<slug>", COORD, 200, None),
    ("POST", "/api/v1/modules/<slug>/versions", COORD, 400, None),
    ("POST", "/api/v1/modules/<slug>/url-imports", COORD, 422, {"url": "https://example.org/p.zip"}),
    ("POST", "/api/v1/validate", COORD, 400, None),
    ("GET", "/api/v1/versions/<int:version_id>", COORD, 200, None),
    ("POST", "/api/v1/versions/<int:version_id>/publish", COORD, 200, None),
    ("POST", "/api/v1/versions/<int:version_id>/retire", COORD, 200, {"reason": "old"}),
    ("GET", "/api/v1/versions/<int:version_id>/original", COORD, 200, None),
]
# learner runtime: these routes take the published module and attempt of the player's world
# (the 6th element maps a rule placeholder to another key of the world)
PLAYER = {"slug": "player_slug"}
ROUTES += [
    ("GET", "/modules/<slug>/launch", SIGNED_IN, 302, None, PLAYER),
    ("POST", "/modules/<slug>/attempts", SIGNED_IN, 302, {}, PLAYER),
    ("GET", "/attempts/<int:attempt_id>/play", ADMIN, 200, None),
    # the attempt is a learner's without an administration: national coordinators see only
    # their own administration's (tests/reports/test_attempt_results.py)
    ("GET", "/attempts/<int:attempt_id>/results", COORD, 200, None),
    ("GET", "/my/pre-learning", SIGNED_IN, 200, None),
    # only the attempt's own learner navigates it (tests/player/test_navigation.py)
    ("POST", "/attempts/<int:attempt_id>/navigate", set(), 302, {"request": "continue"}),
]
# withdrawing: the world's application is the candidate's own, so of the roles here only an
# admin may withdraw it (tests/eligibility/test_withdraw.py covers the applicant)
ROUTES += [
    ("POST", "/my/applications/<int:application_id>/withdraw", ADMIN, 302, {"reason": "busy"}),
    ("POST", "/api/v1/applications/<int:application_id>/withdraw", ADMIN, 200,
     {"reason": "busy"}),
]
# module completion and attempt settings (tests/catalog/test_module_settings.py)
MODULE_SETTINGS = {"completion_rule": "Passed", "min_score": 70, "max_attempts": 3,
                   "force_new_attempt": "never", "lock_after_final": True,
                   "grading_method": "highest", "attempts_count": "highest",
                   "auto_continue": False}
ROUTES += [
    ("POST", "/catalog/modules/<slug>/settings", COORD, 302,
     {**MODULE_SETTINGS, "min_score": "70", "max_attempts": "3", "lock_after_final": "y",
      "auto_continue": ""}),
    ("GET", "/api/v1/modules/<slug>/settings", COORD, 200, None),
    ("PUT", "/api/v1/modules/<slug>/settings", COORD, 200, MODULE_SETTINGS),
]
# experts (lms_bridge/experts; tests/experts): the world's KR expert is pre-accredited, proposed
# for a planned mission (released by the KR national coordinator only), has a submitted training
# session, and a selected participant waits for assessment. Bodies that cannot name a stored id
# meet the domain's refusal (400/404/409) once authorization has passed.
EXPERT_VIEWERS = {"national_coordinator", "coordinator", "admin"}
EXPERT_WORKSHOP = {"workshop_id": "experts_workshop_id"}
PARTICIPANT = {"application_id": "pending_application_id"}
TRAINING_FORM = {"held_on": "2026-01-05", "field": "HS_CLASSIFICATION", "audience": "CUSTOMS",
                 "participants": "20", "place": "Seoul", "language": "en"}
_BEFORE_EXPERTS = len(ROUTES)
ROUTES += [
    ("GET", "/experts", EXPERT_VIEWERS, 200, None),
    ("GET", "/experts.csv", EXPERT_VIEWERS, 200, None),
    ("GET", "/experts/<int:user_id>", EXPERT_VIEWERS, 200, None, {"user_id": "expert_id"}),
    ("GET", "/my/expert", SIGNED_IN, 302, None),
    ("POST", "/experts/<int:user_id>/languages", COORD, 302, {"languages": ["en", "fr"]},
     {"user_id": "expert_id"}),
    ("PUT", "/api/v1/experts/<int:user_id>/languages", COORD, 200, {"languages": ["en", "ru"]},
     {"user_id": "expert_id"}),
    ("POST", "/experts/accreditations/<int:accreditation_id>/status", COORD, 302,
     {"status": "LAPSED", "reason": "no longer available"}),
    ("GET", "/experts/workshops", COORD, 200, None),
    ("GET", "/experts/workshops/<int:workshop_id>", COORD, 200, None, EXPERT_WORKSHOP),
    ("POST", "/experts/workshops/<int:workshop_id>/setup", COORD, 302,
     {"field": "HS_CLASSIFICATION", "required_cofacilitations": "2", "pledge_weeks": "12",
      "pledge_years": "3"}, EXPERT_WORKSHOP),
    ("POST", "/experts/workshops/<int:workshop_id>/subjects", COORD, 302,
     {"subjects": "GIR 1\nGIR 3"}, EXPERT_WORKSHOP),
    ("POST", "/experts/workshops/<int:workshop_id>/draw", COORD, 409, {"seed": "s"},
     EXPERT_WORKSHOP),
    ("POST", "/experts/participants/<int:application_id>/attendance", COORD, 302,
     {"attended": "yes"}, PARTICIPANT),
    ("GET", "/experts/participants/<int:application_id>/assessment", ADMIN, 200, None,
     PARTICIPANT),
    ("POST", "/experts/participants/<int:application_id>/assessment", ADMIN, 302,
     {"technical": "3", "training": "3", "international": "3"}, PARTICIPANT),
    ("POST", "/experts/participants/<int:application_id>/outcome", COORD, 409,
     {"outcome": "SUCCESSFUL"}, PARTICIPANT),
    ("GET", "/missions", SIGNED_IN, 200, None),
    ("GET", "/missions/new", COORD, 200, None),
    ("POST", "/missions/new", COORD, 400, {"title": "M", "host": "999999"}),
    ("GET", "/missions/<int:mission_id>", SIGNED_IN, 200, None),
    ("POST", "/missions/<int:mission_id>/interest", SIGNED_IN, 400, {}),
    ("POST", "/missions/<int:mission_id>/proposals", COORD, 404,
     {"expert": "999999", "role": "LEAD"}),
    ("POST", "/missions/<int:mission_id>/held", COORD, 409, {"people_trained": "3"}),
    ("POST", "/missions/assignments/<int:assignment_id>/release", QUEUE, 302,
     {"decision": "release"}),
    ("POST", "/missions/assignments/<int:assignment_id>/result", COORD, 409,
     {"days_given": "2", "evaluation": "POSITIVE"}),
    ("GET", "/releases", QUEUE, 200, None),
    ("GET", "/monitoring", SIGNED_IN, 200, None),
    ("POST", "/monitoring", SIGNED_IN, 302, TRAINING_FORM),
    ("POST", "/monitoring/upload", SIGNED_IN, 400, {}),
    ("GET", "/monitoring/template.csv", SIGNED_IN, 200, None),
    ("GET", "/monitoring.csv", SIGNED_IN, 200, None),
    ("GET", "/monitoring/validation", QUEUE, 200, None),
    ("POST", "/monitoring/<int:record_id>/validation", QUEUE, 302, {"decision": "validate"}),
    ("GET", "/reports/programme", COORD, 200, None),
    ("GET", "/reports/programme.csv", COORD, 200, None),
    ("GET", "/api/v1/experts", EXPERT_VIEWERS, 200, None),
    ("GET", "/api/v1/experts/<int:user_id>", EXPERT_VIEWERS, 200, None, {"user_id": "expert_id"}),
    ("POST", "/api/v1/accreditations/<int:accreditation_id>/status", COORD, 200,
     {"status": "lapsed", "reason": "no longer available"}),
    ("GET", "/api/v1/workshops/<int:workshop_id>/outcome", COORD, 200, None, EXPERT_WORKSHOP),
    ("PUT", "/api/v1/workshops/<int:workshop_id>/outcome", COORD, 200,
     {"field": "HS classification"}, EXPERT_WORKSHOP),
    ("PUT", "/api/v1/workshops/<int:workshop_id>/outcome/subjects", COORD, 200,
     {"subjects": ["GIR 1"]}, EXPERT_WORKSHOP),
    ("POST", "/api/v1/workshops/<int:workshop_id>/outcome/draw", COORD, 409, {},
     EXPERT_WORKSHOP),
    ("PUT", "/api/v1/participants/<int:application_id>/attendance", COORD, 200,
     {"attended": True}, PARTICIPANT),
    ("PUT", "/api/v1/participants/<int:application_id>/assessment", ADMIN, 200,
     {"technical": {"score": 3}, "training": {"score": 4}, "international": {"score": 3}},
     PARTICIPANT),
    ("POST", "/api/v1/participants/<int:application_id>/outcome", COORD, 409,
     {"outcome": "successful"}, PARTICIPANT),
    ("GET", "/api/v1/missions", SIGNED_IN, 200, None),
    ("POST", "/api/v1/missions", COORD, 404,
     {"title": "M", "host_administration_id": 999999, "field": "HS classification",
      "starts_on": "2030-01-07", "ends_on": "2030-01-11"}),
    ("GET", "/api/v1/missions/<int:mission_id>", SIGNED_IN, 200, None),
    ("POST", "/api/v1/missions/<int:mission_id>/interest", SIGNED_IN, 409, {}),
    ("POST", "/api/v1/missions/<int:mission_id>/proposals", COORD, 404, {"expert_id": 999999}),
    ("POST", "/api/v1/missions/<int:mission_id>/held", COORD, 409, {"people_trained": 3}),
    ("POST", "/api/v1/mission-assignments/<int:assignment_id>/release", QUEUE, 200,
     {"decision": "release"}),
    ("POST", "/api/v1/mission-assignments/<int:assignment_id>/result", COORD, 409,
     {"days_given": 2, "evaluation": "positive"}),
    ("GET", "/api/v1/training", SIGNED_IN, 200, None),
    ("POST", "/api/v1/training", SIGNED_IN, 201,
     {"held_on": "2026-01-05", "field": "HS classification", "audience": "customs",
      "participants": 20, "place": "Seoul"}),
    ("POST", "/api/v1/training/sheets", SIGNED_IN, 400, None),
    ("GET", "/api/v1/training/to-validate", QUEUE, 200, None),
    ("POST", "/api/v1/training/<int:record_id>/validation", QUEUE, 200, {"decision": "validate"}),
    ("GET", "/api/v1/reports/programme", COORD, 200, None),
]
# Only these rows need the experts world (building it for every write route would add minutes).
EXPERT_ROUTES = {(m, rule) for m, rule, *_ in ROUTES[_BEFORE_EXPERTS:]}
# results reports (lms_bridge/reports); a national coordinator sees their own administration's
# learners only (tests/reports/)
RESULTS_VIEWERS = {"national_coordinator", "coordinator", "admin"}
ROUTES += [
    ("GET", "/reports/modules", RESULTS_VIEWERS, 200, None),
    ("GET", "/reports/modules/<slug>", RESULTS_VIEWERS, 200, None, PLAYER),
    ("GET", "/reports/modules/<slug>/results.csv", RESULTS_VIEWERS, 200, None, PLAYER),
    ("GET", "/reports/modules/<slug>/questions", RESULTS_VIEWERS, 200, None, PLAYER),
    ("GET", "/api/v1/modules/<slug>/results", RESULTS_VIEWERS, 200, None, PLAYER),
    ("GET", "/api/v1/modules/<slug>/questions", RESULTS_VIEWERS, 200, None, PLAYER),
    ("GET", "/api/v1/attempts/<int:attempt_id>/results", COORD, 200, None),
]
# people and designations (tests/accounts/test_people_pages.py): the world's person is the KR
# candidate, so the KR national coordinator may read their page; only admins change anything.
REASON = {"reason": "checked with the administration"}
REPLACEMENT = {"email": "table-candidate@example.org", "reference": "WCO/KR/2", "letter_date": "2026-02-01",
               "reason": "new head of training"}
ROUTES += [
    ("GET", "/admin/users/<int:user_id>", QUEUE, 200, None),
    ("POST", "/admin/users/<int:user_id>/deactivate", ADMIN, 302, REASON),
    ("POST", "/admin/users/<int:user_id>/reactivate", ADMIN, 409, REASON),
    ("POST", "/admin/users/<int:user_id>/roles", ADMIN, 302, {"roles": ["learner", "coordinator"], **REASON}),
    ("POST", "/admin/users/<int:user_id>/administration", ADMIN, 302, {"administration": "0", **REASON}),
    ("GET", "/admin/designations", ADMIN, 200, None),
    ("POST", "/admin/designations", ADMIN, 400, {"reference": ""}),
    ("GET", "/admin/designations/<int:designation_id>", ADMIN, 200, None),
    ("POST", "/admin/designations/<int:designation_id>/end", ADMIN, 302, REASON),
    ("POST", "/admin/designations/<int:designation_id>/replace", ADMIN, 302, REPLACEMENT),
    ("GET", "/api/v1/users/<int:user_id>", QUEUE, 200, None),
    ("POST", "/api/v1/users/<int:user_id>/deactivate", ADMIN, 200, REASON),
    ("POST", "/api/v1/users/<int:user_id>/reactivate", ADMIN, 409, REASON),
    ("PUT", "/api/v1/users/<int:user_id>/roles", ADMIN, 200, {"roles": ["learner", "coordinator"], **REASON}),
    ("PUT", "/api/v1/users/<int:user_id>/administration", ADMIN, 200, {"administration": None, **REASON}),
    ("GET", "/api/v1/designations", ADMIN, 200, None),
    ("POST", "/api/v1/designations", ADMIN, 400, {"reference": ""}),
    ("POST", "/api/v1/designations/<int:designation_id>/end", ADMIN, 200, REASON),
    # nobody has the largest id: an allowed caller meets "no such person" (400) after authorization
    ("POST", "/api/v1/designations/<int:designation_id>/replace", ADMIN, 400,
     {"user_id": 2**31 - 1, "reference": "WCO/KR/2", "letter_date": "2026-02-01", "reason": "new head"}),
    ("GET", "/api/v1/me/coordinators", SIGNED_IN, 200, None),
    ("PUT", "/api/v1/me/password", SIGNED_IN, 400, {"current_password": "wrong", "new_password": "long enough now"}),
    ("GET", "/account/password", SIGNED_IN, 200, None),
    ("POST", "/account/password", SIGNED_IN, 400, {}),
]
# privacy (tests/privacy): only admins export or erase a person; the notice is public
ROUTES += [
    ("GET", "/admin/users/<int:user_id>/export", ADMIN, 200, None),
    ("GET", "/admin/users/<int:user_id>/erase", ADMIN, 200, None),
    ("POST", "/admin/users/<int:user_id>/erase", ADMIN, 302, REASON),
    ("GET", "/api/v1/users/<int:user_id>/export", ADMIN, 200, None),
    ("POST", "/api/v1/users/<int:user_id>/erase", ADMIN, 200, REASON),
]
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/register"), ("POST", "/register"),
          ("GET", "/api/v1/openapi.json"), ("GET", "/privacy"),
          # answered the same for every e-mail; the reset page is opened by its one-time token
          ("GET", "/password/forgot"), ("POST", "/password/forgot"),
          ("GET", "/password/reset/<token>"), ("POST", "/password/reset/<token>"),
          ("GET", "/static/<path:filename>"), ("GET", "/player/static/<path:filename>"),
          ("GET", "/experts/static/<path:filename>"), ("GET", "/favicon.ico"),
          # authenticated by the launch token in the body (tests/player/test_commits.py)
          ("POST", "/player/runtime/start"), ("POST", "/player/runtime/commit")}
# on the content origin, authenticated by the signed content grant in the path
# (tests/catalog/test_content_origin.py, tests/player/test_bridge.py)
PUBLIC |= {("GET", "/content/g/<int:version_id>/<grant>/<path:path>"),
           ("GET", "/content/bridge/<int:version_id>/<grant>")}
# operations: health and readiness are open; /metrics is guarded by network or bearer token,
# not by sign-in (tests/ops/test_metrics.py)
# the language switcher works for everyone (tests/accounts/test_language.py)
PUBLIC |= {("POST", "/language")}
PUBLIC |= {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics")}


def test_every_route_is_in_the_table(app):
    listed = {(m, rule) for m, rule, *_ in ROUTES} | PUBLIC
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, rule.rule) in listed, f"{method} {rule.rule} is not in the table"


@pytest.fixture
def world(app, make_user, administrations, tmp_path):
    return _build_world(app, make_user, administrations, tmp_path, experts=False)


def _build_world(app, make_user, administrations, folder, experts=True):
    """A pending KR applicant and something of every kind a route names; returns path parameters."""
    from lms_bridge.accounts import operations

    with app.app_context():
        request_id = operations.register("applicant@example.org", "Applicant", PASSWORD,
                                         administrations["KR"]).id
    eligibility = _eligibility_world(app, make_user)
    return {"request_id": request_id, **eligibility, **_people_world(app, make_user, administrations),
            "user_id": eligibility["candidate_id"], **_sync_world(app),
            **_catalog_world(app), **_player_world(app, make_user, folder),
            **(_experts_world(app, make_user, administrations) if experts else {})}


def _experts_world(app, make_user, administrations):
    """The experts world of tests/experts/world.py, its keys named apart from eligibility's."""
    from tests.experts.world import everything

    ids = everything(app, make_user, administrations)
    return {"experts_workshop_id": ids["workshop_id"], "expert_id": ids["expert_id"],
            "accreditation_id": ids["accreditation_id"],
            "pending_application_id": ids["pending_application_id"],
            "mission_id": ids["mission_id"], "assignment_id": ids["assignment_id"],
            "record_id": ids["record_id"]}


def _player_world(app, make_user, tmp_path):
    """A published one-SCO module and an attempt on it by another learner."""
    from lms_bridge.catalog.models import PackageVersion
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    from tests.player.conftest import publish_zip, tiny_package

    version_id = publish_zip(app, tiny_package(tmp_path / "tiny.zip"), "tiny")
    owner = make_user("learner", email="owner@example.org")
    with app.app_context():
        module_id = db.session.get(PackageVersion, version_id).module_id
        attempt = Attempt(user_id=owner, module_id=module_id, package_version_id=version_id,
                          number=1)
        db.session.add(attempt)
        db.session.commit()
        return {"player_slug": "tiny", "attempt_id": attempt.id}


def _eligibility_world(app, make_user):
    """A workshop open for applications and a KR candidate awaiting nomination."""
    from tests.eligibility import world as eligibility

    coordinator = make_user("coordinator", email="table-coordinator@example.org")
    candidate = make_user("learner", country="KR", email="table-candidate@example.org")
    with app.app_context():
        db_module = eligibility.Module(slug="table-module", title="Table module")
        eligibility.db.session.add(db_module)
        eligibility.db.session.commit()
        workshop_id = eligibility.workshop(coordinator, prerequisites=False)
        application_id = eligibility.apply(candidate, workshop_id)
        prerequisite = eligibility.operations.add_prerequisite(
            eligibility.db.session.get(eligibility.User, coordinator), workshop_id,
            eligibility.operations.PrerequisiteSpec("Table", ("table-module",),
                                                    eligibility.CompletionRule.COMPLETED))
    return {"workshop_id": workshop_id, "application_id": application_id, "candidate_id": candidate,
            "prerequisite_id": prerequisite.id}


def _people_world(app, make_user, administrations):
    """A designated national coordinator of KR (besides the table's own KR coordinator)."""
    from datetime import date

    from lms_bridge.accounts.designations.operations import designate

    official = make_user("learner", country="KR", email="designated@example.org")
    with app.app_context():
        return {"designation_id": designate(None, official, administrations["KR"], "WCO/KR/1",
                                            date(2026, 1, 10)).id}


def _sync_world(app):
    """A CSV sync source (uploads only: a run fails fast), a run and a person to link."""
    from lms_bridge.db import db
    from lms_bridge.syncing import operations as sync_ops
    from lms_bridge.syncing.models import RunTrigger, SyncRun, UnmatchedPerson, UnmatchedReason
    from sync.records import SourceKind

    app.config["SYNC_NOW_INLINE"] = True
    with app.app_context():
        source = sync_ops.create_source(None, "Reports", SourceKind.CSV, "")
        run = SyncRun(source_id=source.id, trigger=RunTrigger.CLI)
        person = UnmatchedPerson(source_id=source.id, identity="email:ghost@example.org",
                                 reason=UnmatchedReason.UNMATCHED, email="ghost@example.org")
        db.session.add_all([run, person])
        db.session.commit()
        return {"source_id": source.id, "run_id": run.id, "person_id": person.id}


def _catalog_world(app):
    """A draft version of a module that also has a source in packages/ (for the build route)."""
    import tempfile
    from pathlib import Path

    from lms_bridge.catalog.operations import import_package
    from tests.catalog.packages import write_package

    with tempfile.TemporaryDirectory() as folder, app.app_context():
        package = write_package(Path(folder) / "tiny.zip")
        version = import_package(package, "customs-valuation", None, original_filename="tiny.zip")
        return {"version_id": version.version.id, "slug": "customs-valuation",
                "path": "index.html", "upload_id": _source_upload(version.version.module)}


def _source_upload(module):
    """An uploaded source of ``module`` (its shipped source, kept as is under edition en)."""
    import io

    from werkzeug.datastructures import FileStorage

    from lms_bridge.catalog.sources.operations import upload_source
    from lms_bridge.catalog.sources.queries import shipped_source_zip

    data, name = shipped_source_zip(module)
    upload, _ = upload_source(None, module, FileStorage(io.BytesIO(data), name), "en", None)
    return upload.id


def _actor(app, make_user, role):
    """Create the actor; return (user id or None, an API token or None)."""
    from lms_bridge.accounts.models import ApiToken, User
    from lms_bridge.accounts.operations import _hash_token, create_api_token
    from lms_bridge.db import db, utcnow

    if role == "anonymous":
        return None, None
    if role == "pending":
        user_id = make_user("learner", country="KR", email="pending@example.org", status="pending")
        with app.app_context():  # a token row made directly: the app would never issue one
            db.session.add(ApiToken(user_id=user_id, name="x", prefix="lmsb_pending",
                                    token_hash=_hash_token("lmsb_pending"), expires_at=utcnow().replace(year=2100)))
            db.session.commit()
        return user_id, "lmsb_pending"
    user_id = make_user(role, country="KR", email=f"{role}@example.org")
    with app.app_context():
        plain, _ = create_api_token(db.session.get(User, user_id), "table", 30)
    return user_id, plain


def _own_token_id(app, user_id):
    from sqlalchemy import select

    from lms_bridge.accounts.models import ApiToken
    from lms_bridge.db import db

    with app.app_context():
        return db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user_id)) or 999


def _url(rule, params):
    for name, value in params.items():
        rule = rule.replace(f"<int:{name}>", str(value)).replace(f"<{name}>", str(value))
        rule = rule.replace(f"<path:{name}>", str(value))
    return rule


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _rows(methods):
    rows = [row for row in ROUTES if (row[0] in methods)]
    return pytest.mark.parametrize("method, rule, allowed, ok_status, body, renames",
                                   [(row + ({},))[:6] for row in rows],
                                   ids=[f"{m} {r}" for m, r, *_ in rows])


def _cases(methods, allowed_roles: bool):
    """(role, row) for every role the row allows (``allowed_roles``) or refuses."""
    cases = [(role, *(row + ({},))[:6]) for row in ROUTES if row[0] in methods for role in ROLES
             if (role in row[2]) == allowed_roles]
    return pytest.mark.parametrize("role, method, rule, allowed, ok_status, body, renames", cases,
                                   ids=[f"{c[0]}-{c[1]} {c[2]}" for c in cases])


@_cases(WRITES, allowed_roles=True)
def test_allowed_role_against_write_route(app, client, make_user, administrations, world, role,
                                          method, rule, allowed, ok_status, body, renames):
    """A change that goes through gets a world of its own for every role allowed to make it."""
    if (method, rule) in EXPERT_ROUTES:
        world = {**world, **_experts_world(app, make_user, administrations)}
    user_id, token = _actor(app, make_user, role)
    _check_route(app, client, world, role, user_id, token, method, rule, allowed, ok_status, body,
                 renames)


@pytest.fixture(scope="class")
def shared_world(migrated_engine, database_url, tmp_path_factory):
    """One world and one actor of every role, for a whole class of tests."""
    folder = tmp_path_factory.mktemp("shared-world")
    app = build_app(database_url, folder / "instance")
    try:
        administrations = add_administrations(app)
        make_user = user_maker(app, administrations)
        world = _build_world(app, make_user, administrations, folder)
        actors = {role: _actor(app, make_user, role) for role in ROLES}
        yield app, world, actors
    finally:
        release_app(app, migrated_engine)


@pytest.mark.sqlite_only  # a refusal is decided before any write: the same on either database
class TestRefusedWrites:
    """A refused change changes nothing, so the refusals share one world (building a world is
    most of the table's time); a refusal that went through would fail its own row."""

    @_cases(WRITES, allowed_roles=False)
    def test_refused_role_against_write_route(self, shared_world, role, method, rule, allowed,
                                              ok_status, body, renames):
        app, world, actors = shared_world
        _forget_failed_sign_ins(app)
        user_id, token = actors[role]
        _check_route(app, app.test_client(), world, role, user_id, token, method, rule, allowed,
                     ok_status, body, renames)


class TestReadRoutes:
    """GET routes change nothing a later request sees, so they share one world and one set of
    actors."""

    @pytest.mark.parametrize("role", ROLES)
    @_rows({"GET"})
    def test_role_against_read_route(self, shared_world, role, method, rule, allowed, ok_status,
                                     body, renames):
        app, world, actors = shared_world
        _forget_failed_sign_ins(app)  # the pending actor fails to sign in for every route
        user_id, token = actors[role]
        _check_route(app, app.test_client(), world, role, user_id, token, method, rule, allowed,
                     ok_status, body, renames)


def _forget_failed_sign_ins(app):
    from sqlalchemy import delete

    from lms_bridge.accounts.models import LoginThrottle
    from lms_bridge.db import db

    with app.app_context():
        db.session.execute(delete(LoginThrottle))
        db.session.commit()


def _check_route(app, client, world, role, user_id, token, method, rule, allowed, ok_status, body,
                 renames):
    params = dict(world, token_id=_own_token_id(app, user_id) if user_id else 999)
    params.update({placeholder: world[key] for placeholder, key in renames.items()})
    url = _url(rule, params)
    if rule.startswith("/api/"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.open(url, method=method, headers=headers,
                               json=body if method in {"POST", "PUT", "PATCH"} else None,
                               buffered=True)
        expected = ok_status if role in allowed else (401 if role in {"anonymous", "pending"} else 403)
    else:
        if role in SIGNED_IN:
            assert login(client, f"{role}@example.org").status_code == 302
        elif role == "pending":
            assert login(client, "pending@example.org").status_code == 401
        data = None
        if method == "POST":
            data = dict(body, csrf_token=csrf_token(client, "/login"))
        response = client.open(url, method=method, data=data, buffered=True)
        if role in allowed:
            expected = ok_status
        elif role in {"anonymous", "pending"}:
            expected = 302
            assert response.headers.get("Location", "").startswith("/login"), response.headers
        else:
            expected = 403
    assert response.status_code == expected, (role, method, url, response.get_data(as_text=True)[:300])
