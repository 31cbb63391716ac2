"""Required documents follow the form of business: a UD (perorangan) is never asked for a deed."""

import pytest
from django.urls import reverse

from perizinan.constants import Dokumen
from perizinan.models import DokumenBentukUsaha
from perizinan.services import permohonan_izin_problems
from tests.factories.perizinan import jenis, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def test_a_ud_applying_for_a_siup_is_not_asked_for_a_deed(client, owner):
    draft = permohonan_izin_complete_draft(
        applicant=owner, code="SIUP", bentuk="perorangan", nama_usaha="UD Makmur"
    )
    assert Dokumen.AKTA not in jenis("SIUP").documents_for("baru", "perorangan")
    assert (
        not draft.dokumen_set.filter(kind="akta").exists()
        and permohonan_izin_problems(permohonan=draft) == {}
    )
    client.force_login(owner)
    page = client.get(reverse("perizinan:dokumen", args=[draft.pk])).content.decode()
    assert "Akta pendirian" not in page


def test_a_pt_adds_its_approval_and_a_cv_gives_the_deed():
    assert Dokumen.SK_PENGESAHAN in jenis("SIUP").documents_for("baru", "pt")
    assert Dokumen.AKTA in jenis("TDP").documents_for("baru", "cv")


def test_the_rules_are_data_the_office_can_change(owner):
    DokumenBentukUsaha.objects.filter(jenis_izin__code="SIUP", bentuk="perorangan").update(
        documents_new=["ktp", "npwp"]
    )
    assert jenis("SIUP").documents_for("baru", "perorangan") == [Dokumen.KTP, Dokumen.NPWP]


def test_the_service_standard_says_what_a_ud_gives(client):
    page = client.get(reverse("perizinan:index")).content.decode()
    assert "Untuk Perorangan/Usaha Dagang (UD)" in page
