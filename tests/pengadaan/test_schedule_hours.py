"""
Stages and the sanggah period count calendar days but end on a working day and in working hours
(the standard bidding document): at the rule's closing hour, whenever the package was announced.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pengadaan.constants import KodeAturan, Tahap
from pengadaan.models import Aturan, Metode
from pengadaan.selectors import sanggah_answer_deadline
from pengadaan.services import jadwal_draw
from portal.holidays.selectors import is_working_day
from tests.factories.pengadaan import bid, decided, evaluated, opened, paket, vendor

pytestmark = pytest.mark.django_db


def test_a_package_announced_on_a_friday_evening_gets_every_stage_ending_at_two_on_a_working_day():
    friday_evening = timezone.make_aware(datetime.datetime(2027, 1, 8, 20, 15, 10))
    rows = jadwal_draw(metode=Metode.objects.get(code="tender"), mulai=friday_evening)
    days = {row.tahap: row.hari for row in Metode.objects.get(code="tender").durasitahap_set.all()}
    for tahap, start, end in rows:
        local = timezone.localtime(end)
        assert (local.hour, local.minute, local.second) == (14, 0, 0), tahap
        assert is_working_day(local.date(), set()) and end >= start + datetime.timedelta(days=days[tahap])


def test_the_closing_hour_is_the_procurement_units_rule():
    Aturan.objects.create(code=KodeAturan.JAM_AKHIR_TAHAP, value=15, valid_from=datetime.date(2026, 1, 1))
    monday = timezone.make_aware(datetime.datetime(2027, 1, 11, 9))
    (_tahap, _start, end), *_rest = jadwal_draw(metode=Metode.objects.get(code="tender"), mulai=monday)
    assert timezone.localtime(end).hour == 15


@pytest.mark.parametrize("hour", [0, 6, 18, 25])
def test_a_closing_hour_outside_working_hours_is_refused(hour):
    with pytest.raises(ValidationError) as refused:
        Aturan(code=KodeAturan.JAM_AKHIR_TAHAP, value=hour, valid_from=datetime.date(2027, 1, 1)).full_clean()
    assert "antara 7 dan 17" in str(refused.value)


def test_the_sanggah_period_and_the_time_to_answer_end_at_the_closing_hour_of_a_working_day():
    tender = paket(now_in=Tahap.PENAWARAN)
    bid(tender, vendor(), 800_000_000)
    penetapan = decided(evaluated(opened(tender)))
    tender.refresh_from_db()
    end = timezone.localtime(tender.sanggah_selesai)
    assert (end.hour, end.minute, end.second) == (14, 0, 0) and is_working_day(end.date(), set())
    assert tender.sanggah_selesai >= penetapan.created_at + datetime.timedelta(days=5)  # 5 calendar days
    answer = timezone.localtime(sanggah_answer_deadline(paket=tender))
    assert (answer.hour, answer.minute) == (14, 0) and is_working_day(answer.date(), set())
    assert answer >= end + datetime.timedelta(days=3)
