/*
 * The adapter's local copy of one SCO's data model: launch values (read-only for the SCO), the
 * stored values, the record counts of the collections. GetValue and SetValue are answered from
 * here, synchronously, with the rules scorm.runtime exports (the same tables the server
 * re-checks every commit with), in the order scorm/runtime/datamodel.py and writing.py check.
 */
import { fail } from "./errors.js";
import { valueChecker } from "./datatypes.js";

const NAV_VALID = "adl.nav.request_valid.";

function isIndex(segment) {
  return segment !== "" && Array.prototype.every.call(segment, (c) => c >= "0" && c <= "9");
}

export class DataModel {
  /* ``start`` is the reply of /player/runtime/start. */
  constructor(start) {
    this.version = start.version;       // "1.2" or "2004"
    this.rules = start.rules;           // scorm.runtime.export_rules(version)
    this.base = start.base;             // launch values
    this.store = start.state;           // what the server stores for this SCO
    this.sharedAccess = start.shared_data || [];   // per adl.data.n: {readable, writable}
    this.counts = {};                   // collection prefix -> _count
    this.dirty = {};                    // elements set since the last commit
    this.navValid = {};                 // adl.nav.request_valid answers from the server
    const checker = valueChecker(this.rules);
    this.checkValue = checker.checkValue;
    this.patterns = checker.patterns;
    Object.keys(this.base).concat(Object.keys(this.store)).forEach((key) => this.noteKey(key));
  }

  /* Split "cmi.objectives.2.score.raw" into its rule pattern "cmi.objectives.n.score.raw" and
   * the collection levels it crosses: [{pattern, prefix, index}]. */
  resolve(element) {
    const parts = element.split(".");
    const pattern = [], concrete = [], levels = [];
    parts.forEach((part) => {
      const joined = pattern.join(".");
      if (this.rules.collections[joined] && isIndex(part)) {
        levels.push({ pattern: joined, prefix: concrete.join("."), index: parseInt(part, 10) });
        pattern.push("n");
      } else {
        pattern.push(part);
      }
      concrete.push(part);
    });
    return { pattern: pattern.join("."), levels, last: parts[parts.length - 1] };
  }

  noteKey(key) {
    this.resolve(key).levels.forEach((level) => {
      this.counts[level.prefix] = Math.max(this.counts[level.prefix] || 0, level.index + 1);
    });
  }

  lookup(element) {
    if (Object.prototype.hasOwnProperty.call(this.store, element)) { return this.store[element]; }
    if (Object.prototype.hasOwnProperty.call(this.base, element)) { return this.base[element]; }
    return undefined;
  }

  /* Store a value the adapter itself decides (the learner's exit or navigation request). */
  set(element, value) {
    this.store[element] = value;
    this.dirty[element] = true;
  }

  /* A value the server refused: the local copy forgets it too. */
  forget(element) { delete this.store[element]; }

  hasChanges() { return Object.keys(this.dirty).length > 0; }

  /* The elements set since the last call, with their values. */
  takeChanges() {
    const changes = {};
    Object.keys(this.dirty).forEach((key) => { changes[key] = this.store[key]; });
    this.dirty = {};
    return changes;
  }

  isKnownPrefix(pattern) {
    const rules = this.rules;
    if (rules.collections[pattern] || rules.containers[pattern] || pattern === "cmi") { return true; }
    return Object.keys(rules.elements).some((p) => p.startsWith(pattern + "."));
  }

  keywordValue(element, path) {
    const rules = this.rules;
    const parent = path.pattern.slice(0, path.pattern.length - path.last.length - 1);
    if (path.last === "_version") {
      if (parent !== "cmi") { fail("undefined", element + " is not defined"); }
      return rules.data_model_version;
    }
    if (path.last === "_children") {
      const collection = rules.collections[parent];
      if (rules.containers[parent]) { return rules.containers[parent].join(","); }
      if (collection && collection.children) { return collection.children.join(","); }
      fail(this.isKnownPrefix(parent) ? "no_children" : "undefined", parent + " has no children");
    }
    if (rules.collections[parent]) {
      return String(this.counts[element.slice(0, element.length - "._count".length)] || 0);
    }
    return fail(this.isKnownPrefix(parent) ? "no_count" : "undefined", parent + " is not a collection");
  }

  /* 2004 RTE 4.2.4.1 / 4.2.22.1: thresholds given at launch decide the reported status. */
  evaluated(element, value) {
    const base = this.base;
    if (element === "cmi.completion_status" && base["cmi.completion_threshold"] !== undefined) {
      const progress = this.lookup("cmi.progress_measure");
      if (progress === undefined) { return "unknown"; }
      return parseFloat(progress) >= parseFloat(base["cmi.completion_threshold"]) ? "completed" : "incomplete";
    }
    if (element === "cmi.success_status" && base["cmi.scaled_passing_score"] !== undefined) {
      const scaled = this.lookup("cmi.score.scaled");
      if (scaled === undefined) { return "unknown"; }
      return parseFloat(scaled) >= parseFloat(base["cmi.scaled_passing_score"]) ? "passed" : "failed";
    }
    return value;
  }

  /* GetValue: the value, or a Failure thrown. */
  read(element) {
    if (element === "") { fail("get_failure", "an element name is required"); }
    if (element.startsWith(NAV_VALID)) {
      return this.navValid[element.slice(NAV_VALID.length)] || this.lookup(element) || "unknown";
    }
    const path = this.resolve(element);
    if (path.last.charAt(0) === "_") { return this.keywordValue(element, path); }
    const rule = this.rules.elements[path.pattern];
    if (!rule) { fail("undefined", element + " is not an element of the data model"); }
    if (rule.access === "wo") { fail("write_only", element + " is write-only"); }
    path.levels.forEach((level) => {
      if (level.index >= (this.counts[level.prefix] || 0)) {
        fail("get_failure", level.prefix + "." + level.index + " does not exist");
      }
    });
    this.checkSharedAccess(element, path, false);
    let value = this.lookup(element);
    // as on the server: a store set to "" reads as not initialized (ADL's DMI test)
    if (value === "" && path.pattern === "adl.data.n.store") { value = undefined; }
    if (value === undefined) { value = rule["default"]; }
    value = this.evaluated(element, value);
    if (value === undefined) { fail("not_initialized", element + " has no value yet"); }
    return value;
  }

  interactionType(path, element) {
    if (!path.pattern.startsWith("cmi.interactions.n.")) { return undefined; }
    return this.lookup("cmi.interactions." + element.split(".")[2] + ".type");
  }

  checkPositions(path) {
    path.levels.forEach((level) => {
      const count = this.counts[level.prefix] || 0;
      const collection = this.rules.collections[level.pattern];
      if (level.index > count) { fail("set_failure", "index " + level.index + " skips records"); }
      if (level.index === count && level.index >= this.rules.max_records) { fail("set_failure", level.prefix + " holds at most " + this.rules.max_records + " records"); }
      if (level.index === count && collection.key) {
        const keyRule = this.rules.elements[level.pattern + ".n." + collection.key];
        if (keyRule && keyRule.access === "ro") { fail("set_failure", level.prefix + "." + level.index + " does not exist"); }
        const remainder = path.pattern.slice(level.pattern.length + 3);
        if (this.version === "2004" && remainder !== collection.key) {
          fail("dependency", level.prefix + "." + level.index + "." + collection.key + " must be set first");
        }
      }
    });
  }

  checkKey(element, path, value, type) {
    const level = path.levels[path.levels.length - 1];
    if (!level) { return; }
    const collection = this.rules.collections[level.pattern];
    if (path.pattern.slice(level.pattern.length + 3) !== collection.key) { return; }
    const current = this.lookup(element);
    if (collection.write_once_key && current !== undefined && current !== value) {
      fail("set_failure", "the id is already " + current);
    }
    const unique = collection.unique_key || (collection.unique_by_type || []).includes(type || "");
    if (!unique) { return; }
    for (let other = 0; other < (this.counts[level.prefix] || 0); other++) {
      if (other !== level.index && this.lookup(level.prefix + "." + other + "." + collection.key) === value) {
        fail("set_failure", level.prefix + "." + other + " already has that id");
      }
    }
  }

  /* A shared data store is read and written as its map allows (the server checks it again). */
  checkSharedAccess(element, path, writing) {
    if (path.pattern !== "adl.data.n.store") { return; }
    const access = this.sharedAccess[path.levels[0].index];
    if (!access) { return; }
    if (writing && !access.writable) { fail("read_only", element + ": the store is read-only"); }
    if (!writing && !access.readable) { fail("write_only", element + ": the store is write-only"); }
  }

  checkInteraction(path, type) {
    const isResponse = path.pattern.endsWith(".correct_responses.n.pattern") ||
      path.pattern.endsWith(".learner_response");
    if (this.version === "2004" && type === undefined && path.pattern.startsWith("cmi.interactions.n.") &&
        isResponse) {
      fail("dependency", "the interaction type must be set first");
    }
    const last = path.levels[path.levels.length - 1];
    const limits = last && this.rules.collections[last.pattern].limit_by_type;
    if (limits && limits[type || ""] !== undefined && last.index >= limits[type || ""]) {
      fail("set_failure", "too many correct responses for a " + type + " interaction");
    }
  }

  /* SetValue: store the value, or throw a Failure. */
  write(element, value) {
    if (element === "") { fail("set_failure", "an element name is required"); }
    if (element.startsWith(NAV_VALID)) { fail("read_only", "navigation validity is read-only"); }
    const path = this.resolve(element);
    if (path.last.charAt(0) === "_") {
      const parent = path.pattern.slice(0, path.pattern.length - path.last.length - 1);
      fail(this.isKnownPrefix(parent) ? "keyword_write" : "undefined", "keywords cannot be set");
    }
    const rule = this.rules.elements[path.pattern];
    if (!rule) { fail("undefined", element + " is not an element of the data model"); }
    if (rule.access === "ro") { fail("read_only", element + " is read-only"); }
    this.checkPositions(path);
    this.checkSharedAccess(element, path, true);
    const type = this.interactionType(path, element);
    this.checkInteraction(path, type);
    const failure = this.checkValue(value, rule);
    if (failure) { fail(failure, JSON.stringify(value.slice(0, 60)) + " is not a valid " + rule.type); }
    this.checkKey(element, path, value, type);
    this.set(element, value);
    this.noteKey(element);
  }
}
