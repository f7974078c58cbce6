#legacySQL
SELECT
product,
inventory,
color
FROM
[projectid:test.simple_table1],
[projectid:test.simple_table2]
