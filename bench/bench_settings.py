"""Settings for load tests: the project's settings, with the tracking API's per-address throttle raised
(every simulated citizen comes from 127.0.0.1). Used by `bench/track_load.py --settings bench_settings`."""

from lontar.settings import *  # noqa: F403

LONTAR_TRACKING_API_RATE = "1000000/minute"
