from portal.choices import KeptChoices

from .models import Desa, Kecamatan


def _desa_options():
    groups = {}
    for desa in Desa.objects.select_related("kecamatan").order_by("kecamatan__code", "name"):
        label = f"{desa.get_kind_display()} {desa.name}"
        groups.setdefault(desa.kecamatan.name, []).append((desa.pk, label))
    return [("", "---------"), *groups.items()]


def _kecamatan_options():
    # What a ModelChoiceField of Kecamatan.objects.all() lists: its empty label, then str() of each row.
    return [("", "---------"), *((kecamatan.pk, str(kecamatan)) for kecamatan in Kecamatan.objects.all())]


# The desa grouped by kecamatan, for a select that needs no JavaScript. Region data changes a few times
# a year, so each process keeps the list, labels translated and options drawn, per language, for an hour
# or until a desa or kecamatan is saved or deleted anywhere (portal.choices).
desa_choices = KeptChoices("wilayah-desa", _desa_options, models=[Desa, Kecamatan])

# The kecamatan, as the biodata step's select of the office to serve the applicant lists them.
kecamatan_choices = KeptChoices("wilayah-kecamatan", _kecamatan_options, models=[Kecamatan])
