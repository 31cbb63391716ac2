import contextlib
import time

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


def wait_for(predicate, timeout=30.0, interval=0.2):
    """Return predicate()'s first truthy value within `timeout` seconds, else None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


@contextlib.contextmanager
def kept_for_module(django_db_blocker):
    """
    Hold rows made once for a module's tests (a module-scoped fixture), rolled back after its last
    test: each test's own transaction is a savepoint inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def demo_seeded_twice(counts):
    """Run seed_demo twice (it must be idempotent); return counts() after the first run."""
    with override_settings(DEBUG=True):  # seed_demo refuses to run with DEBUG off
        call_command("seed_demo")
        first = counts()
        call_command("seed_demo")
    return first


def problems_link_to_their_questions(client, url) -> list[str]:
    """
    Check that each unfinished answer the check-answers page at url lists links to a page holding
    the question it names (an element with the link's id), or the one to answer first; return the
    linked labels.
    """
    import re

    page = client.get(url).content.decode()
    listed = page.split("Masih ada yang perlu dilengkapi:")[1].split("</ul>")[0]
    links = re.findall(r'<li><a class="alert-link" href="([^"#]+)#([^"]+)">([^<]+)</a>', listed)
    assert len(links) == listed.count("<li>"), listed
    for path, anchor, _label in links:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'id="{anchor}"' in response.content.decode(), (path, anchor)
    return [label for _path, _anchor, label in links]
