-- Link order items to products.
SET lock_timeout = '3s';
ALTER TABLE order_items ADD CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id); -- expect: postgresql/fk-not-valid
ALTER TABLE order_items ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID; -- near: postgresql/fk-not-valid
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_order_fk;
