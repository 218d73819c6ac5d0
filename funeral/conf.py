"""Business settings of funeral and marriage registers, per county (``civilaffairs.conf.county_setting``).

Deployments override them in ``settings.CIVILAFFAIRS`` (``{"counties": {"511725": {...}}}``).
"""

from civilaffairs.conf import register_defaults

register_defaults(
    {
        # A cremator's latest emission test (GB 13801-2015) counts for this many months; after that the unit is
        # "超期未检测" and leaves 环保节能火化炉数量 (definitions.yaml). Yearly monitoring is the usual practice of
        # the ecology and environment bureaus; a county with another interval sets it here.
        "funeral_emission_test_valid_months": 12,
        # 撤销婚姻 in 婚姻登记机构在线登记率: definitions.yaml leaves it to the county. Since the 民法典 (2021) only
        # courts annul a marriage, so registries rarely record one; by default they are not counted.
        "marriage_count_annulments": False,
        # To-dos: warn this many days before a cremator's emission test runs out or it reaches its scrapping date.
        "funeral_cremator_warning_days": 60,
        # To-dos: a project under construction whose latest approved progress figure is older than this.
        "funeral_project_progress_stale_days": 100,
    }
)
