from django.db.models import QuerySet

from .models import Desa, Kecamatan

# The version of what is cached from the kecamatan and desa rows (portal.cache.version).
WILAYAH_VERSION = "wilayah"


def kecamatan_list() -> QuerySet:
    """Return the kecamatan as a select lists them: their names, in code order."""
    return Kecamatan.objects.only("id", "name").order_by("code")


def desa_of_kecamatan(*, kecamatan_id) -> QuerySet:
    """Return the desa and kelurahan of one kecamatan by name; none without a kecamatan."""
    if kecamatan_id is None:
        return Desa.objects.none()
    # kecamatan__pk, not kecamatan_id: an id too large for the column then matches nothing, not an error.
    return Desa.objects.filter(kecamatan__pk=kecamatan_id).only("id", "name", "kind").order_by("name")
