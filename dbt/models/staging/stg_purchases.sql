-- Silver purchases with gold's column names and types; no filtering, so every
-- downstream count reconciles with silver.
select
    {{ as_text('event_id') }} as event_id,
    {{ instant('event_ts') }} as event_ts,
    event_date,
    customer_id,
    customer_country,
    order_country,
    membership,
    product_id,
    product_category,
    currency,
    channel,
    payment_method,
    quantity,
    discount_rate,
    {{ money('unit_price', 12) }} as unit_price,
    {{ money('unit_cost', 12) }} as unit_cost,
    {{ money('amount', 16) }} as amount,
    {{ money('cost', 16) }} as cost,
    {{ money('margin', 16) }} as margin,
    schema_version,
    {{ instant('ingest_ts') }} as ingest_ts
from {{ source('silver', 'purchases') }}
