"""What the owner and the officer read: licence names, revision choices, Indonesian number formats."""

import pytest
from django.urls import reverse

from perizinan.models import IndeksLokasi
from perizinan.rules import decimal_id, fee_compute, rupiah
from perizinan.services import revision_choices
from tests.factories.perizinan import jenis

pytestmark = pytest.mark.django_db


def test_the_ho_option_names_its_code_once(client, owner):
    client.force_login(owner)
    page = client.get(reverse("perizinan:start")).content.decode()
    assert "Izin Gangguan (HO)" in page and "(HO) (HO)" not in page
    assert jenis("SIUP").label == "Surat Izin Usaha Perdagangan (SIUP)"


def test_every_revision_checkbox_has_its_own_value():
    values = [name for name, _label in revision_choices()]
    assert len(values) == len(set(values))
    assert "npwp" in values and "dokumen_npwp" in values


def test_numbers_are_written_the_indonesian_way():
    assert decimal_id("1.5") == "1,50" and decimal_id("1234.5") == "1.234,50"
    assert rupiah(180_000) == "Rp180.000"
    assert str(IndeksLokasi.objects.get(name="Jalan lokal")) == "Jalan lokal (1,50)"
    lokasi = IndeksLokasi.objects.get(name="Jalan lokal")
    _amount, text = fee_compute(
        fee_rule="ho_retribusi", jenis="baru", luas=120, lokasi=lokasi, gangguan=lokasi, tarif=1000
    )
    assert "1,50" in text and "1.50" not in text and "Rp1.000" in text


def test_a_revision_of_the_npwp_document_leaves_the_npwp_field_locked(owner, officer):
    from django.core.exceptions import ValidationError

    from perizinan.services import (
        permohonan_izin_document_attach,
        permohonan_izin_revision_request,
        permohonan_izin_submit,
        permohonan_izin_update,
    )
    from tests.factories.perizinan import pdf_upload, permohonan_izin_complete_draft

    p = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    p = permohonan_izin_revision_request(
        permohonan=p, actor=officer, note="NPWP buram", fields=["dokumen_npwp"]
    )
    permohonan_izin_document_attach(permohonan=p, kind="npwp", uploaded_file=pdf_upload())
    with pytest.raises(ValidationError):
        permohonan_izin_update(permohonan=p, data={"npwp": "999999999999999"})
