"""gunicorn settings: `gunicorn -c portal/gunicorn.conf.py portal.wsgi` (see README, Deployment)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# These pages are CPU-bound: one sync worker per core serves them better than threads.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Workers fork from a master that has already imported Django and the project: a restart costs a
# fork, not a second of imports, templates and catalogues.
preload_app = True
# A recycled worker is a fresh process to warm up, with requests stalled behind it: recycle
# rarely, never both together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
# The TLS proxy in front logs every request (with the client's real address), so a second access
# log here would only cost time. GUNICORN_ACCESS_LOG=- (stdout) or a path turns it on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 otherwise opens a control socket in the home directory.
control_socket_disable = True
