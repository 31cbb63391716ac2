"""The help of every upload field states the size limit in force, not a figure written in the code."""

import pytest
from django.test import override_settings
from django.utils import translation

from koordinasi.forms import NaskahForm
from pengadaan.forms import AdendumForm, LangsungPenawaranForm, PaketForm, PenawaranForm, SanggahForm
from portal.documents.forms import document_field

TEN_MB = 10 * 1024 * 1024


class Uploaded:
    original_name = "<b>ktp</b>.pdf"


@override_settings(DOCUMENT_MAX_BYTES=TEN_MB)
def test_a_document_field_states_the_limit_in_force_in_the_pages_language():
    with translation.override("id"):
        field = document_field(label="KK", hint="Foto dengan ponsel boleh, asal terbaca.")
        assert field.required
        assert (
            field.help_text
            == "PDF, JPG atau PNG, paling besar 10,0\xa0MB. Foto dengan ponsel boleh, asal terbaca."
        )
    with translation.override("en"):
        assert "at most 10.0\xa0MB" in document_field(label="KK").help_text


def test_an_uploaded_document_is_optional_and_its_escaped_name_replaces_the_limit():
    field = document_field(label="KK", uploaded=Uploaded())
    assert not field.required
    assert "&lt;b&gt;ktp&lt;/b&gt;.pdf" in field.help_text and "MB" not in field.help_text


@pytest.mark.parametrize(
    ("form", "name"),
    [
        (PaketForm, "dokumen"),
        (AdendumForm, "dokumen"),
        (SanggahForm, "bukti"),
        (PenawaranForm, "teknis"),
        (LangsungPenawaranForm, "dokumen"),
        (NaskahForm, "lampiran"),
    ],
)
def test_procurement_and_memo_upload_fields_state_the_limit_in_force(form, name):
    with override_settings(DOCUMENT_MAX_BYTES=TEN_MB), translation.override("id"):
        fields = form.base_fields if name in form.base_fields else form().fields
        assert "10,0\xa0MB" in str(fields[name].help_text)
    with translation.override("id"):
        assert "5,0\xa0MB" in str(fields[name].help_text)
