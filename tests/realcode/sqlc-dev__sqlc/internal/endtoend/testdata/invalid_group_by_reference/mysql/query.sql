-- name: ListAuthors :many
SELECT   *
FROM     authors
GROUP BY invalid_reference;
