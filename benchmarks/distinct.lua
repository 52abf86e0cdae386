-- wrk script: every request asks for a different path, each path at most once,
-- so every answer is a first render (a render-cache miss).
--
--   wrk -t2 -c16 -d3s -s benchmarks/distinct.lua http://127.0.0.1:PORT -- PATHS_FILE THREADS
--
-- PATHS_FILE holds one path per line; thread i of THREADS takes lines i,
-- i+THREADS, ...  The script counts the X-Govportal-Cache header of the
-- answers so that the report can show they really were misses.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  local file = assert(io.open(args[1]))
  local stride = tonumber(args[2])
  local n = 0
  for line in file:lines() do
    n = n + 1
    if line ~= "" and (n - id) % stride == 0 then
      table.insert(paths, line)
    end
  end
  file:close()
  position = 0
  hits = 0
  misses = 0
  other = 0
  wrapped = 0
end

function request()
  position = position + 1
  if position > #paths then
    position = 1
    wrapped = wrapped + 1
  end
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  local marker = headers["X-Govportal-Cache"]
  if marker == "hit" then
    hits = hits + 1
  elseif marker == "miss" or marker == "pass" then
    misses = misses + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local h, m, o, w = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    o = o + thread:get("other")
    w = w + thread:get("wrapped")
  end
  io.write(string.format("CACHE hits=%d misses=%d other=%d wrapped=%d\n", h, m, o, w))
end
