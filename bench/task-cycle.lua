-- wrk script for `npm run bench:tasks -- --generator wrk`: each connection loops through
-- create → get → update (If-Match) → complete (If-Match) → delete, as the Node generator's
-- clients do. wrk gives a thread no way to tell its connections apart, so the bench runs one
-- connection per thread (-t N -c N) and the cycle's state is the thread's.
--
-- Environment: TOKENS_FILE (one access token per line: thread i uses line i), THINK_MS (each
-- operation is followed by a pause of 0.5–1.5 × THINK_MS; 0 for a closed loop), RESULT_FILE
-- (where done() writes its figures as JSON).

local tokens = {}
local threads = {}
local counter = 0

function setup(thread)
  if #tokens == 0 then
    for line in io.lines(os.getenv("TOKENS_FILE")) do
      tokens[#tokens + 1] = line
    end
  end
  counter = counter + 1
  thread:set("token", tokens[(counter - 1) % #tokens + 1])
  table.insert(threads, thread)
end

local step, id, version, think = 0, nil, nil, 0
errors, operations = 0, 0

function init(args)
  think = tonumber(os.getenv("THINK_MS") or "0")
  math.randomseed(os.time() + counter)
end

local function headers(extra)
  local h = { ["authorization"] = "Bearer " .. token, ["content-type"] = "application/json" }
  if extra then h["if-match"] = '"' .. extra .. '"' end
  return h
end

function request()
  if step == 0 then
    return wrk.format("POST", "/api/tasks", headers(), '{"title":"Benchmark task","priority":"medium"}')
  elseif step == 1 then
    return wrk.format("GET", "/api/tasks/" .. id, headers())
  elseif step == 2 then
    return wrk.format("PATCH", "/api/tasks/" .. id, headers(version), '{"title":"Benchmark task, edited"}')
  elseif step == 3 then
    return wrk.format("POST", "/api/tasks/" .. id .. "/complete", headers(version))
  else
    return wrk.format("DELETE", "/api/tasks/" .. id, headers())
  end
end

function delay()
  if think > 0 then return math.floor(think * (0.5 + math.random())) end
  return 0
end

function response(status, _, body)
  operations = operations + 1
  if status >= 300 then
    -- A failed step ends the cycle: the next request starts a new one.
    errors = errors + 1
    step = 0
    return
  end
  if step == 0 then
    id = body:match('"id":"([^"]+)"')
  end
  if step == 0 or step == 2 then
    version = body:match('"version":(%d+)')
  end
  step = (step + 1) % 5
end

function done(summary, latency, _)
  local errs = 0
  local ops = 0
  for _, thread in ipairs(threads) do
    errs = errs + thread:get("errors")
    ops = ops + thread:get("operations")
  end
  local f = io.open(os.getenv("RESULT_FILE"), "w")
  f:write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d,"errors":%d,"socketErrors":%d}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errs, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  f:close()
end
