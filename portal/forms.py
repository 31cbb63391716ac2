"""The form renderer of every form (settings.FORM_RENDERER)."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs) -> str:
    """Return attributes as django/forms/widgets/attrs.html writes them (True bare, False left out)."""
    shown = ((name, value) for name, value in attrs.items() if value is not False)
    return format_html_join(
        "", " {}{}", ((name, "" if value is True else format_html('="{}"', value)) for name, value in shown)
    )


def select_html(widget) -> str:
    """
    Return the HTML of a select widget's context: what Django's select.html draws, without its blank lines.

    Django's template includes two more templates per option: the desa list of the biodata step
    (271 options, with the job and kecamatan lists ~340) took ~40 ms to draw that way.
    """
    parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        # Escaped here, not through format_html per option: this loop is the whole point.
        for option in options:
            value, label = conditional_escape(str(option["value"])), conditional_escape(option["label"])
            attrs = _attrs(option["attrs"]) if option["attrs"] else ""
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # nosec B308 B703 - every value is escaped above


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with plain selects drawn in Python (the same elements, much faster)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and all(
            option["template_name"] == OPTION_TEMPLATE
            for _group, options, _index in widget["optgroups"]
            for option in options
        ):
            return select_html(widget)
        return super().render(template_name, context, request)
