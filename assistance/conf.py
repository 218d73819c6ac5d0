"""Business settings of social assistance: statutory limits, ratios and grace periods, per county.

Read them with ``county_setting(name, county_code)`` (the core's, re-exported here); nothing in this app writes a
limit as a literal. National defaults first (民发〔2021〕57号 最低生活保障审核确认办法; 民发〔2021〕43号
特困人员认定办法), then what the counties' own documents state (seed notes §4). Deployments override either in
``settings.CIVILAFFAIRS`` (``{"counties": {"500236": {...}}}``).

Precedence, most specific first: the deployment's value for the county, what the county's own document says (the
per-county defaults below), the deployment's global value, the national default. A global value is a default for
counties that state nothing: it must not silently replace a figure a county's document sets (奉节's 6 months of 渐退).
"""

import datetime
from decimal import Decimal

from civilaffairs.conf import county_setting, register_county_defaults, register_defaults

__all__ = ["county_setting"]


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
        # A member supported as 特困 (active enrolment) is left out of the household's size and income for 低保 and
        # never enrolled in its 低保 case: 民发〔2021〕57号 lets provincial rules exclude further persons from the
        # 共同生活的家庭成员, and provinces commonly support a dispersed 特困 person individually. False: a household
        # with such a member is refused 低保 with the 特困 case named, as 民发〔2021〕43号's exclusivity alone requires.
        "dibao_excludes_tekun_members": True,
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
        # --- 临时救助: 先行救助 and 支出型 ----------------------------------------------------------------------------
        # 急难型: the township may grant up to this amount at once from its reserve fund (先行救助, 国发〔2014〕47号;
        # 南川 "小金额先行救助") and completes the procedure afterwards. Our default; counties set their own.
        "temporary_advance_limit": Decimal("500.00"),
        # …within this many working days of the advance (补齐审核审批手续). Our default, to be checked per county.
        "temporary_advance_regularise_workdays": 10,
        # --- Back pay (补发) ------------------------------------------------------------------------------------
        # A roll pays the difference for earlier months already on a reviewed or locked roll, this far back.
        "back_pay_lookback_months": 12,
        # --- 残疾人两项补贴 (国发〔2015〕52号) ----------------------------------------------------------------------
        # Time limits (working days; our defaults — the national rule sets none): 乡镇（街道）初审, 残联审核, 民政审批.
        "subsidy_initial_review_workdays": 10,
        "subsidy_federation_review_workdays": 10,
        "subsidy_confirm_workdays": 10,
        "subsidy_decision_workdays": 30,
        "subsidy_decision_extended_workdays": 45,
        # 残联审核 as a step between the township and the county (南川: 乡镇初审、区残联审核、民政局审批发放).
        "disability_federation_review": False,
        # 县民政局审批 by default; a county may delegate approval of the subsidies to the townships (奉节 §4.1).
        "subsidy_township_confirms": False,
        # 困难残疾人生活补贴: who counts as 困难, as dated rules — group → date from which it applies. National
        # baseline: disabled members of 低保 households. Groups: dibao, tekun (特困 are not a 低保 household: only
        # where the county includes them), dibao_edge, low_income (this app's register), multi_disabled (一户多残:
        # two or more certificate holders in the household), elderly_carers (以老养残: no member aged 18–59 other
        # than the disabled, and one aged 60 or over).
        "disability_living_groups": {"dibao": "2016-01-01"},
        # 重度残疾人护理补贴: grades 1–2 needing long-term care; from this date (None: not yet) also grade 3–4
        # intellectual and mental disability (the local extension every seed plans).
        "disability_care_grades": [1, 2],
        "disability_care_extension_from": None,
        # Exclude people who receive an equivalent care benefit (工伤保险生活护理费 etc.).
        "disability_care_excludes_equivalent_benefit": True,
        "subsidy_recheck_months": 12,
        # --- 低保边缘 / 低收入 monitoring --------------------------------------------------------------------------
        # A household flagged for monitoring is visited within this many working days (the flag becomes a to-do).
        "low_income_alert_visit_workdays": 5,
        # --- Indicators -----------------------------------------------------------------------------------------
        # The "十四五" period starts here (milestones count what was built from this date).
        "plan_period_start": datetime.date(2021, 1, 1),
    }
)

# 奉节县 (notes/001.md §4.1): 渐退 below 1.5 × standard for 6 months; 特困 minors to 18. The plan pilots
# delegating 审核确认 to townships but does not say which, so confirmation stays with the county by default.
# 两项补贴 (§3a): 生活补贴 "逐步" to 低收入家庭、一户多残、以老养残, 护理补贴 to 三四级智力和精神残疾人 — the
# plan gives no date; 2023-01-01 is our assumption, to be replaced by the county's document.
register_county_defaults(
    "500236",
    {
        "phase_out_months": 6,
        "phase_out_ceiling_ratio": Decimal("1.5"),
        "disability_living_groups": {
            "dibao": "2016-01-01",
            "low_income": "2023-01-01",
            "dibao_edge": "2023-01-01",
            "multi_disabled": "2023-01-01",
            "elderly_carers": "2023-01-01",
        },
        "disability_care_extension_from": "2023-01-01",
    },
)
# 南川区 (notes/002.md §4): "乡镇（街道）初审、区残联审核、民政局审批发放".
register_county_defaults("500119", {"disability_federation_review": True})
# 渠县 (notes/000.md §4.3): 生活补贴 extends "逐步" to 低收入家庭; 护理补贴 to 三级、四级智力和精神残疾人
# (dates assumed).
register_county_defaults(
    "511725",
    {
        "disability_living_groups": {"dibao": "2016-01-01", "low_income": "2023-01-01"},
        "disability_care_extension_from": "2023-01-01",
    },
)
# 民乐县 (notes/003.md §2.1 #2–3): 2020 covers all grade 1–2; extension to 3–4 intellectual/mental planned
# (assumed from 2023).
register_county_defaults("620722", {"disability_care_extension_from": "2023-01-01"})
# 重庆高新区 (notes/004.md §4): 审核确认权限 "全面下放" to the 镇街.
register_county_defaults("500190", {"township_confirms": True})
# 渠县 (notes/000.md §4.1): "审核确认权限逐步下放乡镇（街道）实施" — gradual, so not assumed here.
