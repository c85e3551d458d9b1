"""Try a navigation request without keeping its effects: the tracking state, the current and
suspended activity and the global objectives written are put back afterwards."""
from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING

from scorm.sequencing.tracking import GlobalObjective

if TYPE_CHECKING:
    from scorm.sequencing.sequencer import Sequencer


class OverlayStore(MutableMapping[str, GlobalObjective]):
    """Reads fall through to the real store (copied), writes stay here."""

    def __init__(self, base: MutableMapping[str, GlobalObjective]) -> None:
        self.base = base
        self.written: dict[str, GlobalObjective] = {}

    def __getitem__(self, key: str) -> GlobalObjective:
        if key not in self.written:
            self.written[key] = copy.copy(self.base[key])
        return self.written[key]

    def __setitem__(self, key: str, value: GlobalObjective) -> None:
        self.written[key] = value

    def __delitem__(self, key: str) -> None:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(set(self.base) | set(self.written))

    def __len__(self) -> int:
        return len(set(self.base) | set(self.written))

    def __contains__(self, key: object) -> bool:
        return key in self.written or key in self.base


class LookAhead:
    """``with LookAhead(sequencer):`` everything done inside is undone on exit."""

    def __init__(self, sequencer: Sequencer) -> None:
        self.sequencer = sequencer

    def __enter__(self) -> LookAhead:
        ctx = self.sequencer.context
        self._states = {a.identifier: copy.deepcopy(a.state) for a in self.sequencer.tree}
        self._saved = (ctx.current, ctx.suspended, ctx.store, self.sequencer._resumed,
                       ctx.rng.getstate())
        ctx.store = OverlayStore(ctx.store)
        return self

    def __exit__(self, *exc_info: object) -> None:
        ctx = self.sequencer.context
        for activity in self.sequencer.tree:
            activity.state = self._states[activity.identifier]
        (ctx.current, ctx.suspended, ctx.store, self.sequencer._resumed, state) = self._saved
        ctx.rng.setstate(state)
