CREATE TABLE foo (
    id         uuid NOT NULL,
    other_id   uuid NOT NULL,
    age        integer,
    balance    double precision,
    bio        text,
    about      text
);

CREATE TABLE bar (
    id         uuid NOT NULL,
    other_id   uuid NOT NULL,
    more_id    uuid NOT NULL,
    age        integer,
    balance    double precision,
    bio        text,
    about      text
);
