-- Speed up the fulfilment dashboard's status filter.

CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'delivered'; -- expect: postgresql/index-not-concurrently
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id); -- near: postgresql/index-not-concurrently
