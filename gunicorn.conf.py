"""gunicorn settings for Lontar: `gunicorn` (or `gunicorn -c gunicorn.conf.py`) from the repository root.

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS; the common ones also
follow the environment variables below, so a systemd unit only sets variables.
"""

import os

chdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src")
wsgi_app = "lontar.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let one worker wait on the database for several requests; WEB_CONCURRENCY is the usual
# knob of platform deployments. Two workers per core is a good start for this I/O-bound app.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in a library never takes a server down.
max_requests = 2000
max_requests_jitter = 200
# nginx on the same machine or the load balancer's addresses: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s %({x-request-id}o)s "%(r)s" %(s)s %(B)s %(M)sms'
