-- wrk script: each thread owns a slice of the learners and sends them commits round-robin,
-- 15 elements and 4 KB of suspend_data each. Like the browser adapter, a learner never has two
-- commits in flight: a learner is skipped while its last commit is unanswered (else a later
-- commit could overtake an earlier one, which the server then rightly logs as stale).
-- Sequence numbers only have to increase per learner, so they carry the learner's place:
-- seq = (offset + round) * stride + place, and a response's "seq" tells whose commit it
-- answered. run.py passes an offset above every round of its earlier runs.
-- done() prints the commits generated and answered, and per learner its last sequence number
-- ("SEQ <learner line number> <seq>"): wrk drops what is in flight when its time is up, at most
-- one commit per learner, and run.py re-sends that one, as the adapter would.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = io.open(args[1], "r")
  local all = {}
  for line in file:lines() do table.insert(all, line) end
  file:close()
  local nthreads = tonumber(args[2])
  offset = tonumber(args[3] or "0")
  tokens = {}
  seqs = {}
  pending = {}
  rounds = {}
  for i = id, #all, nthreads do
    table.insert(tokens, all[i])
    table.insert(seqs, 0)
    table.insert(pending, false)
    table.insert(rounds, 0)
  end
  stride = #tokens + 1
  cursor = 0
  sent = 0
  answered = 0
  suspend = string.rep("s", 4096)
end

local function next_free_learner()
  -- run.py opens fewer connections than learners, so a free learner always exists
  for _ = 1, #tokens do
    cursor = cursor % #tokens + 1
    if not pending[cursor] then return cursor end
  end
  return cursor % #tokens + 1
end

function request()
  local learner = next_free_learner()
  rounds[learner] = rounds[learner] + 1
  local n = (offset + rounds[learner]) * stride + learner
  seqs[learner], pending[learner] = n, true
  sent = sent + 1
  cursor = learner
  local body = '{"token":"' .. tokens[learner] .. '","seq":' .. n .. ',"finish":false,"changes":{' ..
    '"cmi.core.lesson_location":"page-' .. n .. '","cmi.core.lesson_status":"incomplete",' ..
    '"cmi.core.score.raw":"' .. (n % 100) .. '","cmi.core.score.min":"0","cmi.core.score.max":"100",' ..
    '"cmi.core.session_time":"00:00:0' .. (n % 10) .. '","cmi.core.exit":"suspend",' ..
    '"cmi.comments":"note ' .. n .. '","cmi.student_preference.audio":"1",' ..
    '"cmi.student_preference.language":"en","cmi.student_preference.speed":"0",' ..
    '"cmi.student_preference.text":"0","cmi.objectives.0.id":"obj-1",' ..
    '"cmi.objectives.0.status":"incomplete","cmi.suspend_data":"' .. suspend .. '"}}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 200 then answered = answered + 1 end
  local seq = tonumber(string.match(body, '"seq":%s*(%d+)'))
  if seq then pending[seq % stride] = false end
end

function done(summary, latency, requests)
  local total, ok = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
    ok = ok + thread:get("answered")
    local seqs, id = thread:get("seqs"), thread:get("id")
    for k, seq in ipairs(seqs) do
      io.write(string.format("SEQ %d %d\n", id + (k - 1) * #threads, seq))
    end
  end
  io.write(string.format("SENT %d\nANSWERED %d\nCOMPLETED %d\nERRORS %d\n", total, ok,
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
