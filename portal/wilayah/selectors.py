from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from .models import Desa, Kecamatan

CHOICES_KEY = "wilayah:desa-choices:{language}"
# A data migration saves through historical models, which send no signal here: expire anyway.
CHOICES_SECONDS = 60 * 60


def desa_choices() -> list:
    """
    Return the desa grouped by kecamatan, for a select that needs no JavaScript. Region data
    changes a few times a year, so the list is kept in the shared cache for an hour or until a
    desa or kecamatan is saved.
    """
    key = CHOICES_KEY.format(language=get_language() or "id")
    choices = cache.get(key)
    if choices is None:
        groups = {}
        for desa in Desa.objects.select_related("kecamatan").order_by("kecamatan__code", "name"):
            label = f"{desa.get_kind_display()} {desa.name}"
            groups.setdefault(desa.kecamatan.name, []).append((desa.pk, label))
        choices = [("", "---------"), *groups.items()]
        cache.set(key, choices, CHOICES_SECONDS)
    return choices


@receiver([post_save, post_delete], sender=Desa)
@receiver([post_save, post_delete], sender=Kecamatan)
def desa_choices_forget(**kwargs):
    cache.delete_many([CHOICES_KEY.format(language=language) for language, _name in settings.LANGUAGES])
