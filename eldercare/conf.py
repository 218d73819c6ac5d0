"""Business settings of elder care, per county (read with ``civilaffairs.conf.county_setting``).

National practice first (民政部等《关于建立健全特殊困难老年人探访关爱服务的指导意见》 2021: regular visits, at least
monthly for the most vulnerable); the counties' plans refine the "comprehensive function" list (plan rows
minle-14#13, quxian-14#5). Deployments override in ``settings.CIVILAFFAIRS``.
"""

from civilaffairs.conf import register_county_defaults, register_defaults

register_defaults(
    {
        # 探访周期: a roster entry counts as visited when it has a counted visit in the last N days up to the date;
        # entries listed for less than one cycle are left out of the rate
        # (definition eldercare.home_elderly_visit_rate).
        "elderly_visit_cycle_days": 30,
        # Visit types that count: 上门 by default; a county may also count video or phone visits.
        "elderly_visit_counted_types": ["home"],
        # The age from which a person is elderly (《老年人权益保障法》第二条).
        "elderly_min_age": 60,
        # 具备综合功能: 全托 + 日托 + 上门服务 (definition eldercare.township_comprehensive_institution_coverage).
        "comprehensive_required_functions": ["full_care", "day_care", "home_service"],
        # 服务质量检查 counts for this many months (definition eldercare.institution_quality_compliance_rate).
        "quality_assessment_window_months": 12,
        # A quality inspection shows as due on the to-do list this many days before the window runs out.
        "quality_assessment_notice_days": 30,
    }
)

# 民乐县 三（二）2: 综合功能 = "全托、日托、上门服务、指导帮助等功能" (plan row minle-14#13 note).
register_county_defaults(
    "620722", {"comprehensive_required_functions": ["full_care", "day_care", "home_service", "guidance"]}
)
# 渠县 第三章第四节 lists 全日托养、日间照料、康复护理 … 上门服务 as the complexes' functions
# (plan row quxian-14#5 note).
register_county_defaults(
    "511725", {"comprehensive_required_functions": ["full_care", "day_care", "home_service", "rehab"]}
)
