import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from portal.cache import now_and_on_commit
from portal.forms import PrerenderedChoices

from .models import Desa, Kecamatan

# The version of the desa list, shared by every process through the cache: a process keeps the list it
# built (with its options drawn) while the version it was built for is the current one.
VERSION_KEY = "wilayah:desa-choices-version"
# A data migration saves through historical models, which send no signal here: expire anyway.
CHOICES_SECONDS = 60 * 60

# {language: (version, choices)}, this process's lists.
_built = {}


def desa_choices() -> PrerenderedChoices:
    """
    Return the desa grouped by kecamatan, for a select that needs no JavaScript. Region data changes a
    few times a year, so each process keeps the list, labels translated and options drawn, per language,
    for an hour or until a desa or kecamatan is saved or deleted anywhere (a new version in the cache).
    """
    language = get_language() or "id"
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, CHOICES_SECONDS)
        version = cache.get(VERSION_KEY)
    built = _built.get(language)
    if built is None or version is None or built[0] != version:  # None: a cache that keeps nothing
        groups = {}
        for desa in Desa.objects.select_related("kecamatan").order_by("kecamatan__code", "name"):
            label = f"{desa.get_kind_display()} {desa.name}"
            groups.setdefault(desa.kecamatan.name, []).append((desa.pk, label))
        built = _built[language] = (version, PrerenderedChoices([("", "---------"), *groups.items()]))
    return built[1]


def _desa_choices_version_forget():
    cache.delete(VERSION_KEY)


@receiver([post_save, post_delete], sender=Desa)
@receiver([post_save, post_delete], sender=Kecamatan)
def desa_choices_forget(**kwargs):
    now_and_on_commit(_desa_choices_version_forget)
