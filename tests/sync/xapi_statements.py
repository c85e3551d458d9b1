"""The statements posted to the test LRS, and what the connector must make of them."""
from __future__ import annotations

VERBS = "http://adlnet.gov/expapi/verbs/"
HS = "https://training.example.org/activities/hs-classification"
VAL = "https://training.example.org/activities/customs-valuation"
VOIDED_ID = "6a1c1f5e-3a6e-4d3b-9a57-0c9f1d2b7e11"


def statement(n: int, verb: str, activity: str, result: dict | None = None, **extra) -> dict:
    body = {"id": f"00000000-0000-4000-8000-{n:012d}",
            "actor": {"objectType": "Agent", "mbox": f"mailto:learner{n}@example.com",
                      "name": f"Learner {n}"},
            "verb": {"id": VERBS + verb}, "object": {"objectType": "Activity", "id": activity},
            "timestamp": f"2026-11-20T10:{n:02d}:00+00:00"}
    if result is not None:
        body["result"] = result
    body.update(extra)
    return body


STATEMENTS = [
    *(statement(n, "passed", HS, {"score": {"scaled": 0.8 + n / 100}, "success": True})
      for n in range(1, 7)),
    *(statement(n, "failed", VAL, {"score": {"scaled": 0.4}, "success": False})
      for n in range(7, 10)),
    statement(10, "completed", VAL, {"completion": True}),
    statement(11, "completed", VAL, {"success": True, "score": {"raw": 45, "min": 0, "max": 50}}),
    *(statement(n, "experienced", HS) for n in range(12, 15)),
    statement(15, "passed", "https://training.example.org/activities/not-mapped",
              {"score": {"scaled": 1}}),
    dict(statement(16, "passed", HS, {"score": {"scaled": 0.99}}), id=VOIDED_ID),
    {"id": "00000000-0000-4000-8000-000000000017",
     "actor": {"objectType": "Agent", "mbox": "mailto:admin@example.com"},
     "verb": {"id": VERBS + "voided"},
     "object": {"objectType": "StatementRef", "id": VOIDED_ID},
     "timestamp": "2026-11-20T10:17:00+00:00"},
    statement(18, "completed", HS,
              actor={"objectType": "Agent", "name": "Account Learner",
                     "account": {"homePage": "https://hr.example.org", "name": "EMP-018"}}),
]
ACTIVITY_KEYS = {HS: "HS-PRE", VAL: "VAL-PRE"}
