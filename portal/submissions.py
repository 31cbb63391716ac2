"""
A posted form is acted on once: a double click, or a resend after a slow answer, is sent where the
first post went.

Each rendered form carries a random token. The first post claims it in the shared cache before the
work is done, so a second post that arrives while the first is still sending finds the claim too.
Work that fails, for whatever reason, releases the claim: the corrected or retried post must go through.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

# How long a posted form's token is remembered: a double click or a resend after a slow answer.
SUBMIT_TOKEN_SECONDS = 60 * 60


def submit_token_field():
    """A hidden, random token per rendered form: the same form posted twice is sent once."""
    return forms.CharField(widget=forms.HiddenInput, required=False, max_length=64, initial=new_token)


def new_token():
    return uuid.uuid4().hex


class Submission:
    """
    The claim of one posted form's token; use as `with submission:` around the work, which
    releases the claim if the work raises anything.

    `namespace` keeps each app's claims apart; `pending` is where a post goes while the first post
    of the same form is still being sent, before it knows its own page.
    """

    def __init__(self, *, namespace, user, token, pending):
        self.key = f"{namespace}:kirim:{user.pk}:{token}" if token else None
        self.pending = pending
        self.claimed = False

    def earlier(self) -> str | None:
        """Return where the first post of this form went, or None after claiming it for this one."""
        if self.key is None:
            return None
        if cache.add(self.key, "", SUBMIT_TOKEN_SECONDS):
            self.claimed = True
            return None
        went = cache.get(self.key)
        if went is None:  # no claim to be found: the cache server failed, and twice beats never
            return None
        return went or self.pending  # "": the first is still being sent

    def done(self, url):
        """Remember where this post went, for the posts of the same form that follow."""
        if self.claimed:
            cache.set(self.key, url, SUBMIT_TOKEN_SECONDS)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is not None and self.claimed:
            cache.delete(self.key)
            self.claimed = False


def service_errors(form, exc: ValidationError):
    """Show a service's refusal on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit_once(request, form, *, namespace, pending, repeated, work):
    """
    Do `work(data)`, with `data` a valid form's cleaned data less its token, once per rendered form,
    and redirect to the URL it returns. A repeat of the same form is redirected where the first post
    went (or to `pending` while that is still being sent), told `repeated`. Return None when a
    service refused the work: its reasons are on the form, and the next post may try again.
    """
    data = {name: value for name, value in form.cleaned_data.items() if name != "submit_token"}
    submission = Submission(
        namespace=namespace, user=request.user, token=form.cleaned_data.get("submit_token"), pending=pending
    )
    if earlier := submission.earlier():
        messages.info(request, repeated)
        return redirect(earlier)
    try:
        with submission:
            url = work(data)
            submission.done(url)
    except ValidationError as exc:
        service_errors(form, exc)
        return None
    return redirect(url)
