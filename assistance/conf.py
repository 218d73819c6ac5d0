"""Business settings of social assistance: statutory limits, ratios and grace periods, per county.

Read them with ``civilaffairs.conf.county_setting(name, county_code)``; nothing in this app writes a limit as a
literal. National defaults first (民发〔2021〕57号 最低生活保障审核确认办法; 民发〔2021〕43号 特困人员认定办法),
then what the counties' own documents state (seed notes §4). Deployments override either in
``settings.CIVILAFFAIRS`` (``{"counties": {"500236": {...}}}``).
"""

from decimal import Decimal

from civilaffairs.conf import register_county_defaults, register_defaults

register_defaults(
    {
        # --- Time limits (working days unless named *_days) -------------------------------------------------
        # 受理: the township decides on acceptance of a complete application.
        "accept_workdays": 3,
        # 家庭经济状况调查: 入户调查 by two staff and 信息核对 after acceptance.
        "survey_workdays": 10,
        # 民主评议 (optional since 2021, "where used") after the survey.
        "appraisal_workdays": 5,
        # 乡镇审核意见 after the survey (or appraisal).
        "review_workdays": 5,
        # Posting the 公示 after the review opinion.
        "notice_start_workdays": 3,
        # 公示 in the village or community: 7 calendar days (民发〔2021〕57号).
        "notice_days": 7,
        # 审核确认 after the notice closes (county, or township where delegated).
        "confirm_workdays": 10,
        # Whole 低保 审核确认 from acceptance: 30 working days, extendable to 45 in special cases (民发〔2021〕57号).
        "dibao_decision_workdays": 30,
        "dibao_decision_extended_workdays": 45,
        "tekun_decision_workdays": 30,
        "tekun_decision_extended_workdays": 45,
        # 临时救助 is for sudden hardship: a shorter overall limit.
        "temporary_decision_workdays": 10,
        "temporary_decision_extended_workdays": 15,
        # --- Who decides -----------------------------------------------------------------------------------
        # 审核确认 delegated to the township (有条件的地方可下放; 高新区 "全面下放"); default: county staff confirm.
        "township_confirms": False,
        # 民主评议 is optional under 民发〔2021〕57号; a county may make it a required step for 低保.
        "appraisal_required": False,
        # 临时救助 分级审批: the township approves up to this amount per case, the county above it.
        "temporary_township_limit": Decimal("1000.00"),
        # 临时救助 amount = months × 低保 standard × members (分档), capped by the county's per-case cap standard.
        "temporary_max_months": 6,
        # --- Eligibility -----------------------------------------------------------------------------------
        # 特困 basic-living standard ≥ 1.3 × 低保 standard (国发〔2016〕14号; every seed restates it).
        "tekun_min_ratio": Decimal("1.3"),
        # 特困 covers minors under 18 (raised from 16: 中办国办 2020; 民发〔2021〕43号).
        "tekun_minor_age": 18,
        "tekun_elderly_age": 60,
        # Disability grades that count as "severe" for 特困 and for 单人保 (一、二级).
        "severe_disability_grades": [1, 2],
        # 单人保: a seriously ill or severely disabled member of a 低保边缘 household (per-capita income below
        # this multiple of the standard) may be enrolled alone.
        "dibao_edge_ratio": Decimal("1.5"),
        # Household financial assets per person above this many months of the standard exclude the household.
        "asset_limit_months": 24,
        # --- Dynamic management ----------------------------------------------------------------------------
        # 渐退: per-capita income above the standard but below ratio × standard keeps the benefit for N months.
        "phase_out_months": 6,
        "phase_out_ceiling_ratio": Decimal("1.5"),
        # Re-checks (渝民〔2023〕3号): yearly for 特困 and stable households, half-yearly for households with
        # irregular income and members able to work.
        "recheck_months_stable": 12,
        "recheck_months_irregular": 6,
        # 发放 from the month after approval (DESIGN §4).
        "payment_start_months_after_approval": 1,
        # A re-check shows on the to-do list this many days before it is due.
        "recheck_notice_days": 30,
    }
)

# 奉节县 (notes/001.md §4.1): 渐退 below 1.5 × standard for 6 months; 特困 minors to 18. The plan pilots
# delegating 审核确认 to townships but does not say which, so confirmation stays with the county by default.
register_county_defaults("500236", {"phase_out_months": 6, "phase_out_ceiling_ratio": Decimal("1.5")})
# 重庆高新区 (notes/004.md §4): 审核确认权限 "全面下放" to the 镇街.
register_county_defaults("500190", {"township_confirms": True})
# 渠县 (notes/000.md §4.1): "审核确认权限逐步下放乡镇（街道）实施" — gradual, so not assumed here.
