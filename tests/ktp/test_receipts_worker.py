import io

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from ktp.receipts import permohonan_receipt
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.utils import wait_for


@pytest.mark.celery_worker
def test_with_a_real_worker_submission_produces_a_verifiable_receipt(celery_worker_queue):
    with transaction.atomic():
        warga = UserFactory(role=Role.WARGA)
        draft = permohonan_complete_draft(applicant=warga)
    client = Client()
    client.force_login(warga)
    response = client.post(reverse("ktp:periksa", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()

    receipt = wait_for(lambda: permohonan_receipt(permohonan=draft), timeout=60)
    assert receipt is not None, "the worker made no receipt within 60 s"
    with receipt.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)
    assert draft.reference in text and draft.nik not in text
    page = client.get(receipt.get_absolute_url()).content.decode()
    assert draft.reference in page and draft.nik not in page
