{{ config(materialized='incremental', unique_key='view_id') }}  -- near: dbt/incremental-without-filter

select
    view_id,
    user_id,
    url,
    viewed_at
from {{ source('app', 'page_views') }}
{% if is_incremental() %}
where viewed_at > (select max(viewed_at) from {{ this }})
{% endif %}
