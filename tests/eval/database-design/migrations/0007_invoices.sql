-- Invoices and their lines.

CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total_amount double precision NOT NULL,  -- expect: database-design/money-float-sql
    tax_amount numeric(12, 2) NOT NULL,  -- near: database-design/money-float-sql
    exchange_rate double precision NOT NULL,  -- near: database-design/money-float-sql
    issued_at timestamp NOT NULL DEFAULT now(),  -- expect: database-design/timestamp-without-tz
    paid_at timestamptz,  -- near: database-design/timestamp-without-tz
    due_at timestamp with time zone NOT NULL  -- near: database-design/timestamp-without-tz
);

CREATE TABLE invoice_lines (
    invoice_id bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no integer NOT NULL CHECK (line_no > 0),
    unit_price real NOT NULL,  -- expect: database-design/money-float-sql
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (invoice_id, line_no)
);

CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
