/*
 * A data model access that fails. ``kind`` is a failure kind of scorm.runtime.codes.Failure
 * ("type_mismatch", "read_only"...): the rules' "errors" map turns it into the version's SCORM
 * error code. ``detail`` is the diagnostic GetDiagnostic returns.
 */
export class Failure extends Error {
  constructor(kind, detail) {
    super(detail);
    this.kind = kind;
    this.detail = detail;
  }
}

export function fail(kind, detail) {
  throw new Failure(kind, detail);
}
