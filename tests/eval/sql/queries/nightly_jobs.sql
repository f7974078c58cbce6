-- Nightly jobs, run by the scheduler.
BEGIN;

DELETE FROM session_tokens; -- expect: sql/delete-all-rows
DELETE FROM login_attempts WHERE attempted_at < now() - interval '30 days'; -- near: sql/delete-all-rows

UPDATE accounts SET plan = 'free'; -- expect: sql/update-all-rows
UPDATE accounts SET plan = 'free' WHERE plan_expires_at < now(); -- near: sql/update-all-rows

UPDATE invoices -- near: sql/update-all-rows
SET status = 'void'
WHERE issued_at < '2020-01-01';

COMMIT;
