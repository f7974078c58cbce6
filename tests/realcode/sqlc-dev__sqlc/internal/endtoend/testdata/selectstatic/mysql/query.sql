-- name: SelectStatic :one
SELECT 'a', 'b' AS b, 1 AS num, true AS truefield, 1.0 AS floater
