"""Turn the manifest reader's parse notes into findings."""
from __future__ import annotations

from scorm.manifest.notes import NoteKind, ParseNote
from scorm.validate.findings import Finding, FindingCode, Location, Severity

_RULES: dict[NoteKind, tuple[FindingCode, Severity, str]] = {
    NoteKind.VERSION_INFERRED: (
        FindingCode.VERSION_INFERRED, Severity.WARNING,
        "Add <metadata><schema>ADL SCORM</schema><schemaversion>…</schemaversion></metadata> "
        "naming the SCORM version (1.2, or 2004 3rd/4th Edition) the package was written for."),
    NoteKind.NAMESPACE_NONSTANDARD: (
        FindingCode.NAMESPACE_NONSTANDARD, Severity.WARNING,
        "Use the namespace URI given by the SCORM book for this version (for example "
        "http://www.adlnet.org/xsd/adlcp_v1p3 for SCORM 2004)."),
    NoteKind.ELEMENT_VERSION_MISMATCH: (
        FindingCode.ELEMENT_VERSION_MISMATCH, Severity.WARNING,
        "Use the element as the declared SCORM version spells it, or correct the declared "
        "version; an LMS following the other version may ignore it."),
    NoteKind.VALUE_INVALID: (
        FindingCode.VALUE_INVALID, Severity.WARNING,
        "Correct the value to one the SCORM book allows; the default was used instead."),
    NoteKind.SEQUENCING_VALUE_INVALID: (
        FindingCode.SEQUENCING_VALUE_INVALID, Severity.ERROR,
        "Correct the sequencing value: a sequencer cannot run a rule it cannot read, and "
        "learners' progress would be judged wrongly."),
    NoteKind.IDENTIFIER_MISSING: (
        FindingCode.IDENTIFIER_MISSING, Severity.ERROR,
        "Give the element a unique identifier attribute: learner records are keyed by it."),
    NoteKind.TITLE_MISSING: (
        FindingCode.TITLE_MISSING, Severity.WARNING,
        "Add a <title> so learners see a meaningful name in the table of contents."),
    NoteKind.SCORMTYPE_MISSING: (
        FindingCode.RESOURCE_SCORMTYPE_MISSING, Severity.WARNING,
        "Add adlcp:scormType=\"sco\" if the resource talks to the LMS API, \"asset\" if not; "
        "it was treated as an asset, so nothing it reports will be recorded."),
}


def findings_from_notes(notes: tuple[ParseNote, ...]) -> list[Finding]:
    """One finding per note, with the severity and hint of its kind."""
    findings = []
    for note in notes:
        code, severity, hint = _RULES[note.kind]
        findings.append(Finding(code, severity, note.detail, hint, Location.of(note.source)))
    return findings
