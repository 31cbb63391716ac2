import datetime

import pytest
from django.utils import timezone

from ktp.constants import Status
from ktp.models import PermohonanKTP
from ktp.services import (
    permohonan_complete,
    permohonan_issue,
    permohonan_ready,
    permohonan_record,
    permohonan_submit,
    permohonan_verify,
)
from portal.accounts.roles import Role
from portal.public.dashboard import dashboard_compute
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def _ready_on(day, *, nik, due, officer):
    """Return an application whose card became ready on `day`, with service level date `due`."""
    warga = UserFactory(role=Role.WARGA)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga, nik=nik), actor=warga)
    p = permohonan_record(permohonan=permohonan_verify(permohonan=p, actor=officer), actor=officer)
    p = permohonan_issue(permohonan=p, actor=officer, blanko_serial=f"B-{nik}")
    p = permohonan_ready(permohonan=p, actor=officer)
    PermohonanKTP.objects.filter(pk=p.pk).update(sla_due=due)
    _dated(p, Status.SIAP_DIAMBIL, day)
    return p


def _dated(permohonan, status, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    permohonan.riwayat_set.filter(to_status=status).update(created_at=moment)


def test_a_card_ready_within_the_service_level_counts_on_time_however_late_it_is_collected():
    today = timezone.localdate()
    due, ready = today + datetime.timedelta(days=10), today + datetime.timedelta(days=8)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    collected = _ready_on(ready, nik="3504025005900001", due=due, officer=officer)
    permohonan_complete(permohonan=collected, actor=officer)
    _dated(collected, Status.SELESAI, due + datetime.timedelta(days=10))
    _ready_on(ready, nik="3504025005900002", due=due, officer=officer)  # still waiting for its citizen

    rows = [
        r
        for r in dashboard_compute(today=due + datetime.timedelta(days=15))
        if r.service == "KTP-el" and r.kecamatan == "Boyolangu"
    ]

    assert sum(r.completed for r in rows) == 2
    assert {r.within_sla_pct for r in rows if r.completed} == {100.0}
    assert sum(r.open for r in rows) == 0 and sum(r.overdue for r in rows) == 0
