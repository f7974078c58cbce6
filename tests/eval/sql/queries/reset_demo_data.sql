-- Reset the demo tenant before each sales demo.
DELETE FROM demo_orders; -- near: sql/delete-all-rows
