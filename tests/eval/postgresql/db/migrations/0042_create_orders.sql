-- Orders and line items.

CREATE TABLE orders (
  id serial PRIMARY KEY, -- expect: postgresql/serial
  customer_id bigint NOT NULL REFERENCES customers (id),
  placed_at timestamp NOT NULL DEFAULT now(), -- expect: postgresql/timestamp-without-tz
  shipped_at timestamptz, -- near: postgresql/timestamp-without-tz
  total_amount double precision NOT NULL, -- expect: postgresql/float-money
  discount money, -- expect: postgresql/money-type
  weight_kg real -- near: postgresql/float-money
);

CREATE TABLE order_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- near: postgresql/serial
  order_id bigint NOT NULL REFERENCES orders (id),
  unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0), -- near: postgresql/float-money
  currency char(3) NOT NULL, -- near: postgresql/money-type
  created_at timestamp with time zone NOT NULL DEFAULT now() -- near: postgresql/timestamp-without-tz
);

CREATE INDEX order_items_order_idx ON order_items (order_id); -- expect: postgresql/index-not-concurrently
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id); -- near: postgresql/index-not-concurrently
