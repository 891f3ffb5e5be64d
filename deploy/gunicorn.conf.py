"""Gunicorn's settings for Tadamun in production.

Read by the `web` line of deploy/Procfile (`make serve`) and by deploy/tadamun-web.service:
`gunicorn --config deploy/gunicorn.conf.py config.wsgi`. What differs from host to host comes
from the environment; everything else is fixed here.

    GUNICORN_BIND     address to listen on, host:port (default 127.0.0.1:8001, beside
                      `make run`'s 8000); the TLS proxy (deploy/nginx.conf) forwards to it
    GUNICORN_WORKERS  worker processes (default 2 × CPU cores + 1, gunicorn's advice)
    GUNICORN_TIMEOUT  seconds a request may take before its worker is replaced (default 30)

Workers are synchronous: nginx buffers slow clients on both sides, so a worker is busy only for
the time the page takes to build (https://docs.gunicorn.org/en/stable/design.html).

The access log never holds a client address (members can be at risk): no %(h)s and no
X-Forwarded-For, and only the path, not the query string. Each line reads
`[time] "METHOD /path HTTP/1.1" status bytes milliseconds`.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, not all at once): a slow leak in
# any library never grows for ever. The jitter is half the limit: with 1,000 ± 100, workers that
# share the load reached their limit within a second of each other and all restarted together,
# a stall of a second or more at each round (bench/load.py: p99 1.4 s instead of 30 ms).
max_requests = 10000
max_requests_jitter = 5000

accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
proc_name = "tadamun-web"
# gunicornc's control socket sits at one path per user; two servers on a host would share it.
control_socket_disable = True
