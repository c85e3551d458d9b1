/*
 * The SCORM API calls of one SCO session, named as in SCORM 2004 (api-12.js maps the 1.2
 * names onto them): the session state (not initialized -> running -> terminated), the last
 * error and its diagnostic, and the strings every call returns. Data model access goes to the
 * DataModel; committing, and what happens once the SCO terminates, to the ``adapter`` given:
 *   adapter.say(text)                the status line
 *   adapter.commit(finish)           queue the changes (finish: the final commit)
 *   adapter.finishing()              the last moment to add values to the final commit
 *   adapter.terminated(navRequest)   the SCO has ended, having asked for ``navRequest``
 */
import { Failure } from "./errors.js";
import { word } from "./words.js";

export class Session {
  constructor(model, adapter) {
    this.model = model;
    this.adapter = adapter;
    this.status = "not initialized";
    this.lastError = "0";
    this.lastDiagnostic = "";
  }

  get isRunning() { return this.status === "running"; }

  code(kind) { return this.model.rules.errors[kind] || "101"; }

  succeed(result) {
    this.lastError = "0";
    this.lastDiagnostic = "";
    return result;
  }

  failed(kind, detail, result) {
    this.lastError = this.code(kind);
    this.lastDiagnostic = (detail || "").slice(0, 254);
    return result;
  }

  stateFailure(call) {
    if (this.status === "not initialized") { return call + "_before_init"; }
    if (this.status === "terminated") { return call + "_after_terminate"; }
    return null;
  }

  Initialize(param) {
    if (this.status === "running") { return this.failed("already_initialized", "already initialized", "false"); }
    if (this.status === "terminated") { return this.failed("content_terminated", "the session has ended", "false"); }
    if (param !== "") { return this.failed("argument", "Initialize takes an empty string", "false"); }
    this.status = "running";
    this.adapter.say(word("ready"));
    return this.succeed("true");
  }

  GetValue(element) {
    const problem = this.stateFailure("get");
    if (problem) { return this.failed(problem, "GetValue while " + this.status, ""); }
    try {
      return this.succeed(this.model.read(String(element)));
    } catch (e) {
      if (!(e instanceof Failure)) { throw e; }
      if (e.kind === "not_initialized" && this.model.version === "1.2") { return this.succeed(""); }
      return this.failed(e.kind, e.detail, "");
    }
  }

  SetValue(element, value) {
    const problem = this.stateFailure("set");
    if (problem) { return this.failed(problem, "SetValue while " + this.status, "false"); }
    try {
      this.model.write(String(element), String(value));
      return this.succeed("true");
    } catch (e) {
      if (!(e instanceof Failure)) { throw e; }
      return this.failed(e.kind, e.detail, "false");
    }
  }

  Commit(param) {
    const problem = this.stateFailure("commit");
    if (problem) { return this.failed(problem, "Commit while " + this.status, "false"); }
    if (param !== "") { return this.failed("argument", "Commit takes an empty string", "false"); }
    this.adapter.commit(false);
    return this.succeed("true");
  }

  Terminate(param) {
    const problem = this.stateFailure("terminate");
    if (problem) { return this.failed(problem, "Terminate while " + this.status, "false"); }
    if (param !== "") { return this.failed("argument", "Terminate takes an empty string", "false"); }
    this.adapter.finishing();
    const navRequest = this.model.lookup("adl.nav.request");
    this.adapter.commit(true);
    this.status = "terminated";
    this.adapter.terminated(navRequest);
    return this.succeed("true");
  }

  GetLastError() { return this.lastError; }

  GetErrorString(errorCode) { return this.model.rules.error_strings[String(errorCode)] || ""; }

  GetDiagnostic(errorCode) {
    if (errorCode === undefined || String(errorCode) === "" || String(errorCode) === this.lastError) {
      return this.lastDiagnostic || this.GetErrorString(this.lastError);
    }
    return this.GetErrorString(errorCode);
  }
}
