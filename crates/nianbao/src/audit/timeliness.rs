//! Was a report published by its statutory deadline (《政府信息公开条例》第四十九条)?

use crate::codes;

use super::{finding, BodyKind, Finding, Group, Value};

/// The statutory deadline of a report for `year` by a body of `kind`, as `YYYY-MM-DD`:
/// 1月31日 of the next year for a department, 3月31日 for a 县级以上人民政府.
///
/// ```
/// use nianbao::audit::{deadline, BodyKind};
/// assert_eq!(deadline(BodyKind::Department, 2023), "2024-01-31");
/// assert_eq!(deadline(BodyKind::Government, 2023), "2024-03-31");
/// ```
pub fn deadline(kind: BodyKind, year: i32) -> String {
    let (y, m, d) = kind.deadline(year);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A `YYYY-MM-DD` date as days since 1970-01-01, or `None` when it is not a real date
/// (the dataset columns' [`crate::flat::date_days`]).
pub(crate) fn days(date: &str) -> Option<i64> {
    crate::flat::date_days(date).map(i64::from)
}

/// `timeliness.late` / `timeliness.not_assessable` for every report of a body.
pub(crate) fn check_body(group: &Group<'_>, out: &mut Vec<Finding>) {
    let key = group.key.as_str();
    for e in &group.entries {
        let Some(year) = e.report.year else { continue };
        let published = e.report.published.as_deref();
        let date_side = |value: Option<&str>| {
            e.side(Some("published"), value.map(|v| Value::Text(v.to_string())))
        };
        let not_assessable = |why: String, value: Option<&str>| {
            finding(
                codes::TIMELINESS_NOT_ASSESSABLE,
                format!("无法核对{}的发布时限{why}", e.called()),
                Some(key),
                Some(year),
                vec![date_side(value)],
            )
        };
        let Some(kind) = group.kind else {
            out.push(not_assessable(
                format!("：无法从机关名称“{key}”判断其公布期限（乡镇、街道的期限由上级规定），可在调用时指定机关类型"),
                published,
            ));
            continue;
        };
        let due = deadline(kind, year);
        let Some(date) = published else {
            out.push(not_assessable(
                format!("（应于{due}前公布）：报告未给出发布日期"),
                None,
            ));
            continue;
        };
        let (Some(at), Some(limit)) = (days(date), days(&due)) else {
            out.push(not_assessable(
                format!("：发布日期“{date}”不是有效日期"),
                Some(date),
            ));
            continue;
        };
        if at > limit {
            let (_, month, _) = kind.deadline(year);
            out.push(finding(
                codes::TIMELINESS_LATE,
                format!(
                    "{}发布日期为{date}，晚于法定期限{due}，逾期{}天（《政府信息公开条例》第四十九条：{}应于每年{month}月31日前公布上一年度报告）",
                    e.called(),
                    at - limit,
                    kind.chinese()
                ),
                Some(key),
                Some(year),
                vec![date_side(Some(date))],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(
            days("2024-02-29")
                .zip(days("2024-03-01"))
                .map(|(a, b)| b - a),
            Some(1)
        );
        assert_eq!(days("2023-02-29"), None);
        assert_eq!(days("2023-13-01"), None);
        assert_eq!(days("2023-1"), None);
        assert_eq!(days("x"), None);
    }
}
