-- Rotates through the reader pages given in WRK_PATHS (comma-separated) and reports failures.
-- The report (one JSON line) is wrk_report.lua's; wrk runs from the repository's root.
dofile("scripts/wrk_report.lua")
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "/", "([^,]+)") do
  table.insert(paths, path)
end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
