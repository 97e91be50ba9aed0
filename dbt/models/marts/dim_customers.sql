-- One row per customer: attributes from their latest purchase, lifetime counters.
with ranked as (
    select
        *,
        row_number() over (
            partition by customer_id order by event_ts desc, event_id desc
        ) as recency
    from {{ ref('stg_purchases') }}
),

totals as (
    select
        customer_id,
        min(event_ts) as first_purchase_ts,
        max(event_ts) as last_purchase_ts,
        {{ whole('count(*)') }} as orders,
        {{ whole('sum(quantity)') }} as units
    from {{ ref('stg_purchases') }}
    group by customer_id
)

select
    r.customer_id,
    r.customer_country,
    r.membership,
    t.first_purchase_ts,
    t.last_purchase_ts,
    t.orders,
    t.units
from ranked r
join totals t on t.customer_id = r.customer_id
where r.recency = 1
