"""Business settings of the indicators app (read with ``civilaffairs.conf.county_setting``)."""

from civilaffairs.conf import register_defaults

register_defaults(
    {
        # A recompute lock older than this is taken to belong to a killed run and is taken over.
        "indicators.recompute_lock_minutes": 60,
        # Nightly run time (Asia/Shanghai): after the day's work, before the morning.
        "indicators.nightly_hour": 2,
        "indicators.nightly_minute": 30,
    }
)
