-- The same request for every server; prints one JSON line for the driver.
wrk.method = "POST"
wrk.body   = '{"rule":"skim","vars":{"pct":15}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-sequence-signature"] = "Bearer " .. (os.getenv("AMOUNT_TOKEN") or "tok-0123456789abcdef0123456789abcdef")
done = function(s, lat)
  io.write(string.format('JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"err_status":%d,"err_read":%d,"err_timeout":%d,"err_connect":%d}\n',
    s.requests, s.duration, lat:percentile(50), lat:percentile(99), lat.max, s.errors.status, s.errors.read, s.errors.timeout, s.errors.connect))
end
