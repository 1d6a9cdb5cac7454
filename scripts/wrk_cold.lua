-- Cold mode: every request a distinct URL, read from the file named after `--` (one path a
-- line). Each thread starts at its own offset and walks the list; `wrapped` in the report
-- says whether any thread came back to the start (then some URLs were asked for twice).
local paths = {}
local threads = {}
local counter = 0
local offset = 0
local share = 0
local wrapped = 0

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  for line in io.lines(args[1]) do
    table.insert(paths, line)
  end
  -- Threads split the list: past its share a thread would ask for another's URLs.
  share = math.floor(#paths / tonumber(args[2] or "2"))
  offset = share * id
end

request = function()
  counter = counter + 1
  if counter > share then
    wrapped = 1
  end
  return wrk.format("GET", paths[((offset + counter - 1) % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  local any_wrapped = 0
  for _, thread in ipairs(threads) do
    if thread:get("wrapped") == 1 then any_wrapped = 1 end
  end
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "errors": %d, "non_2xx_3xx": %d, "wrapped": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, any_wrapped))
end
