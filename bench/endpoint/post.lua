-- The amount request, identical for every server: endpoint/wrk.ts passes its method, body and
-- headers ("Name: value" lines) in the environment. done() prints one JSON line for the driver.
wrk.method = os.getenv("BENCH_METHOD") or "POST"
wrk.body = os.getenv("BENCH_BODY") or ""
for name, value in string.gmatch(os.getenv("BENCH_HEADERS") or "", "([^:\n]+):%s*([^\n]*)") do
  wrk.headers[name] = value
end
done = function(s, lat)
  io.write(string.format('JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"err_status":%d,"err_read":%d,"err_write":%d,"err_timeout":%d,"err_connect":%d}\n',
    s.requests, s.duration, lat:percentile(50), lat:percentile(99), lat.max, s.errors.status, s.errors.read, s.errors.write, s.errors.timeout, s.errors.connect))
end
