"""A multiple choice of rows by id refuses a forged id as a wrong choice, before any query."""

import pytest
from django import forms

from portal.choices import BIGINT_MAX, IdsField
from portal.wilayah.models import Instansi

pytestmark = pytest.mark.django_db


def _field():
    return IdsField(queryset=Instansi.objects.all())


@pytest.mark.parametrize("value", [str(BIGINT_MAX + 1), "99999999999999999999", "-1", "0", "abc", "1.5", "١"])
def test_an_id_no_table_holds_is_a_wrong_choice_and_queries_nothing(django_assert_num_queries, value):
    field = _field()
    with django_assert_num_queries(0), pytest.raises(forms.ValidationError) as refused:
        field.clean([value])
    assert refused.value.code == "invalid_pk_value"


def test_ids_of_existing_rows_are_chosen():
    chosen = list(Instansi.objects.order_by("pk")[:2])
    assert list(_field().clean([str(i.pk) for i in chosen]).order_by("pk")) == chosen


def test_the_largest_id_a_table_holds_is_looked_up_not_refused_early():
    with pytest.raises(forms.ValidationError) as refused:
        _field().clean([str(BIGINT_MAX)])
    assert refused.value.code == "invalid_choice"
