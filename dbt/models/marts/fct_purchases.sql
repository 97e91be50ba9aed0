-- One row per purchase: the fact table every other mart is derived from.
select
    event_id,
    event_ts,
    event_date,
    customer_id,
    product_id,
    product_category,
    membership,
    customer_country,
    order_country,
    currency,
    channel,
    payment_method,
    quantity,
    discount_rate,
    unit_price,
    unit_cost,
    amount,
    cost,
    margin,
    ingest_ts
from {{ ref('stg_purchases') }}
