CREATE TABLE foo (
    description text,
    bar uuid,
    baz uuid not null
);

