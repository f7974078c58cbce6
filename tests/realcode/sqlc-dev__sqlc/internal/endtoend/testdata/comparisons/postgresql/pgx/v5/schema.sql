-- Comparison Functions and Operators
-- https://www.postgresql.org/docs/current/functions-comparison.html

CREATE TABLE bar (id serial not null);

