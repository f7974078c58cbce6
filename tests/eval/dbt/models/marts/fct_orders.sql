{{ config(materialized='table') }}

with orders as (
    select order_id, customer_id, amount, created_at
    from {{ ref('stg_orders') }}  -- near: dbt/hardcoded-relation
),

legacy_refunds as (
    select order_id, refunded_amount
    from analytics.stg_refunds  -- expect: dbt/hardcoded-relation
),

customers as (
    select c.customer_id, c.region
    from {{ source('crm', 'customers') }} as c
    join raw.customer_regions as r on r.customer_id = c.customer_id  -- expect: dbt/hardcoded-relation
)

select
    o.order_id,
    o.customer_id,
    c.region,
    o.amount - coalesce(lr.refunded_amount, 0) as net_amount,
    extract(year from o.created_at) as order_year  -- near: dbt/hardcoded-relation
from orders as o
left join legacy_refunds as lr on lr.order_id = o.order_id
left join customers as c on c.customer_id = o.customer_id
-- older versions read from analytics.orders directly  -- near: dbt/hardcoded-relation
