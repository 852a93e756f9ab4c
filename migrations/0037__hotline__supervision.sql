-- Supervision (统一监管) counts tickets by when they were received (受理时间): the dashboards, the 三率 and the monthly
-- report all filter on a received_at range, so it gets its own index (bench/hotline-dashboard.bench.ts).
CREATE INDEX tickets_received_idx ON tickets (received_at);
