"""The business address step: the desa chosen in two steps without JavaScript, kecamatan first."""

import re

import pytest
from django.urls import reverse

from perizinan.forms import AlamatForm
from perizinan.services import permohonan_izin_draft_create
from portal.wilayah.forms import CHOOSE_KECAMATAN
from portal.wilayah.models import Desa
from tests.factories.perizinan import jenis, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, owner):
    client.force_login(owner)
    return owner


def _url(permohonan):
    return reverse("perizinan:step", args=[permohonan.pk, "alamat"])


def _desa_pks(html):
    select = re.search(r'<select name="desa_id".*?</select>', html, re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def _desa_of(code):
    return set(Desa.objects.filter(kecamatan__code=code).values_list("pk", flat=True))


def test_every_field_explains_itself(logged_in):
    form = AlamatForm(instance=permohonan_izin_complete_draft(applicant=logged_in))
    assert all(str(field.help_text).strip() for field in form.fields.values())


def test_the_saved_address_lists_its_kecamatan_desa(client, logged_in):
    permohonan = permohonan_izin_complete_draft(applicant=logged_in)
    html = client.get(_url(permohonan)).content.decode()
    assert _desa_pks(html) == _desa_of("35.04.02")
    assert f'<option value="{permohonan.desa_id}" selected>' in html


def test_kecamatan_first_then_its_desa_then_saved(client, logged_in):
    permohonan = permohonan_izin_draft_create(applicant=logged_in, jenis_izin=jenis("SIUP"), jenis="baru")
    desa = Desa.objects.filter(kecamatan__code="35.04.03").first()
    typed = {"alamat_usaha": "Jl. Raya Kedungwaru 5", "desa_kecamatan": desa.kecamatan_id}
    response = client.post(_url(permohonan), typed | {CHOOSE_KECAMATAN: "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Jl. Raya Kedungwaru 5"' in html and "invalid-feedback" not in html
    assert _desa_pks(html) == _desa_of("35.04.03")
    permohonan.refresh_from_db()
    assert permohonan.alamat_usaha == "" and permohonan.desa is None
    assert client.post(_url(permohonan), typed | {"desa_id": desa.pk}).status_code == 302
    permohonan.refresh_from_db()
    assert permohonan.desa == desa and permohonan.alamat_usaha == "Jl. Raya Kedungwaru 5"


def test_a_desa_of_another_kecamatan_is_refused(client, logged_in):
    permohonan = permohonan_izin_complete_draft(applicant=logged_in)
    before = permohonan.desa_id
    elsewhere = Desa.objects.filter(kecamatan__code="35.04.03").first()
    data = {
        "alamat_usaha": "Jl. Lain 1",
        "desa_kecamatan": permohonan.desa.kecamatan_id,
        "desa_id": elsewhere.pk,
    }
    response = client.post(_url(permohonan), data)
    assert response.status_code == 200
    assert "Desa/kelurahan itu tidak ada di kecamatan yang dipilih." in response.content.decode()
    permohonan.refresh_from_db()
    assert permohonan.desa_id == before and permohonan.alamat_usaha != "Jl. Lain 1"
