-- One row per product: its category (from the latest purchase) and sales counters.
with ranked as (
    select
        product_id,
        product_category,
        row_number() over (
            partition by product_id order by event_ts desc, event_id desc
        ) as recency
    from {{ ref('stg_purchases') }}
),

totals as (
    select
        product_id,
        min(event_ts) as first_sold_ts,
        max(event_ts) as last_sold_ts,
        {{ whole('count(*)') }} as orders,
        {{ whole('sum(quantity)') }} as units
    from {{ ref('stg_purchases') }}
    group by product_id
)

select
    r.product_id,
    r.product_category,
    t.first_sold_ts,
    t.last_sold_ts,
    t.orders,
    t.units
from ranked r
join totals t on t.product_id = r.product_id
where r.recency = 1
