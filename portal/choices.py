"""
Rows chosen by id in a form. Ids come from the browser and may be forged: one no table can hold is
refused as a wrong choice before it reaches the database.
"""

from django import forms

# The largest id a BIGINT column holds, PostgreSQL's and SQLite's alike.
BIGINT_MAX = 2**63 - 1


class IdsField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses ids no table can hold before querying."""

    def _check_values(self, value):
        # SQLite cannot bind an integer past 64 bits: without this, a forged id is a 500. Django guards
        # a single choice's lookup itself, but not the `__in` lookup of a multiple choice.
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk)
            if not (text.isascii() and text.isdigit() and 0 < int(text) <= BIGINT_MAX):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
