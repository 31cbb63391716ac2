"""
The biodata step's lists: the kecamatan, the occupations, and the desa chosen in two steps without
JavaScript (the kecamatan of the address first, then one of its desa).
"""

import re

import pytest
from django.urls import reverse

from ktp.constants import Status
from ktp.forms import BiodataForm
from ktp.models import Pekerjaan, PermohonanKTP
from ktp.services import permohonan_revision_request, permohonan_submit
from portal.accounts.roles import Role
from portal.wilayah.forms import CHOOSE_KECAMATAN
from portal.wilayah.models import Desa, Kecamatan
from tests.factories import UserFactory
from tests.factories.ktp import biodata, permohonan_complete_draft

pytestmark = pytest.mark.django_db

BOYOLANGU, KEDUNGWARU = "35.04.02", "35.04.03"


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


@pytest.fixture
def draft(warga):
    return PermohonanKTP.objects.create(applicant=warga, jenis="baru", **biodata())


@pytest.fixture
def empty_draft(warga):
    """A draft past the NIK step, with nothing else answered yet."""
    return PermohonanKTP.objects.create(applicant=warga, jenis="baru", nik="3504025005900001")


def _url(permohonan):
    return reverse("ktp:biodata", args=[permohonan.pk])


def _post_data(permohonan, **overrides):
    data = {
        "nik": permohonan.nik,
        "no_kk": permohonan.no_kk,
        "nama": permohonan.nama,
        "tempat_lahir": permohonan.tempat_lahir,
        "tanggal_lahir": permohonan.tanggal_lahir.isoformat(),
        "jenis_kelamin": permohonan.jenis_kelamin,
        "golongan_darah": permohonan.golongan_darah,
        "agama": permohonan.agama,
        "status_perkawinan": permohonan.status_perkawinan,
        "pekerjaan": permohonan.pekerjaan_id,
        "kewarganegaraan": permohonan.kewarganegaraan,
        "alamat": permohonan.alamat,
        "rt": permohonan.rt,
        "rw": permohonan.rw,
        "desa_kecamatan": permohonan.desa.kecamatan_id,
        "desa_id": permohonan.desa_id,
        "kecamatan": permohonan.kecamatan_id,
    }
    return data | overrides


def _options(html, name):
    """Return the (value, label) of the options of the select `name` on the page."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def _desa_pks(html):
    return {int(value) for value, _label in _options(html, "desa_id") if value}


def _desa_of(code):
    return set(Desa.objects.filter(kecamatan__code=code).values_list("pk", flat=True))


def test_every_field_explains_itself(draft):
    form = BiodataForm(instance=draft)
    assert all(str(field.help_text).strip() for field in form.fields.values())


def test_a_draft_with_an_address_lists_its_kecamatan_desa_at_once(client, draft):
    html = client.get(_url(draft)).content.decode()
    assert _desa_pks(html) == _desa_of(BOYOLANGU)
    assert len(_desa_pks(html)) < 30 < Desa.objects.count()
    label = f"{draft.desa.get_kind_display()} {draft.desa.name}"
    assert f'<option value="{draft.desa_id}" selected>{label}</option>' in html
    assert re.search(rf'<option value="{draft.desa.kecamatan_id}" selected>', html)
    assert f'name="{CHOOSE_KECAMATAN}"' in html


def test_without_an_address_the_desa_list_waits_for_the_kecamatan(client, empty_draft):
    html = client.get(_url(empty_draft)).content.decode()
    assert _options(html, "desa_id") == [("", "— pilih kecamatan dahulu —")]
    assert len(_options(html, "desa_kecamatan")) == Kecamatan.objects.count() + 1


def test_choosing_the_kecamatan_keeps_what_was_typed_and_shows_no_errors(client, empty_draft):
    kedungwaru = Kecamatan.objects.get(code=KEDUNGWARU)
    typed = {
        "nama": "Siti Aminah",
        "tanggal_lahir": "1990-05-10",
        "jenis_kelamin": "P",
        "agama": "islam",
        "alamat": "Jl. Mayor Sujadi 12",
        "rt": "2",
        "desa_kecamatan": kedungwaru.pk,
        "desa_id": Desa.objects.filter(kecamatan__code=BOYOLANGU).first().pk,  # of the kecamatan before
        CHOOSE_KECAMATAN: "1",
    }
    response = client.post(_url(empty_draft), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Siti Aminah"' in html and 'value="Jl. Mayor Sujadi 12"' in html
    assert 'value="1990-05-10"' in html and 'value="2"' in html
    assert re.search(r'value="P"[^>]*checked', html)
    assert '<option value="islam" selected>' in html
    assert "invalid-feedback" not in html and "error-summary" not in html and "is-invalid" not in html
    assert _desa_pks(html) == _desa_of(KEDUNGWARU)
    assert " selected>Desa" not in html and " selected>Kelurahan" not in html  # the old desa is gone
    empty_draft.refresh_from_db()
    assert empty_draft.nama == "" and empty_draft.desa is None  # nothing saved yet


def test_choosing_the_kecamatan_saves_nothing_even_when_everything_is_filled(client, draft):
    kedungwaru = Kecamatan.objects.get(code=KEDUNGWARU)
    data = _post_data(draft, nama="Nama Baru", desa_kecamatan=kedungwaru.pk) | {CHOOSE_KECAMATAN: "1"}
    response = client.post(_url(draft), data)
    assert response.status_code == 200
    assert 'value="Nama Baru"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.nama == "Siti Aminah" and draft.desa.kecamatan.code == BOYOLANGU


def test_a_desa_of_another_kecamatan_is_refused(client, draft):
    elsewhere = Desa.objects.filter(kecamatan__code=KEDUNGWARU).first()
    response = client.post(_url(draft), _post_data(draft, desa_id=elsewhere.pk, nama="Tidak Tersimpan"))
    assert response.status_code == 200
    assert "Desa/kelurahan itu tidak ada di kecamatan yang dipilih." in response.content.decode()
    draft.refresh_from_db()
    assert draft.desa.kecamatan.code == BOYOLANGU and draft.nama == "Siti Aminah"


def test_a_desa_without_its_kecamatan_is_refused(client, draft):
    response = client.post(_url(draft), _post_data(draft, desa_kecamatan=""))
    assert response.status_code == 200
    assert "error_1_id_desa_kecamatan" in response.content.decode()


def test_the_complete_post_saves_the_chosen_desa(client, empty_draft):
    desa = Desa.objects.filter(kecamatan__code=KEDUNGWARU).order_by("pk").last()
    url = _url(empty_draft)
    data = _post_data(PermohonanKTP(**biodata()), nik=empty_draft.nik)
    chosen = client.post(url, data | {"desa_kecamatan": desa.kecamatan_id, CHOOSE_KECAMATAN: "1"})
    assert desa.pk in _desa_pks(chosen.content.decode())
    response = client.post(url, data | {"desa_kecamatan": desa.kecamatan_id, "desa_id": desa.pk})
    assert response.status_code == 302
    empty_draft.refresh_from_db()
    assert empty_draft.desa == desa and empty_draft.nama == "Siti Aminah"
    assert empty_draft.kecamatan.code == BOYOLANGU  # the office stays the one chosen, apart from the address


def test_a_submitted_desa_is_checked_in_the_database(client, draft):
    gone = Desa.objects.create(
        code="35.04.02.2999", kecamatan=draft.desa.kecamatan, name="Hilang", kind="desa"
    )
    assert gone.pk in _desa_pks(client.get(_url(draft)).content.decode())
    Desa.objects.filter(pk=gone.pk)._raw_delete(using="default")
    response = client.post(_url(draft), _post_data(draft, desa_id=gone.pk))
    assert response.status_code == 200
    assert "error_1_id_desa_id" in response.content.decode()
    draft.refresh_from_db()
    assert draft.desa_id != gone.pk


@pytest.mark.parametrize("value", ["abc", "1.5", "99999999999999999999999", "-1"])
def test_a_kecamatan_no_list_holds_lists_no_desa(client, draft, value):
    response = client.post(_url(draft), _post_data(draft, desa_kecamatan=value) | {CHOOSE_KECAMATAN: "1"})
    assert response.status_code == 200
    assert _desa_pks(response.content.decode()) == set()


def test_a_revision_of_the_address_lists_its_desa_and_may_change_them(client, warga):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan=BOYOLANGU)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_revision_request(permohonan=p, actor=officer, note="Desa salah", fields=["desa"])
    response = client.get(_url(p))
    form = response.context["form"]
    assert not form.fields["desa_kecamatan"].disabled and not form.fields["desa_id"].disabled
    assert form.fields["nama"].disabled
    assert _desa_pks(response.content.decode()) == _desa_of(BOYOLANGU)
    other = Desa.objects.filter(kecamatan__code=BOYOLANGU).exclude(pk=p.desa_id).first()
    assert client.post(_url(p), _post_data(p, desa_id=other.pk)).status_code == 302
    p.refresh_from_db()
    assert p.desa == other and p.status == Status.PERLU_PERBAIKAN


def test_a_revision_of_something_else_locks_the_address(client, warga):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan=BOYOLANGU)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    permohonan_revision_request(permohonan=p, actor=officer, note="Alamat", fields=["alamat"])
    before = p.desa_id
    elsewhere = Desa.objects.filter(kecamatan__code=KEDUNGWARU).first()
    response = client.get(_url(p))
    form = response.context["form"]
    assert form.fields["desa_kecamatan"].disabled and form.fields["desa_id"].disabled
    assert f'name="{CHOOSE_KECAMATAN}"' not in response.content.decode()
    data = _post_data(p, alamat="Jl. Baru 2", desa_kecamatan=elsewhere.kecamatan_id, desa_id=elsewhere.pk)
    assert client.post(_url(p), data).status_code == 302
    p.refresh_from_db()
    assert p.alamat == "Jl. Baru 2" and p.desa_id == before


def test_the_lists_show_the_saved_answers_and_current_rows(client, draft):
    Pekerjaan.objects.create(code="X1", name="Penjaga mercusuar")
    kecamatan = Kecamatan.objects.exclude(pk=draft.kecamatan_id).order_by("pk").first()
    kecamatan.name = "Kecamatanbaru"
    kecamatan.save()
    html = client.get(_url(draft)).content.decode()
    assert f'<option value="{draft.kecamatan_id}" selected>{draft.kecamatan.name}</option>' in html
    assert f'<option value="{draft.pekerjaan_id}" selected>{draft.pekerjaan.name}</option>' in html
    assert "Penjaga mercusuar</option>" in html
    assert html.count(f'<option value="{kecamatan.pk}">Kecamatanbaru</option>') == 2  # address and office


def test_a_submitted_occupation_is_checked_in_the_database(client, draft):
    gone = Pekerjaan.objects.create(code="X4", name="Hilang")
    Pekerjaan.objects.filter(pk=gone.pk)._raw_delete(using="default")
    response = client.post(_url(draft), _post_data(draft, pekerjaan=gone.pk))
    assert response.status_code == 200
    refused = '<p id="error_1_id_pekerjaan"><strong>Masukkan pilihan yang valid. Pilihan tersebut bukan'
    assert refused in response.content.decode()
    draft.refresh_from_db()
    assert draft.pekerjaan_id != gone.pk


def test_what_only_the_model_refuses_is_shown_on_its_field_and_nothing_is_saved(client, draft):
    response = client.post(_url(draft), _post_data(draft, rt="1a", alamat="Jl. Tidak Tersimpan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p id="error_1_id_rt"><strong>Isi dengan angka, paling banyak 3 digit.</strong></p>' in html
    assert 'value="Jl. Tidak Tersimpan"' in html  # the answers given stay in the form
    draft.refresh_from_db()
    assert draft.alamat != "Jl. Tidak Tersimpan"


def test_beside_a_refused_answer_the_model_checks_the_others_at_once(client, draft):
    response = client.post(_url(draft), _post_data(draft, nama="", rt="1a"))
    html = response.content.decode()
    assert 'id="error_1_id_nama"' in html and 'id="error_1_id_rt"' in html


def test_the_biodata_step_reads_the_application_once_and_shows_its_answers(client, warga):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    permohonan = permohonan_complete_draft(applicant=warga)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(_url(permohonan)).content.decode()
    # one lookup, with the kecamatan and desa: no timeline prefetch
    assert sum('FROM "ktp_permohonanktp"' in q["sql"] for q in queries) == 1
    assert not any('"ktp_riwayatstatus"' in q["sql"] for q in queries)
    assert f'<option value="{permohonan.desa_id}" selected>' in html
    assert 'value="Siti Aminah"' in html


def test_enter_in_a_field_saves_rather_than_lists_desa(client, empty_draft):
    """Browsers submit a form on Enter with its first submit button: that one must save the step."""
    page = client.get(_url(empty_draft)).content.decode()
    form = page[page.index('<form method="post"') :]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first_button
    assert "name=" not in first_button  # not the Pilih kecamatan button, which sends its name
    assert form.index(first_button) < form.index(f'name="{CHOOSE_KECAMATAN}"')


def test_every_error_in_the_summary_links_to_a_field_on_the_page_radios_too(client, draft):
    response = client.post(_url(draft), _post_data(draft, jenis_kelamin="", kewarganegaraan="", nama=""))
    body = response.content.decode()
    summary = body[body.index("error-summary") : body.index("</ul>", body.index("error-summary"))]
    targets = re.findall(r'href="#([^"]*)"', summary)
    assert "id_jenis_kelamin_0" in targets and "id_kewarganegaraan_0" in targets
    for target in targets:
        assert target and f'id="{target}"' in body, target
