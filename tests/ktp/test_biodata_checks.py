"""What the biodata step refuses, and what it lets a citizen correct, whatever the form sends."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ktp.constants import Jenis, Status
from ktp.selectors import permohonan_personal_data
from ktp.services import permohonan_biodata_update, permohonan_revision_request, permohonan_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import pdf_upload, permohonan_complete_draft, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga():
    return UserFactory(role=Role.WARGA)


def test_a_birth_date_after_today_is_refused_and_nothing_is_saved(warga):
    draft = permohonan_complete_draft(applicant=warga)
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        permohonan_biodata_update(permohonan=draft, data={"tanggal_lahir": tomorrow})
    assert refused.value.message_dict["tanggal_lahir"] == ["Tanggal lahir tidak boleh sesudah hari ini."]
    draft.refresh_from_db()
    assert draft.tanggal_lahir == datetime.date(1990, 5, 10)


def test_a_birth_year_before_1900_is_refused_as_a_slip_of_the_digits(warga):
    draft = permohonan_complete_draft(applicant=warga)
    with pytest.raises(ValidationError) as refused:
        permohonan_biodata_update(permohonan=draft, data={"tanggal_lahir": datetime.date(1809, 5, 10)})
    assert "sebelum 1900" in refused.value.message_dict["tanggal_lahir"][0]


def test_a_kitap_that_has_already_ended_is_refused_on_its_field(warga):
    draft = permohonan_complete_draft(
        applicant=warga, jenis=Jenis.PERPANJANGAN_WNA, kewarganegaraan="WNA", kebangsaan="JEPANG"
    )
    yesterday = today() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        permohonan_biodata_update(permohonan=draft, data={"kitap_berlaku_hingga": yesterday})
    assert "sudah berakhir" in refused.value.message_dict["kitap_berlaku_hingga"][0]
    permohonan_biodata_update(permohonan=draft, data={"kitap_berlaku_hingga": today()})
    draft.refresh_from_db()
    assert draft.kitap_berlaku_hingga == today()


def test_an_officer_can_ask_a_foreign_resident_to_correct_the_kitap_date(client, warga):
    kitap_end = today() + datetime.timedelta(days=365)
    p = permohonan_submit(
        permohonan=permohonan_complete_draft(
            applicant=warga,
            jenis=Jenis.PERPANJANGAN_WNA,
            documents=("kk", "paspor", "kitap"),
            kewarganegaraan="WNA",
            kebangsaan="JEPANG",
            kitap_berlaku_hingga=kitap_end,
        ),
        actor=warga,
    )
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    page = client.get(reverse("admin:ktp_permohonanktp_change", args=[p.pk])).content.decode()
    assert 'name="fields" value="kitap_berlaku_hingga"' in page
    permohonan_revision_request(
        permohonan=p, actor=officer, note="Tanggal KITAP salah ketik.", fields=["kitap_berlaku_hingga"]
    )
    client.force_login(warga)
    corrected = kitap_end + datetime.timedelta(days=30)
    response = client.post(
        reverse("ktp:biodata", args=[p.pk]), {"kitap_berlaku_hingga": corrected.isoformat()}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.kitap_berlaku_hingga == corrected
    assert permohonan_personal_data(warga)[0]["biodata"]["kitap_berlaku_hingga"]["nilai"] == corrected


def test_a_correction_that_matches_the_nik_may_untick_the_mismatch_confirmation(client, warga):
    # The NIK says a man (day 10), the biodata a woman: the citizen had confirmed the mismatch.
    p = permohonan_complete_draft(applicant=warga, nik="3504021005900001")
    permohonan_biodata_update(permohonan=p, data={"nik_mismatch_confirmed": True})
    p = permohonan_submit(permohonan=p, actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan_revision_request(
        permohonan=p, actor=officer, note="Jenis kelamin tidak sesuai NIK.", fields=["jenis_kelamin"]
    )
    client.force_login(warga)
    # The corrected sex matches the NIK: the confirmation no longer holds and is left unticked.
    response = client.post(reverse("ktp:biodata", args=[p.pk]), {"jenis_kelamin": "L"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.jenis_kelamin, p.nik_mismatch_confirmed) == ("L", False)


def test_a_nik_and_kk_typed_in_groups_are_read_as_their_digits_and_never_cut_by_the_browser():
    from ktp.forms import NikForm

    form = NikForm(data={"nik": "3504 0210 0590 0001", "no_kk": "3504-0212-3456-0001"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["nik"], form.cleaned_data["no_kk"]) == ("3504021005900001", "3504021234560001")
    assert "maxlength" not in str(form["nik"]) and "maxlength" not in str(form["no_kk"])
    assert NikForm(data={"nik": "3504 0210 0590 00011", "no_kk": "3504021234560001"}).errors["nik"]


def test_a_correction_to_a_foreign_citizen_opens_the_kitap_and_its_documents_and_is_sent(client, warga):
    # A correction of the nationality alone calls for what a WNA gives: the country, the KITAP's end and
    # the passport and KITAP scans. Left locked, the application could never be sent again.
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan_revision_request(permohonan=p, actor=officer, note="Pemohon WNA.", fields=["kewarganegaraan"])
    client.force_login(warga)
    url = reverse("ktp:biodata", args=[p.pk])
    form = client.get(url).context["form"]
    assert form.fields["nama"].disabled and form.fields["alamat"].disabled
    assert not form.fields["kebangsaan"].disabled and not form.fields["kitap_berlaku_hingga"].disabled
    kitap_end = today() + datetime.timedelta(days=365)
    answers = {
        "kewarganegaraan": "WNA",
        "kebangsaan": "JEPANG",
        "kitap_berlaku_hingga": kitap_end.isoformat(),
    }
    assert client.post(url, answers).status_code == 302
    # Filled, they stay open while the correction lasts: a date typed wrong can still be put right.
    form = client.get(url).context["form"]
    assert not form.fields["kebangsaan"].disabled and not form.fields["kitap_berlaku_hingga"].disabled
    documents = client.get(reverse("ktp:dokumen", args=[p.pk])).context["form"]
    assert set(documents.fields) == {"paspor", "kitap"}
    client.post(
        reverse("ktp:dokumen", args=[p.pk]),
        {"paspor": pdf_upload("paspor.pdf"), "kitap": pdf_upload("kitap.pdf"), "kk": pdf_upload("lain.pdf")},
    )
    client.post(reverse("ktp:periksa", args=[p.pk]))
    p.refresh_from_db()
    assert (p.status, p.kewarganegaraan, p.kebangsaan, p.kitap_berlaku_hingga) == (
        Status.DIAJUKAN,
        "WNA",
        "JEPANG",
        kitap_end,
    )
    kinds = dict(p.dokumen_set.values_list("kind", "original_name"))
    assert kinds == {"kk": "kk.pdf", "paspor": "paspor.pdf", "kitap": "kitap.pdf"}


def test_a_corrected_birth_date_that_disagrees_with_the_locked_nik_asks_for_the_confirmation(client, warga):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan_revision_request(permohonan=p, actor=officer, note="Tanggal lahir?", fields=["tanggal_lahir"])
    client.force_login(warga)
    url = reverse("ktp:biodata", args=[p.pk])
    # The NIK (born 10 May 1990) is locked, so the page does not send it: the saved one is compared.
    refused = client.post(url, {"tanggal_lahir": "1990-05-11"})
    assert "nik_mismatch_confirmed" in refused.context["form"].errors
    p.refresh_from_db()
    assert p.tanggal_lahir == datetime.date(1990, 5, 10)
    assert (
        client.post(url, {"tanggal_lahir": "1990-05-11", "nik_mismatch_confirmed": "on"}).status_code == 302
    )
    client.post(reverse("ktp:periksa", args=[p.pk]))
    p.refresh_from_db()
    assert (p.status, p.tanggal_lahir, p.nik_mismatch_confirmed) == (
        Status.DIAJUKAN,
        datetime.date(1990, 5, 11),
        True,
    )


def test_saved_answers_that_disagree_with_the_nik_show_the_confirmation_on_opening(client, warga):
    draft = permohonan_complete_draft(applicant=warga)
    type(draft).objects.filter(pk=draft.pk).update(tanggal_lahir=datetime.date(1990, 5, 11))
    client.force_login(warga)
    form = client.get(reverse("ktp:biodata", args=[draft.pk])).context["form"]
    assert "nik_mismatch_confirmed" in form.fields
    matching = permohonan_complete_draft(applicant=UserFactory(role=Role.WARGA))
    client.force_login(matching.applicant)
    assert (
        "nik_mismatch_confirmed"
        not in client.get(reverse("ktp:biodata", args=[matching.pk])).context["form"].fields
    )
