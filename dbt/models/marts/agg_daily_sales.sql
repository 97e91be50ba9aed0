-- Sales per UTC day and currency (money in different currencies is never added up).
select
    event_date,
    currency,
    {{ whole('count(*)') }} as orders,
    {{ whole('sum(quantity)') }} as units,
    {{ whole('count(distinct customer_id)') }} as customers,
    {{ money('sum(amount)') }} as revenue,
    {{ money('sum(cost)') }} as cost,
    {{ money('sum(margin)') }} as margin
from {{ ref('fct_purchases') }}
group by event_date, currency
