-- wrk script for scripts/load-test.sh: POSTs batches of events to /api/v1/events as JSON Lines,
-- taken in turn from a corpus file of gen_corpus.py, each with an id no request used before so
-- that every event is new to the store (a repeated id would only count as a duplicate).
--
--   wrk -t2 -c2 -d20s -s bench/wrk/ingest.lua http://127.0.0.1:8765 -- TOKEN FILE EVENTS_PER_REQUEST

local token, lines, per_request
local next_line, next_id = 1, 0
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end

function init(args)
  token = args[1]
  per_request = tonumber(args[3]) or 1000
  lines = {}
  for line in io.lines(args[2]) do
    lines[#lines + 1] = line
  end
  -- Threads start at different places of the file and use ids of their own.
  next_line = ((thread_number - 1) * 7919) % #lines + 1
  next_id = thread_number * 1000000000
end

function request()
  local batch = {}
  for i = 1, per_request do
    next_id = next_id + 1
    batch[i] = lines[next_line]:gsub('^{"id":%d+', '{"id":' .. next_id, 1)
    next_line = next_line % #lines + 1
  end
  return wrk.format("POST", "/api/v1/events", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/x-ndjson",
  }, table.concat(batch, "\n") .. "\n")
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("ingest answered " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end
