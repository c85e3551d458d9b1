/*
 * The commit queue: nothing a learner did is lost to a closed tab or a network blip.
 *
 * - A commit carries the elements changed since the previous one and an increasing sequence
 *   number. It is written to localStorage before it is sent and removed only when the server
 *   acknowledges it; failed sends are retried with exponential backoff, and the next launch
 *   delivers what is left (flushLeftovers). The server ignores a sequence number it has already
 *   applied, so sending twice is harmless.
 * - While the page goes away (unloading), everything pending is handed to the browser with
 *   navigator.sendBeacon, or fetch with keepalive, always under the 64 KiB beacon limit.
 * - Requests are text/plain: simple requests, no CORS preflight from the content origin.
 *
 * ``hooks``: say(text) for the status line; forget(element) when the server refused a value;
 * navigation(navigation, finished) with what a commit reply says about sequencing.
 */
import { word } from "./words.js";

const BEACON_LIMIT = 60000;          // bytes per request, below the 64 KiB keepalive budget
const MAX_BACKOFF_MS = 30000;

/* Fold each pending commit into the next one while the result stays under the beacon limit.
 * Beacons may arrive in any order and the server ignores a commit older than one it applied,
 * so a beacon must carry every change queued before it, not only its own. */
function cumulative(queue) {
  const bodies = [];
  let current = null;
  queue.forEach((body) => {
    if (current) {
      const merged = { token: body.token, seq: body.seq, finish: current.finish || body.finish,
                       changes: Object.assign({}, current.changes, body.changes) };
      if (JSON.stringify(merged).length < BEACON_LIMIT) { current = merged; return; }
      bodies.push(current);
    }
    current = body;
  });
  if (current) { bodies.push(current); }
  return bodies;
}

export class CommitQueue {
  constructor(token, commitUrl, hooks) {
    this.token = token;
    this.commitUrl = commitUrl;
    this.hooks = hooks;
    this.key = "lmsb.pending." + token.slice(-40);
    this.nextSeq = 1;           // the server's next_seq, once the session has started
    this.pending = [];          // the queue when localStorage is unavailable
    this.sending = false;
    this.unloading = false;
    this.backoff = 1000;
    this.retryTimer = null;
  }

  read() {
    try { return JSON.parse(window.localStorage.getItem(this.key) || "[]"); } catch (e) { return []; }
  }

  write(queue) {
    try {
      if (queue.length) { window.localStorage.setItem(this.key, JSON.stringify(queue)); }
      else { window.localStorage.removeItem(this.key); }
    } catch (e) { /* storage full or disabled: the in-flight send still carries the data */ }
  }

  /* Nothing waits for the server. */
  isIdle() { return !this.read().length && !this.sending; }

  /* Cut the changes into commits that each stay under the beacon limit; finish on the last. */
  split(changes, finish) {
    const bodies = [];
    let current = {}, size = 0;
    Object.keys(changes).forEach((key) => {
      const entry = JSON.stringify(key).length + JSON.stringify(changes[key]).length + 2;
      if (size + entry > BEACON_LIMIT - 2000 && Object.keys(current).length) {
        bodies.push(current); current = {}; size = 0;
      }
      current[key] = changes[key]; size += entry;
    });
    bodies.push(current);
    return bodies.map((part, i) => (
      { token: this.token, seq: this.nextSeq++, changes: part, finish: finish && i === bodies.length - 1 }));
  }

  push(changes, finish) {
    const queue = this.read().concat(this.split(changes, finish));
    this.write(queue);
    this.pending = queue;
    if (this.unloading) { this.beaconAll(); } else { this.pump(); }
  }

  scheduleRetry() {
    if (this.retryTimer) { return; }
    this.hooks.say(word("offline"));
    this.retryTimer = window.setTimeout(() => { this.retryTimer = null; this.pump(); }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  /* The connection is back: try now. */
  retryNow() {
    this.backoff = 1000;
    this.pump();
  }

  /* Drop a refused element from the local copy and the pending commit, then try again. */
  dropRefused(body, details) {
    (details || []).forEach((detail) => {
      delete body.changes[detail.field];
      this.hooks.forget(detail.field);
    });
    if (!details || !details.length) { body.changes = {}; }
  }

  send(body) {
    const text = JSON.stringify(body);
    return window.fetch(this.commitUrl, {
      method: "POST", headers: { "Content-Type": "text/plain" }, body: text,
      credentials: "same-origin", keepalive: text.length < BEACON_LIMIT
    });
  }

  pump() {
    if (this.sending) { return; }
    let queue = this.read();
    if (!queue.length) { queue = this.pending; }
    if (!queue.length) { this.hooks.say(word("allSaved")); return; }
    this.sending = true;
    const body = queue[0];
    this.send(body).then((response) => response.json().catch(() => ({})).then((data) => {
      this.sending = false;
      this.answered(body, response, data);
    }), () => {
      this.sending = false;
      this.scheduleRetry();
    });
  }

  answered(body, response, data) {
    if (response.ok) {
      this.backoff = 1000;
      this.acknowledge(body);
      this.pump();
      if (data.navigation) { this.hooks.navigation(data.navigation, body.finish); }
    } else if (response.status === 422) {
      this.dropRefused(body, data.error && data.error.details);
      this.replaceHead(body);
      this.pump();
    } else if (response.status >= 500 || response.status === 429) {
      this.scheduleRetry();
    } else {
      // 403 / 409: this token can no longer store anything; keeping it would block the queue.
      this.acknowledge(body);
      this.hooks.say((data.error && data.error.message) || word("cannotSave"));
      this.pump();
    }
  }

  acknowledge(body) {
    this.pending = this.pending.filter((item) => item.seq !== body.seq);
    this.write(this.read().filter((item) => item.seq !== body.seq));
  }

  replaceHead(body) {
    this.write(this.read().map((item) => (item.seq === body.seq ? body : item)));
  }

  /* While the page goes away: hand every pending commit to the browser to deliver. They stay in
   * localStorage; the next launch sends them again and the server ignores any duplicate. */
  beaconAll() {
    let queue = this.read();
    if (!queue.length) { queue = this.pending; }
    cumulative(queue).forEach((body) => {
      const text = JSON.stringify(body);
      let delivered = false;
      if (navigator.sendBeacon && text.length < BEACON_LIMIT) {
        delivered = navigator.sendBeacon(this.commitUrl, new Blob([text], { type: "text/plain" }));
      }
      if (!delivered) {
        try {
          window.fetch(this.commitUrl, { method: "POST", body: text, keepalive: text.length < BEACON_LIMIT,
            headers: { "Content-Type": "text/plain" }, credentials: "same-origin" });
        } catch (e) { /* the next launch delivers it */ }
      }
    });
  }

  /* Deliver what a previous page of this SCO left behind, in order, before starting. */
  flushLeftovers() {
    const queue = this.read();
    if (!queue.length) { return Promise.resolve(); }
    this.hooks.say(word("savingLeftovers"));
    return queue.reduce((chain, body) => chain.then(() => this.send(body).then((response) => {
      if (response.status !== 422 && response.status < 500) { this.acknowledge(body); }
    }, () => { /* still offline: keep it for later */ })), Promise.resolve());
  }
}
