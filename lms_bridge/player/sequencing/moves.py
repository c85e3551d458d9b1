"""What a navigation did to a sequenced attempt (a ``Move``), as the player and adapter see it."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class MoveKind(enum.Enum):
    DELIVER = "deliver"    # an activity is delivered: show it
    SUSPEND = "suspend"    # suspend all: leave, the next launch resumes
    END = "end"            # the sequencing session (and the attempt) ended
    STAY = "stay"          # nothing to deliver: the learner chooses what follows
    REFUSED = "refused"    # the request is not allowed now; nothing changed


@dataclass(frozen=True)
class Move:
    kind: MoveKind
    activity: str | None = None
    exception: str | None = None
    resumed: bool = False  # the delivered activity continues its suspended attempt

    def to_json(self) -> dict:
        return {"kind": self.kind.value, "activity": self.activity, "exception": self.exception,
                "resumed": self.resumed}

    @classmethod
    def from_json(cls, data: dict) -> Move:
        if not data:
            return cls(MoveKind.STAY)
        return cls(MoveKind(data["kind"]), data.get("activity"), data.get("exception"),
                   bool(data.get("resumed")))
