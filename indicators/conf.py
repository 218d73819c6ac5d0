"""Business settings of the indicators app (read with ``civilaffairs.conf.county_setting``)."""

from civilaffairs.conf import register_defaults

register_defaults(
    {
        # A recompute lock older than this is taken to belong to a killed run and is taken over.
        "indicators.recompute_lock_minutes": 60,
        # Nightly run time (Asia/Shanghai): after the day's work, before the morning.
        "indicators.nightly_hour": 2,
        "indicators.nightly_minute": 30,
        # The evaluation report's issuing body on the cover; empty: "<jurisdiction>民政局".
        "indicators.report_issuing_body": "",
        # A report still "rendering" after this long belongs to a worker that died (a SIGKILL runs no ``finally``):
        # the task, redelivered, takes it over. ~140 pages take about a minute (DESIGN §8).
        "indicators.report_render_stale_minutes": 30,
    }
)
