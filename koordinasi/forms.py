from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.choices import IdsField
from portal.documents.forms import limit_help
from portal.submissions import submit_token_field

from .constants import ISI_MAX_CHARS, Format, Instruksi, Sifat
from .deadlines import sifat_deadlines_text
from .models import Naskah
from .numbering import pola_for
from .selectors import agencies_addressable, colleagues_of, officers_addressable


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking several files; each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if len(data) > settings.DOCUMENTS_PER_REQUEST:
                raise forms.ValidationError(
                    _(
                        "Paling banyak %(n)s lampiran sekali kirim. Simpan sebagai draf, lalu "
                        "tambahkan sisanya."
                    )
                    % {"n": settings.DOCUMENTS_PER_REQUEST},
                    code="too_many",
                )
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class OfficerChoiceField(IdsField):
    def label_from_instance(self, obj):
        jabatan = f", {obj.jabatan}" if obj.jabatan else ""
        return f"{obj.get_full_name()}{jabatan} ({obj.instansi.code})"


class AgencyChoiceField(IdsField):
    def label_from_instance(self, obj):
        if getattr(obj, "has_officers", True):
            return obj.name
        return _("%(name)s (belum ada pegawai di portal)") % {"name": obj.name}


def _agencies():
    return AgencyChoiceField(queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6}))


class NaskahForm(forms.ModelForm):
    submit_token = submit_token_field()
    kepada_instansi = _agencies()
    kepada_pegawai = OfficerChoiceField(
        queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    tembusan_instansi = _agencies()
    tembusan_pegawai = OfficerChoiceField(
        queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    lampiran = MultipleFileField(
        label=_("Lampiran"),
        required=False,
        help_text=limit_help(
            format_lazy(
                _(
                    "PDF, JPG, PNG, DOCX, XLSX, DOC atau XLS, masing-masing paling besar {{limit}}, paling "
                    "banyak {count} sekali kirim; diperiksa menurut isinya."
                ),
                count=settings.DOCUMENTS_PER_REQUEST,
            )
        ),
    )

    class Meta:
        model = Naskah
        fields = ["jenis", "sifat", "klasifikasi", "kode_klasifikasi", "perihal", "isi", "format"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 10}), "format": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        officers = officers_addressable().exclude(pk=user.pk)
        agencies = agencies_addressable(sender=user)
        for kind, queryset in (("instansi", agencies), ("pegawai", officers)):
            self.fields[f"kepada_{kind}"].queryset = self.fields[f"tembusan_{kind}"].queryset = queryset
        labels = {
            "kepada_instansi": (_("Kepada instansi"), _("Semua pegawai instansi ini menerima naskah.")),
            "kepada_pegawai": (_("Kepada pegawai"), _("Wajib untuk naskah Rahasia dan Sangat rahasia.")),
            "tembusan_instansi": (
                _("Tembusan instansi"),
                _("Instansi yang perlu mengetahui; semua pegawainya menerima naskah Biasa dan Terbatas."),
            ),
            "tembusan_pegawai": (
                _("Tembusan pegawai"),
                _("Pegawai yang perlu tahu, menerima salinan atas namanya."),
            ),
        }
        for name, (label, help_text) in labels.items():
            self.fields[name].label, self.fields[name].help_text = label, help_text
        self.fields["sifat"].help_text = sifat_deadlines_text()
        if self.instance.pk:
            self._recipients_initial()
            self._saved_attachments()
        else:
            self.initial["kode_klasifikasi"] = pola_for(instansi=user.instansi).kode_klasifikasi_bawaan

    def _saved_attachments(self):
        saved = list(self.instance.lampiran_set.all())
        if saved:  # a wrong file, perhaps a confidential one, must not go out with the memo
            self.fields["hapus_lampiran"] = forms.TypedMultipleChoiceField(
                label=_("Lampiran tersimpan"),
                choices=[(item.pk, f"{item.nama} ({filesizeformat(item.ukuran)})") for item in saved],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Centang yang tidak ikut dikirim: dihapus saat draf disimpan atau dikirim."),
            )

    def _recipients_initial(self):
        # Addressees deactivated since (an officer, an agency, an officer's agency): no longer a
        # choice, so saving drops them; named on the page rather than dropped unseen.
        self.recipients_gone = []
        for row in self.instance.penerima_set.select_related("pegawai__instansi", "instansi"):
            kind = "instansi" if row.instansi_id else "pegawai"
            self.initial.setdefault(f"{row.peran}_{kind}", []).append(getattr(row, f"{kind}_id"))
            if row.instansi_id and not row.instansi.is_active:
                self.recipients_gone.append(row.instansi.name)
            elif row.pegawai_id and not (
                row.pegawai.is_active and row.pegawai.instansi_id and row.pegawai.instansi.is_active
            ):
                self.recipients_gone.append(row.pegawai.get_full_name())


class BalasForm(forms.Form):
    submit_token = submit_token_field()
    isi = forms.CharField(
        label=_("Balasan"),
        max_length=ISI_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dikirim kepada pengirim naskah, atau dari pengirim kepada semua tujuannya."),
        error_messages={"required": _("Isi balasan wajib diisi.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=Format.choices,
        initial=Format.TEKS,
        widget=forms.RadioSelect,
        help_text=_("Teks biasa, atau Markdown untuk judul, daftar dan huruf tebal."),
    )


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Iterate the queryset itself: for a short list, one plain query, not a server-side cursor's three."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ColleagueChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class DisposisiForm(forms.Form):
    submit_token = submit_token_field()
    kepada = ColleagueChoiceField(label=_("Kepada"), queryset=None, help_text=_("Pegawai instansi Anda."))
    instruksi = forms.MultipleChoiceField(
        label=_("Instruksi"),
        choices=Instruksi.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih satu instruksi atau lebih."),
        error_messages={"required": _("Pilih sedikitnya satu instruksi.")},
    )
    batas_waktu = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tanggal tindak lanjut paling lambat selesai; boleh kosong."),
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Arahan tambahan bagi penerima; boleh kosong."),
    )

    def __init__(self, *args, user, naskah, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = colleagues_of(user=user).exclude(pk=naskah.pengirim_id)

    def clean_batas_waktu(self):
        value = self.cleaned_data["batas_waktu"]
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("Batas waktu tidak boleh sebelum hari ini."))
        return value


class SelesaiForm(forms.Form):
    prefix = "selesai"  # beside the disposisi form's own "catatan" on the memo page

    catatan = forms.CharField(
        label=_("Laporan tindak lanjut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Apa yang sudah dikerjakan; dibaca pemberi disposisi. Boleh kosong."),
    )


class FilterForm(forms.Form):
    KOTAK = [("semua", _("Semua")), ("saya", _("Untuk saya")), ("instansi", _("Untuk instansi saya"))]

    kotak = forms.ChoiceField(label=_("Kotak"), choices=KOTAK, required=False)
    sifat = forms.ChoiceField(
        label=_("Sifat"), choices=[("", _("Semua sifat")), *Sifat.choices], required=False
    )
    belum_dibaca = forms.BooleanField(label=_("Belum dibaca"), required=False)
    perlu_tindakan = forms.BooleanField(label=_("Perlu tindakan"), required=False)
    terlambat = forms.BooleanField(label=_("Melewati batas waktu"), required=False)
    q = forms.CharField(label=_("Cari nomor, perihal atau pengirim"), required=False, max_length=100)
