"""
Tracking by reference number for every service. A service app registers, in its AppConfig.ready(),
a function that takes the reference and the second factors typed by the visitor and returns what
may be shown publicly (no personal data), or None when the reference or its factor is wrong.
"""

TRACKERS = {}


def tracker_register(*, prefix: str, track):
    """Let references starting with `prefix` (e.g. "KTP-") be tracked by `track(reference, factors)`."""
    TRACKERS[prefix] = track


def tracking_lookup(*, reference: str, factors: dict):
    """Return the public status of an application, or None: unknown and wrong factor look the same."""
    reference = reference.strip().upper()
    for prefix, track in TRACKERS.items():
        if reference.startswith(prefix):
            return track(reference=reference, factors=factors)
    return None
