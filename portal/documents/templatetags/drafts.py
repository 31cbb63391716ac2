from django import template

from portal.documents.drafts import draft_deletion_date

register = template.Library()


@register.filter
def draft_deleted_on(updated_at):
    """The day a draft last saved at `updated_at` is deleted unless saved again."""
    return draft_deletion_date(updated_at) if updated_at else None
