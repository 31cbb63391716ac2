"""A memo's deadline, its overdue mark and its reminder count working days: no weekend, no holiday."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koordinasi.constants import Sifat
from koordinasi.notifications import naskah_reminder_send
from koordinasi.selectors import naskah_inbox
from koordinasi.services import naskah_open, naskah_reply
from portal.holidays.models import HariLibur
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db


def wib(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


FRIDAY_AFTERNOON = wib(2030, 3, 8, 15)  # Saturday the 9th, Sunday the 10th, Monday the 11th
MONDAY = datetime.date(2030, 3, 11)


def overdue_for(user) -> list:
    return [n.pk for n in naskah_inbox(user=user, overdue=True)]


def test_a_memo_sent_on_friday_afternoon_for_one_day_is_due_on_monday_not_saturday(clock, a, b):
    clock.now = FRIDAY_AFTERNOON
    naskah = naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SANGAT_SEGERA)
    assert naskah.due_at == wib(2030, 3, 11, 15)

    clock.now = wib(2030, 3, 9, 16)
    assert not naskah.is_overdue and overdue_for(b) == []

    clock.now = wib(2030, 3, 11, 15, 1)
    assert naskah.is_overdue and overdue_for(b) == [naskah.pk]


def test_a_holiday_is_not_counted_either(clock, a, b):
    HariLibur.objects.create(date=MONDAY, name="Libur uji")
    clock.now = FRIDAY_AFTERNOON
    urgent = naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SANGAT_SEGERA)
    soon = naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SEGERA)
    assert (urgent.due_at, soon.due_at) == (wib(2030, 3, 12, 15), wib(2030, 3, 13, 15))

    clock.now = wib(2030, 3, 11, 16)
    assert overdue_for(b) == []


def test_the_working_days_of_each_sifat_are_a_setting(clock, settings, a, b):
    settings.KOORDINASI_SIFAT_WORKING_DAYS = {Sifat.SEGERA: 3, Sifat.SANGAT_SEGERA: 2}
    clock.now = FRIDAY_AFTERNOON
    assert naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SEGERA).due_at == wib(2030, 3, 13, 15)
    assert naskah_sent(sender=a, to_officers=[b], sifat=Sifat.BIASA).due_at is None


def test_the_compose_page_states_each_sifat_s_working_days_as_the_settings_say(client, settings, a):
    settings.KOORDINASI_SIFAT_WORKING_DAYS = {Sifat.SEGERA: 3, Sifat.SANGAT_SEGERA: 2}
    client.force_login(a)
    page = client.get(reverse("koordinasi:compose")).content.decode()
    assert "Segera: 3 hari kerja; Sangat segera: 2 hari kerja" in page
    assert "jam" not in " ".join(str(label) for _value, label in Sifat.choices)


def test_a_memo_unread_over_a_weekend_and_a_holiday_is_reminded_on_the_next_working_day(clock, a, b):
    HariLibur.objects.create(date=MONDAY, name="Libur uji")
    clock.now = wib(2030, 3, 8, 20)
    naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SANGAT_SEGERA)
    mail.outbox.clear()
    for day in (9, 10, 11):  # Saturday, Sunday, the holiday
        clock.now = wib(2030, 3, day, 10)
        assert naskah_reminder_send() == 0

    clock.now = wib(2030, 3, 12, 7)
    assert naskah_reminder_send() == 1
    assert [m.to for m in mail.outbox] == [[b.email]]


def test_a_memo_stays_late_until_its_agency_answers_it_and_a_copy_is_never_late(clock, client, a, b, b2, c):
    clock.now = FRIDAY_AFTERNOON
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], cc_officers=[c], sifat=Sifat.SANGAT_SEGERA)
    clock.now = wib(2030, 3, 11, 15, 1)  # past its deadline
    naskah_open(naskah=naskah, user=b)
    naskah_open(naskah=naskah, user=c)
    # Read is not answered: the deadline is to answer ("tanggapi sebelum").
    assert overdue_for(b) == overdue_for(b2) == [naskah.pk]
    assert overdue_for(c) == []  # a copy asks for no answer
    # The sender's own follow-up in the thread answers nothing.
    naskah_reply(naskah=naskah, actor=a, isi="Mohon segera ditanggapi.")
    assert overdue_for(b) == [naskah.pk]
    client.force_login(b2)
    inbox = reverse("koordinasi:index")
    assert "Terlambat" in client.get(inbox).content.decode()  # and now kept in the cache
    # A colleague's reply answers it for the whole agency, at once on the kept page too.
    naskah_reply(naskah=naskah, actor=b, isi="Jadwal kami kirim besok pagi.")
    assert overdue_for(b) == overdue_for(b2) == []
    assert "Terlambat" not in client.get(inbox).content.decode()
