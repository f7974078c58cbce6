CREATE TABLE bar (
    id INT NOT NULL,
    "!!!nobody,_,-would-believe---this-...?!" INT,
    "parent        id" INT);

