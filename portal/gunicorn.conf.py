"""gunicorn settings: `gunicorn -c portal/gunicorn.conf.py portal.wsgi` (see README, Deployment)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# On 2 cores, 2 sync workers beat threaded workers for these CPU-bound pages (STACK.md).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Workers fork from a master that has already imported Django and the project: a restart costs a
# fork, not a second of imports, templates and catalogues.
preload_app = True
# A recycled worker is a fresh process to warm up; at 2,000 requests the benchmark restarted both
# workers every few seconds, with requests stalled behind them. Recycle rarely, never together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
# The TLS proxy in front logs every request (with the client's real address); a second access log
# here cost ~4 % of a page's throughput and ~15 % of the health check's. GUNICORN_ACCESS_LOG=- (stdout)
# or a path turns it on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27 otherwise opens a control socket in the home directory.
control_socket_disable = True
