"""A generated Moodle site whose answers copy the shapes recorded in shared/moodle-ws.

Every answer starts from a deep copy of a recorded response and changes only the values that
depend on the population (ids, names, states, scores, times), so a shape change in the recorded
files shows up here too. :func:`readme_site` reproduces the site described in
shared/moodle-ws/README.md; :func:`generated_site` makes N courses and M learners.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BASE_TIME = 1795339927
SERVICE_USER_ID = 3
PASS_SCORE = 70


@dataclass
class Attempt:
    status: str                   # SCORM 1.2 lesson_status, or 2004 "passed"/"failed"/"completed"/"incomplete"
    score: int | None
    timemodified: int = BASE_TIME


@dataclass
class Enrolment:
    attempts: list[Attempt] = field(default_factory=list)
    page_done: bool = False
    page_overridden: bool = False


@dataclass
class Learner:
    id: int
    username: str
    firstname: str
    lastname: str
    idnumber: str
    lastaccess: int = 0
    lastcourseaccess: int = 0

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"

    @property
    def fullname(self) -> str:
        return f"{self.firstname} {self.lastname}"


@dataclass
class Course:
    id: int
    shortname: str
    fullname: str
    scorm_cmid: int
    scorm_id: int
    sco_id: int
    page_cmid: int
    page_instance: int
    version: str = "SCORM_1.2"


@dataclass
class Site:
    courses: list[Course]
    learners: dict[int, Learner]
    enrolments: dict[tuple[int, int], Enrolment]
    deleted: set[int] = field(default_factory=set)

    def course(self, course_id: int) -> Course | None:
        return next((c for c in self.courses if c.id == course_id), None)

    def enrolled(self, course_id: int) -> list[Learner]:
        return [self.learners[u] for (c, u) in self.enrolments if c == course_id
                and u not in self.deleted]


def readme_site() -> Site:
    names = [("Amina", "Diallo"), ("Ben", "Okafor"), ("Chen", "Li"), ("Dana", "Schmidt"),
             ("Eli", "Novak")]
    learners = {n + 4: Learner(n + 4, f"learner{n + 1}", f, l, f"EMP-{n + 1:03d}")
                for n, (f, l) in enumerate(names)}
    hs = Course(2, "HSCLASS-PRE", "HS Classification pre-learning", 1, 1, 2, 2, 1)
    cv = Course(3, "CUSTVAL-PRE", "Customs Valuation pre-learning", 3, 2, 4, 4, 2, "SCORM_1.3")
    e = Enrolment
    enrolments = {
        (2, 4): e([Attempt("passed", 92)], True), (2, 5): e([Attempt("passed", 78)]),
        (2, 6): e([Attempt("failed", 45), Attempt("passed", 81)], True),
        (2, 7): e([Attempt("incomplete", None, BASE_TIME + 1)]), (2, 8): e(),
        (3, 4): e([Attempt("passed", 88, BASE_TIME + 1)], True),
        (3, 5): e([Attempt("failed", 55, BASE_TIME + 1)]), (3, 6): e([], True),
        (3, 7): e([Attempt("passed", 100, BASE_TIME + 1)], True),
        (3, 8): e([Attempt("incomplete", None, BASE_TIME + 1)], True, True),
    }
    return Site([hs, cv], learners, enrolments)


def generated_site(n_courses: int, n_learners: int) -> Site:
    learners = {100 + n: Learner(100 + n, f"gen{n}", "Gen", f"Learner{n}", f"GEN-{n:04d}")
                for n in range(n_learners)}
    courses, enrolments = [], {}
    outcomes = [[Attempt("passed", 90)], [Attempt("failed", 40)], [], [Attempt("incomplete", None)],
                [Attempt("failed", 50), Attempt("passed", 75)], [Attempt("completed", 85)]]
    for c in range(n_courses):
        cid, base = 10 + c, 100 + 10 * c
        courses.append(Course(cid, f"GEN-{c}", f"Generated course {c}", base, base, base + 1,
                              base + 1, base, "SCORM_1.3" if c % 2 else "SCORM_1.2"))
        for n, learner_id in enumerate(learners):
            enrolments[(cid, learner_id)] = Enrolment(copy.deepcopy(outcomes[(n + c) % 6]),
                                                      page_done=(n % 3 == 0))
    return Site(courses, learners, enrolments)


class Answers:
    """Builds each web service answer for a Site from the recorded samples."""

    def __init__(self, samples: Path, site: Site) -> None:
        self.samples, self.site = samples, site

    def sample(self, name: str) -> Any:
        return copy.deepcopy(json.loads((self.samples / f"{name}.json").read_text()))

    def site_info(self) -> dict:
        return self.sample("core_webservice_get_site_info")

    def courses_by_field(self, shortname: str) -> dict:
        answer = self.sample("core_course_get_courses_by_field")
        template = answer["courses"][0]
        answer["courses"] = [dict(template, id=c.id, shortname=c.shortname, fullname=c.fullname,
                                  displayname=c.fullname)
                             for c in self.site.courses if c.shortname == shortname]
        return answer

    def enrolled_users(self, course: Course) -> list:
        template = self.sample("core_enrol_get_enrolled_users")[0]
        return [dict(copy.deepcopy(template), id=u.id, username=u.username, firstname=u.firstname,
                     lastname=u.lastname, fullname=u.fullname, email=u.email, idnumber=u.idnumber,
                     lastaccess=u.lastaccess, lastcourseaccess=u.lastcourseaccess,
                     enrolledcourses=[{"id": course.id, "fullname": course.fullname,
                                       "shortname": course.shortname}])
                for u in self.site.enrolled(course.id)]

    def grade_items(self, course: Course) -> dict:
        answer = self.sample("gradereport_user_get_grade_items")
        graded, novalue = answer["usergrades"][0], answer["usergrades"][2]
        answer["usergrades"] = []
        for user in self.site.enrolled(course.id):
            raw = grade(self.site.enrolments[(course.id, user.id)])
            entry = copy.deepcopy(graded if raw is not None else novalue)
            entry.update(courseid=course.id, userid=user.id, userfullname=user.fullname,
                         useridnumber=user.idnumber)
            for item in entry["gradeitems"]:
                item["iteminstance"] = course.scorm_id if item["itemtype"] == "mod" else course.id
                item["graderaw"] = raw
                if item["itemtype"] == "mod":
                    item["cmid"] = course.scorm_cmid
            answer["usergrades"].append(entry)
        return answer


def grade(enrolment: Enrolment) -> int | None:
    """Moodle's grade: highest score, 0 for attempts without score, None without attempts."""
    if not enrolment.attempts:
        return None
    return max((a.score or 0) for a in enrolment.attempts)


def best_attempt(enrolment: Enrolment) -> Attempt | None:
    done = [a for a in enrolment.attempts
            if a.status in ("passed", "completed") and (a.score or 0) >= PASS_SCORE]
    return done[-1] if done else None


class ActivityAnswers(Answers):
    """Completion and SCORM answers."""

    def activities(self, course: Course, user_id: int) -> dict:
        answer = self.sample("core_completion_get_activities_completion_status")
        scorm, page = answer["statuses"]
        enrolment = self.site.enrolments[(course.id, user_id)]
        passed = best_attempt(enrolment)
        scorm.update(cmid=course.scorm_cmid, instance=course.scorm_id, state=int(bool(passed)),
                     timecompleted=passed.timemodified if passed else 0,
                     isoverallcomplete=bool(passed))
        for rule in scorm["details"]:
            rule["rulevalue"]["status"] = int(bool(passed))
        page.update(cmid=course.page_cmid, instance=course.page_instance,
                    state=int(enrolment.page_done),
                    timecompleted=BASE_TIME + 36 if enrolment.page_done else 0,
                    overrideby=SERVICE_USER_ID if enrolment.page_overridden else None,
                    isoverallcomplete=enrolment.page_done)
        return answer

    def course_completion(self, course: Course, user_id: int) -> dict:
        answer = self.sample("core_completion_get_course_completion_status")
        states = self.activities(course, user_id)["statuses"]
        block = answer["completionstatus"]
        for criterion, state in zip(block["completions"], states):
            done = state["state"] == 1
            criterion.update(status="Yes" if done else "No", complete=done,
                             timecompleted=state["timecompleted"] if done else None)
        block["completed"] = all(s["state"] == 1 for s in states)
        return answer

    def scorms_by_courses(self, course_ids: list[int]) -> dict:
        answer = self.sample("mod_scorm_get_scorms_by_courses")
        template = answer["scorms"][0]
        answer["scorms"] = [dict(copy.deepcopy(template), id=c.scorm_id, coursemodule=c.scorm_cmid,
                                 course=c.id, version=c.version, launch=c.sco_id)
                            for c in self.site.courses if c.id in course_ids]
        return answer

    def scoes(self, scorm_id: int) -> dict:
        answer = self.sample("mod_scorm_get_scorm_scoes")
        course = next(c for c in self.site.courses if c.scorm_id == scorm_id)
        org, sco = answer["scoes"]
        org.update(id=course.sco_id - 1, scorm=scorm_id)
        sco.update(id=course.sco_id, scorm=scorm_id)
        return answer

    def attempt_count(self, course: Course, user_id: int) -> dict:
        return {"attemptscount": len(self.site.enrolments[(course.id, user_id)].attempts),
                "warnings": []}

    def sco_tracks(self, course: Course, user_id: int, attempt_no: int) -> dict:
        attempts = self.site.enrolments[(course.id, user_id)].attempts
        if not 1 <= attempt_no <= len(attempts):
            return {"data": {"attempt": attempt_no, "tracks": []}, "warnings": []}
        attempt = attempts[attempt_no - 1]
        if course.version == "SCORM_1.2":
            answer = self._tracks_12(attempt)
        else:
            answer = self._tracks_2004(attempt)
        answer["data"]["attempt"] = attempt_no
        tracks = answer["data"]["tracks"]
        _set(tracks, userid=user_id, scoid=str(course.sco_id), timemodified=str(attempt.timemodified))
        return answer

    def _tracks_12(self, attempt: Attempt) -> dict:
        if attempt.score is None:
            answer = self.sample("mod_scorm_get_scorm_sco_tracks__hsclass_learner4_incomplete")
            _set(answer["data"]["tracks"], status=attempt.status,
                 **{"cmi.core.lesson_status": attempt.status})
            return answer
        answer = self.sample("mod_scorm_get_scorm_sco_tracks")
        _set(answer["data"]["tracks"], score_raw=attempt.score, status=attempt.status,
             **{"cmi.core.lesson_status": attempt.status, "cmi.core.score.raw": str(attempt.score)})
        return answer

    def _tracks_2004(self, attempt: Attempt) -> dict:
        answer = self.sample("mod_scorm_get_scorm_sco_tracks__custval_learner4_scorm2004")
        tracks = answer["data"]["tracks"]
        completion = "incomplete" if attempt.status == "incomplete" else "completed"
        success = attempt.status if attempt.status in ("passed", "failed") else "unknown"
        _set(tracks, status=completion, **{"cmi.completion_status": completion,
                                           "cmi.success_status": success})
        if attempt.score is None:
            tracks[:] = [t for t in tracks if "score" not in t["element"]]
        else:
            _set(tracks, score_raw=attempt.score, **{"cmi.score.raw": str(attempt.score),
                                                    "cmi.score.scaled": str(attempt.score / 100)})
        return answer


def _set(tracks: list[dict], **values: Any) -> None:
    for track in tracks:
        if track["element"] in values:
            track["value"] = values[track["element"]]
