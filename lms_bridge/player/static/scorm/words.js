/*
 * The player's words, in the learner's language. The server writes them into the page as JSON
 * (<script type="application/json" id="player-words">, built with gettext by player/wording.py);
 * on a content origin the bridge page gets the player page's words with the launch. No words
 * live in the scripts themselves: a word that is missing shows nothing rather than English.
 */
let given = null;

function fromPage() {
  const node = document.getElementById("player-words");
  if (!node) { return {}; }
  try {
    const parsed = JSON.parse(node.textContent);
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch (error) {
    return {};
  }
}

/* All the words (for the bridge to pass on). */
export function allWords() {
  if (given === null) { given = fromPage(); }
  return given;
}

/* Use ``words`` (what the player page sent with the launch) instead of this page's. */
export function useWords(words) {
  if (words && typeof words === "object") { given = words; }
}

/* One sentence; ``{name}`` placeholders filled in from ``values`` (as text). */
export function word(key, values) {
  const text = allWords()[key];
  if (typeof text !== "string") { return ""; }
  return text.replace(/\{(\w+)\}/g, (match, name) => (
    values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match));
}

/* A label from one of the tables ("statuses", "progress"); "" when there is none. */
export function label(table, key) {
  const labels = allWords()[table];
  return labels && typeof labels === "object" && typeof labels[key] === "string" ? labels[key] : "";
}
