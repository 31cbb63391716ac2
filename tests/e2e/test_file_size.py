"""A file larger than the portal takes is refused in the browser, before its upload."""

import pytest
from playwright.sync_api import expect

from ktp.services import permohonan_biodata_update, permohonan_draft_create
from tests.e2e.helpers import log_in
from tests.factories import UserFactory
from tests.factories.ktp import PDF, biodata

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_file_over_the_limit_is_refused_before_upload_and_a_smaller_one_goes(open_page, settings):
    settings.DOCUMENT_MAX_BYTES = len(PDF) + 1_000
    warga = UserFactory()
    draft = permohonan_draft_create(applicant=warga, jenis="baru")
    permohonan_biodata_update(permohonan=draft, data=biodata())
    page = open_page()
    log_in(page, warga.email)
    page.goto(f"/ktp/permohonan/{draft.pk}/dokumen/")
    upload = page.get_by_label("Kartu Keluarga (KK)")
    too_big = {"name": "kk-foto.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (len(PDF) + 1_001)}
    upload.set_input_files(too_big)
    expect(page.get_by_role("alert")).to_contain_text("Terlalu besar (paling besar")
    expect(page.get_by_role("alert")).to_contain_text("kk-foto.jpg")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.wait_for_timeout(1_000)
    assert posts == [] and not draft.dokumen_set.exists()
    expect(upload).to_be_focused()

    upload.set_input_files({"name": "kk.pdf", "mimeType": "application/pdf", "buffer": PDF})
    expect(page.get_by_role("alert")).to_be_empty()
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.wait_for_url(f"**/ktp/permohonan/{draft.pk}/jadwal/")
    assert list(draft.dokumen_set.values_list("kind", flat=True)) == ["kk"]
