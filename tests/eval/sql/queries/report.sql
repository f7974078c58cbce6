-- Monthly revenue report and housekeeping queries.

SELECT * FROM orders WHERE created_at >= $1; -- expect: sql/select-star
SELECT id, customer_id, total_cents FROM orders WHERE created_at >= $1; -- near: sql/select-star
SELECT count(*) FROM orders WHERE status = 'paid'; -- near: sql/select-star

SELECT c.id, c.name
FROM customers c
WHERE EXISTS (SELECT * FROM orders o WHERE o.customer_id = c.id); -- near: sql/select-star

SELECT id, email
FROM customers
WHERE id NOT IN (SELECT customer_id FROM orders); -- expect: sql/not-in-subquery

SELECT id, email
FROM customers
WHERE status NOT IN ('banned', 'deleted'); -- near: sql/not-in-subquery

SELECT id FROM users WHERE email LIKE '%@example.com'; -- expect: sql/leading-wildcard
SELECT id FROM users WHERE email LIKE 'ops-%'; -- near: sql/leading-wildcard

SELECT id, title FROM posts ORDER BY id LIMIT 50 OFFSET $2; -- expect: sql/offset-pagination
SELECT id, title FROM posts WHERE id > $2 ORDER BY id LIMIT 50; -- near: sql/offset-pagination

SELECT id FROM products ORDER BY random() LIMIT 5; -- expect: sql/order-by-random
SELECT id FROM products ORDER BY random_rank LIMIT 5; -- near: sql/order-by-random
