{#-
  Fails for every row whose margin exceeds its amount: costs are never negative, so
  margin = amount - cost can never be larger than amount.
-#}
{% test margin_not_above_amount(model, column_name, amount_column='amount') %}
select *
from {{ model }}
where {{ column_name }} > {{ amount_column }}
{% endtest %}
