-- name: GetAllParties :many
SELECT * FROM party;

-- name: GetAllOrganisations :many
SELECT * FROM organisation;
