"""The upload field of a document, and what its help says, for every service's forms."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from .validators import DEFAULT_MAX_BYTES

# What the file picker offers (the validators decide by content): PDF and photos, or PDF only.
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
ACCEPT_PDF = ".pdf,application/pdf"


def document_limit() -> str:
    """Return the upload size limit in force (DOCUMENT_MAX_BYTES) as people read it, e.g. 5,0 MB."""
    return filesizeformat(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def limit_help(text):
    """Return `text` (a lazy translation with `{limit}`) showing the size limit in force."""
    return format_lazy(text, limit=lazy(document_limit, str)())


def document_field(*, label, uploaded=None, hint="") -> forms.FileField:
    """
    Return the field of one required document: required until one is uploaded. Its help names the
    kinds and the size limit in force, then `hint`; once a file is uploaded, that file's name.
    """
    if uploaded is not None:
        # Help text is rendered as HTML: the citizen's file name must be escaped.
        help_text = format_html(
            _("Sudah diunggah: {name}. Pilih berkas lain untuk menggantinya."), name=uploaded.original_name
        )
    else:
        kinds = _("PDF, JPG atau PNG, paling besar {limit}.").format(limit=document_limit())
        help_text = f"{kinds} {hint}" if hint else kinds
    return forms.FileField(
        label=label,
        required=uploaded is None,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT} | size_attrs()),
        help_text=help_text,
    )


def size_attrs() -> dict:
    """
    Return a file input's attributes giving the size limit in force and the refusal to show, for
    static/js/file_size.js to refuse a larger file before it is uploaded (the server checks again).
    """
    refusal = _(
        "Terlalu besar (paling besar {limit}): {names}. Pilih berkas yang lebih kecil, misalnya foto "
        "beresolusi lebih rendah."
    )
    return {
        "data-max-bytes": getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES),
        "data-too-big": refusal.replace("{limit}", document_limit()),
    }


def documents_store(request, form, attach) -> bool:
    """
    Store, through `attach(kind=, uploaded_file=)`, each file of a posted documents form that passed
    its own field, even while another is missing or refused: someone uploading one document at a time
    on a slow connection loses none. Return whether the form is complete; if not, say which were stored.
    """
    form.is_valid()
    stored = []
    for kind, uploaded in list(form.cleaned_data.items()):
        if not uploaded:
            continue
        try:
            attach(kind=kind, uploaded_file=uploaded)
            stored.append(str(form.fields[kind].label))
        except ValidationError as exc:
            form.add_error(kind, exc.messages)
    if form.errors and stored:
        messages.success(request, _("Tersimpan: %(names)s.") % {"names": "; ".join(stored)})
    return not form.errors


def files_not_kept(request, form) -> None:
    """
    On a refused form, say which chosen files were not stored: a browser never keeps a chosen file,
    and an upload silently gone would leave the bid, package or memo without it. A notice above the
    form, not a form error: nothing is wrong with the files themselves.
    """
    if not form.errors:
        return
    names = [f.name for name in request.FILES if name in form.fields for f in request.FILES.getlist(name)]
    if names:
        message = _("Berkas belum tersimpan: %(names)s. Pilih lagi berkasnya.")
        messages.warning(request, message % {"names": ", ".join(names)})
