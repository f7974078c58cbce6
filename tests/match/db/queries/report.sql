SELECT c.id, c.name, sum(o.amount_cents) AS total_cents
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.created_at >= now() - interval '30 days'
GROUP BY c.id, c.name
ORDER BY total_cents DESC
LIMIT 50;
