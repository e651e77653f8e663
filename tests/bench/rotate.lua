-- tests/bench/rotate.lua — wrk script of tests/bench/run's N-member
-- targets (issue 10): every request carries the session cookie of the
-- next member of a list, so a page class is asked for by N distinct
-- members in rotation.  A cache keyed per member then misses as it
-- would with N people on line, and a cache shared across members is
-- measured for what it shares.
--
--   wrk -tT ... -s tests/bench/rotate.lua URL -- SIDFILE T
--
-- SIDFILE: one session id a line (tests/bench/members.mjs); T: wrk's
-- threads (the offsets).  The
-- requests are formatted once per member in init(), so that per
-- request the script costs wrk a table index, not a string build; the
-- -H headers (Host) are kept.  Each thread starts at its own offset in
-- the list, so that the threads do not ask for the same member at once.

local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

function init(args)
	local file = args[1]
	if file == nil then
		error("rotate.lua: a file of session ids is needed (-- SIDFILE)")
	end
	reqs = {}
	for sid in io.lines(file) do
		if sid ~= "" then
			local h = {}
			for k, v in pairs(wrk.headers) do
				h[k] = v
			end
			h["Cookie"] = "sid=" .. sid
			reqs[#reqs + 1] = wrk.format(nil, nil, h)
		end
	end
	if #reqs == 0 then
		error("rotate.lua: no session id in " .. file)
	end
	n = #reqs
	i = (id * math.floor(n / math.max(tonumber(args[2]) or 1, 1))) % n
end

function request()
	i = i % n + 1
	return reqs[i]
end
