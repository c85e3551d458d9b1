"""Deliver the activities of an ADL conformance package to RuntimeSession, in script order.

Each manifest item gives its launch values (data from LMS, completion threshold, passing score,
time limits, shared data maps, objectives); an activity left suspended is resumed on its next
delivery, as ADL's LMS would, and shared data stores persist between activities.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from scorm.conformance.commands import Verdict, decode, read_codebook, run_command
from scorm.conformance.script import known_commands, read_script_bytes
from scorm.runtime import (
    Entry,
    LaunchContext,
    RuntimeSession,
    SessionOutcome,
    SharedDataMap,
    TimeLimitAction,
)

_NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}


def _objective_ids(item) -> list[str]:
    ids = []
    for tag in ("imsss:primaryObjective", "imsss:objective"):
        for objective in item.iterfind(f"imsss:sequencing/imsss:objectives/{tag}", _NS):
            if objective.get("objectiveID"):
                ids.append(objective.get("objectiveID"))
    return ids


def read_launches(zip_path: Path) -> dict[str, dict]:
    """Return, per ``act`` name, what the manifest says the LMS must supply at launch."""
    with zipfile.ZipFile(zip_path) as archive:
        data = archive.read("imsmanifest.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    launches = {}
    for item in root.iterfind(".//cp:item", _NS):
        act = re.search(r"act=([^&#]+)", item.get("parameters") or "")
        if not act:
            continue
        threshold = item.find("adlcp:completionThreshold", _NS)
        primary = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", _NS)
        limits = item.find("imsss:sequencing/imsss:limitConditions", _NS)
        launches[act[1]] = {
            "passing": (
                primary.findtext("imsss:minNormalizedMeasure", "1.0", _NS)
                if primary is not None and primary.get("satisfiedByMeasure") == "true" else None
            ),
            "max_time": limits.get("attemptAbsoluteDurationLimit") if limits is not None else None,
            "launch_data": item.findtext("adlcp:dataFromLMS", namespaces=_NS),
            "time_limit_action": item.findtext("adlcp:timeLimitAction", namespaces=_NS),
            "threshold": (
                threshold.get("minProgressMeasure", "1.0")
                if threshold is not None and threshold.get("completedByMeasure") == "true" else None
            ),
            "maps": [
                (m.get("targetID"), m.get("readSharedData", "true") == "true",
                 m.get("writeSharedData", "true") == "true")
                for m in item.iterfind("adlcp:data/adlcp:map", _NS)
            ],
            "objectives": _objective_ids(item),
        }
    return launches


def launch_context(launch: dict, learner: tuple[str, str], stores: dict[str, str], entry):
    return LaunchContext(
        learner_id=learner[0],
        learner_name=learner[1],
        entry=entry,
        launch_data=launch["launch_data"],
        completion_threshold=float(launch["threshold"]) if launch["threshold"] else None,
        scaled_passing_score=float(launch["passing"]) if launch["passing"] else None,
        max_time_allowed=launch["max_time"],
        time_limit_action=TimeLimitAction(launch["time_limit_action"] or "continue,no message"),
        shared_data=tuple(
            SharedDataMap(target, readable, writable, stores.get(target))
            for target, readable, writable in launch["maps"]
        ),
    )


def _initial_objectives(launch: dict) -> dict[str, str]:
    return {f"cmi.objectives.{i}.id": objective for i, objective in enumerate(launch["objectives"])}


def replay(script: Path, package: Path, codebook: Path, learner: tuple[str, str]) -> list[Verdict]:
    """Deliver each scripted activity in order, run its commands, terminate; return verdicts."""
    table = read_codebook(codebook)
    launches = read_launches(package)
    kept: dict[str, SessionOutcome] = {}
    stores: dict[str, str] = {}
    verdicts = []
    for entry in read_script_bytes(script.read_bytes()).entries:
        if not entry.commands:
            continue  # an asset: no API, nothing to replay
        launch = launches[entry.name]
        previous = kept.get(entry.name)
        resumed = previous is not None and (
            not previous.ends_attempt or previous.nav_request == "suspendAll"
        )
        state = previous.state if resumed else _initial_objectives(launch)
        context = launch_context(
            launch, learner, stores, Entry.RESUME if resumed else Entry.AB_INITIO
        )
        session = RuntimeSession("2004", state, launch=context)
        for raw in known_commands(entry):
            verdicts.append(run_command(session, decode(table, raw, learner)))
        session.terminate()
        kept[entry.name] = session.outcome
        stores.update(session.outcome.shared_data)
    return verdicts
