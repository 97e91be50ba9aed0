-- Profitability per product, membership and currency.
select
    product_id,
    product_category,
    membership,
    currency,
    {{ whole('count(*)') }} as orders,
    {{ whole('sum(quantity)') }} as units,
    {{ money('sum(amount)') }} as revenue,
    {{ money('sum(cost)') }} as cost,
    {{ money('sum(margin)') }} as margin
from {{ ref('fct_purchases') }}
group by product_id, product_category, membership, currency
