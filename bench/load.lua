-- wrk script for bench/load.py. Prints one JSON line of figures when the run ends.
-- With arguments SESSIONS_FILE PATH, every request is a signed-in member's RSVP form POST to
-- PATH: each line of the file is "SESSION_KEY CSRF_SECRET"; each wrk thread takes its own
-- members in turn, and each member answers "going" and "not_going" by turns.

local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

local members = {}
local path = nil
local sent = 0

function init(args)
  if #args < 2 then
    return
  end
  path = args[2]
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % args[3] == thread_index then
      table.insert(members, line)
    end
    line_number = line_number + 1
  end
end

function request()
  if path == nil then
    return wrk.request()
  end
  local member = members[(sent % #members) + 1]
  local answer = (math.floor(sent / #members) % 2 == 0) and "going" or "not_going"
  sent = sent + 1
  local session_key, csrf = member:match("(%S+) (%S+)")
  -- Headers given to wrk.format replace those of the command line (-H): copy those first.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Cookie"] = "sessionid=" .. session_key .. "; csrftoken=" .. csrf
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", path, headers, "answer=" .. answer .. "&csrfmiddlewaretoken=" .. csrf)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'FIGURES {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
