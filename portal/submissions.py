"""
A posted form is acted on once: a double click, or a resend after a slow answer, is sent where the
first post went.

Each rendered form carries a random token. The first post claims it in the shared cache before the
work is done, so a second post that arrives while the first is still sending finds the claim too.
Work that fails, for whatever reason, releases the claim: the corrected or retried post must go through.
"""

import uuid

from django import forms
from django.core.cache import cache

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

    def release(self):
        if self.claimed:
            cache.delete(self.key)
            self.claimed = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is not None:
            self.release()
        return False
