import pytest

from koordinasi.demo import SAMPLES, naskah_demo_create
from koordinasi.models import Disposisi, Naskah, TandaBaca
from portal.accounts.demo import DEMO_DOMAIN, demo_accounts_create

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Naskah, Disposisi, TandaBaca)]


def test_demo_memos_cover_every_state_and_are_idempotent():
    demo_accounts_create()
    created = naskah_demo_create()
    first = counts()
    assert naskah_demo_create() == []
    assert counts() == first
    assert len(created) == len(SAMPLES)
    assert Naskah.objects.filter(status="draf").count() == 1
    assert Naskah.objects.filter(balasan_untuk__isnull=False).count() == 1
    assert Naskah.objects.filter(klasifikasi="rahasia").count() == 1
    assert {d.selesai_at is None for d in Disposisi.objects.all()} == {True, False}
    assert Naskah.objects.filter(sifat="sangat_segera", due_at__isnull=False).get().is_overdue
    officers = {n.pengirim.email for n in Naskah.objects.select_related("pengirim")}
    assert officers == {f"pegawai.dpmptsp@{DEMO_DOMAIN}", f"pegawai.umum@{DEMO_DOMAIN}"}
