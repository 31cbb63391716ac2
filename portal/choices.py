"""
Long lists of choices read from reference data (desa, kecamatan, occupations), kept per process with their
options drawn (issue #9). Such data changes a few times a year, yet a form drawing its lists from the
database paid a query and ~300 drawn options per list per request.

Each list has a version in the shared cache (portal.cache.version_watch): a process keeps the list it
built, per language, while the version it was built for is the current one, and at most
portal.cache.KEPT_SECONDS; saving or deleting a row of a watched model anywhere replaces the version, so
every process builds the list again on its next use.
"""

from django.utils.translation import get_language

from portal.cache import process_kept, version_watch, versions_of
from portal.forms import PrerenderedChoices


class KeptChoices:
    """
    A list of choices `build()` returns, kept as PrerenderedChoices until a row of `models` changes.
    Call it for the current list; kept_choices() gets several with one round trip to the cache.
    """

    def __init__(self, name, build, *, models):
        self.name = f"choices:{name}"
        self.build = build
        version_watch(self.name, *models)

    def __call__(self) -> PrerenderedChoices:
        return kept_choices(self)[0]


def kept_choices(*lists) -> list:
    """Return the current PrerenderedChoices of each KeptChoices, reading their versions at once."""
    language = get_language() or "id"
    versions = versions_of([kept.name for kept in lists])
    return [
        process_kept(
            f"{kept.name}:{language}", versions[kept.name], lambda kept=kept: PrerenderedChoices(kept.build())
        )
        for kept in lists
    ]
