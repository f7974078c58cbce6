-- Orders and line items.

CREATE TABLE orders (
  id serial PRIMARY KEY, -- expect: postgresql/serial
  customer_id bigint NOT NULL REFERENCES customers (id),
  placed_at timestamp NOT NULL DEFAULT now(), -- expect: database-design/timestamp-without-tz
  shipped_at timestamptz, -- near: database-design/timestamp-without-tz
  total_amount double precision NOT NULL, -- expect: database-design/money-float-sql
  discount money, -- expect: postgresql/money-type
  weight_kg real -- near: database-design/money-float-sql
);

CREATE TABLE order_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- near: postgresql/serial
  order_id bigint NOT NULL REFERENCES orders (id),
  unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0), -- near: database-design/money-float-sql
  currency char(3) NOT NULL, -- near: postgresql/money-type
  created_at timestamp with time zone NOT NULL DEFAULT now() -- near: database-design/timestamp-without-tz
);

CREATE INDEX order_items_order_idx ON order_items (order_id); -- near: postgresql/index-not-concurrently
