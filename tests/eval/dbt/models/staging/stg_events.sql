{{ config(materialized='incremental', unique_key='event_id') }}  -- expect: dbt/incremental-without-filter

select
    event_id,
    user_id,
    event_type,
    occurred_at
from {{ source('app', 'events') }}
