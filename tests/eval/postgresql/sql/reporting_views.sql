-- Reporting helpers for the analytics schema (not a migration).

CREATE INDEX reporting_orders_day_idx ON reporting.orders_daily (day); -- near: postgresql/index-not-concurrently

CREATE VIEW reporting.daily_revenue AS
SELECT date_trunc('day', placed_at) AS day, sum(total_cents) AS revenue_cents
FROM orders
GROUP BY 1;
