-- Request the paths given after "--" in turn, on every connection, and report as report.lua does.
dofile("bench/report.lua")

local paths = {}
local next_path = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
