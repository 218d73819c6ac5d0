"""Business settings of the community registers, per county (``county_setting(name, county_code)``).

National defaults first; deployments override them in ``settings.CIVILAFFAIRS`` (``{"counties": {"500119": {...}}}``).
"""

from civilaffairs.conf import register_defaults

register_defaults(
    {
        # Which 公共服务综合信息平台 count for the information-platform coverage indicators. The plans do not name
        # the platform (南川区 plan rows 14-15 notes); a county lists the ones it recognises.
        "community_recognised_platforms": ["national", "provincial", "county"],
        # 社会组织年度报告 (年检): reports on the previous year are due by 31 May
        # (《社会团体登记管理条例》第二十八条; 《社会组织年度检查暂行办法》: 每年1月1日至5月31日).
        # After that an organisation without one is a to-do.
        "community_annual_report_due_month": 5,
        "community_annual_report_due_day": 31,
        # The 福彩中心 sends the monthly sales report of each outlet by the 10th of the following month.
        "community_sales_return_due_day": 10,
    }
)
