/*
 * Value checks for every type name of the rule tables, with the patterns the server sends
 * (rules.patterns: scorm/runtime/lexical.py's PORTABLE_PATTERNS, written so that Python and
 * JavaScript read each one alike). No value pattern is written here: what is left is what a
 * pattern can not say (ranges, vocabularies, language code lists, the length of a month).
 * Response formats (correct_response, learner_response, CMIFeedback) are checked by the server
 * only. tests/browser/test_adapter_rules.py runs one table of values through both sides.
 */

/* Length as Python counts it (code points), so that a limit means the same on both sides. */
export function lengthOf(value, limit) {
  if (value.length <= limit) { return value.length; }   // never more code points than units
  let count = 0;
  for (const _codePoint of value) { count += 1; }
  return count;
}

function compile(patterns) {
  const compiled = {};
  Object.keys(patterns).forEach((name) => { compiled[name] = new RegExp(patterns[name], "u"); });
  return compiled;
}

function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/* Return checkValue(value, rule) for these rules: the failure kind of a bad value, or null. */
export function valueChecker(rules) {
  const patterns = compile(rules.patterns);
  const languages = rules.languages || { iso_639_1: [], iso_639_2: [] };
  const iso6391 = new Set(languages.iso_639_1);
  const iso6392 = new Set(languages.iso_639_2);
  const navRequests = new Set(rules.nav_requests || []);

  function isLanguage(value) {
    const match = patterns.language.exec(value);
    if (!match) { return false; }
    const primary = match[1].toLowerCase();
    if (primary === "i" || primary === "x") { return match[2] !== undefined; }
    if (primary.length === 2) { return iso6391.has(primary); }
    if (primary.length === 3) { return iso6392.has(primary) || (primary >= "qaa" && primary <= "qtz"); }
    return false;
  }

  function isLocalized(value) {
    if (!value.startsWith("{lang=")) { return true; }
    const end = value.indexOf("}");
    return end >= 0 && isLanguage(value.slice(6, end));
  }

  function isTimestamp(value) {
    const match = patterns.timestamp.exec(value);
    // the pattern bounds every field but the day, whose limit depends on the month and year
    return Boolean(match) && (match[3] === undefined || +match[3] <= daysInMonth(+match[1], +match[2]));
  }

  function checkNumber(value, rule, pattern) {
    if (rule.empty_ok && value === "") { return null; }
    if (!pattern.test(value)) { return "type_mismatch"; }
    const number = parseFloat(value);
    if ((rule.minimum !== undefined && number < rule.minimum) ||
        (rule.maximum !== undefined && number > rule.maximum)) { return "out_of_range"; }
    return null;
  }

  const unless = (condition) => (condition ? null : "type_mismatch");
  const withinSpm = (value, spm) => lengthOf(value, spm) <= spm;

  const checkers = {
    // SCORM 1.2
    CMIString255: (v, r) => unless(r.spm === undefined || withinSpm(v, r.spm)),
    CMIString4096: (v, r) => unless(r.spm === undefined || withinSpm(v, r.spm)),
    CMIIdentifier: (v, r) => unless(withinSpm(v, r.spm || 255) && patterns.cmi_identifier.test(v)),
    CMIDecimal: (v, r) => checkNumber(v, r, patterns.decimal),
    CMISInteger: (v, r) => checkNumber(v, r, patterns.integer),
    CMITimespan: (v) => unless(patterns.timespan.test(v)),
    CMITime: (v) => unless(patterns.time_of_day.test(v)),
    CMIVocabulary: (v, r) => unless(r.vocab.includes(v)),
    CMIResult: (v, r) => unless(r.vocab.includes(v) || patterns.decimal.test(v)),
    // SCORM 2004
    localized_string: (v) => unless(isLocalized(v)),
    language: (v, r) => unless((r.empty_ok && v === "") || isLanguage(v)),
    long_identifier: (v) => unless(patterns.long_identifier.test(v)),
    "real(10,7)": (v, r) => checkNumber(v, r, patterns.decimal),
    time: (v) => unless(isTimestamp(v)),
    time_interval: (v) => unless(patterns.duration.test(v)),
    state: (v, r) => unless(r.vocab.includes(v)),
    interaction_result: (v, r) => unless(r.vocab.includes(v) || patterns.decimal.test(v)),
    nav_request: (v) => unless(navRequests.has(v) || patterns.targeted_nav_request.test(v)),
  };

  function checkValue(value, rule) {
    if (lengthOf(value, rules.max_stored_length) > rules.max_stored_length) { return "type_mismatch"; }
    const check = checkers[rule.type];
    return check ? check(value, rule) : null;   // characterstring and the response formats
  }

  return { checkValue, patterns };
}
