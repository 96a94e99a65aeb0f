//! The Chinese names of the cells and parts that findings point at.

use crate::Counts;

/// The part-三 rows: (dotted path under `applications`, name as the template prints it),
/// in table order (the same order as `flat::application_rows`).
pub(crate) const APPLICATION_ROWS: [(&str, &str); 25] = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开"),
    ("withheld.state_secret", "（三）不予公开 1.属于国家秘密"),
    (
        "withheld.prohibited_by_law",
        "（三）不予公开 2.其他法律行政法规禁止公开",
    ),
    (
        "withheld.security_stability",
        "（三）不予公开 3.危及“三安全一稳定”",
    ),
    (
        "withheld.third_party_rights",
        "（三）不予公开 4.保护第三方合法权益",
    ),
    (
        "withheld.internal_affairs",
        "（三）不予公开 5.属于三类内部事务信息",
    ),
    (
        "withheld.process_information",
        "（三）不予公开 6.属于四类过程性信息",
    ),
    (
        "withheld.enforcement_files",
        "（三）不予公开 7.属于行政执法案卷",
    ),
    (
        "withheld.administrative_query",
        "（三）不予公开 8.属于行政查询事项",
    ),
    (
        "unavailable.not_held",
        "（四）无法提供 1.本机关不掌握相关政府信息",
    ),
    (
        "unavailable.needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
    ),
    (
        "unavailable.still_unclear",
        "（四）无法提供 3.补正后申请内容仍不明确",
    ),
    (
        "not_processed.complaint_petition",
        "（五）不予处理 1.信访举报投诉类申请",
    ),
    ("not_processed.duplicate", "（五）不予处理 2.重复申请"),
    (
        "not_processed.publication",
        "（五）不予处理 3.要求提供公开出版物",
    ),
    (
        "not_processed.excessive",
        "（五）不予处理 4.无正当理由大量反复申请",
    ),
    (
        "not_processed.confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        "other_handling.overdue_correction",
        "（六）其他处理 1.申请人逾期不补正",
    ),
    (
        "other_handling.overdue_fee",
        "（六）其他处理 2.申请人逾期未缴费",
    ),
    ("other_handling.other", "（六）其他处理 3.其他"),
    ("processed_total", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
];

/// The Chinese name of a cell or field by its dotted path: `applications.ROW.COLUMN`,
/// `active_disclosure.ROW.COLUMN` (2021 template), `published`, `sections.N`.
///
/// ```
/// use nianbao::audit::cell_label;
/// assert_eq!(cell_label("applications.carried_over.natural_person").as_deref(),
///            Some("表三“二、上年结转政府信息公开申请数量”自然人"));
/// assert_eq!(cell_label("active_disclosure.normative_documents.in_force").as_deref(),
///            Some("表二“行政规范性文件”现行有效件数"));
/// assert_eq!(cell_label("published").as_deref(), Some("发布日期"));
/// assert_eq!(cell_label("applications.nothing.total"), None);
/// ```
pub fn cell_label(path: &str) -> Option<String> {
    if path == "published" {
        return Some("发布日期".into());
    }
    if let Some(n) = path.strip_prefix("sections.") {
        let n: usize = n.parse().ok()?;
        let numeral = ["一", "二", "三", "四", "五", "六", "七"].get(n.checked_sub(1)?)?;
        return Some(format!("第{numeral}部分"));
    }
    let (table, rest) = path.split_once('.')?;
    let (row, column) = rest.rsplit_once('.')?;
    match table {
        "applications" => {
            let (_, name) = APPLICATION_ROWS.iter().find(|(p, _)| *p == row)?;
            let c = Counts::KEYS.iter().position(|k| *k == column)?;
            Some(format!("表三“{name}”{}", Counts::NAMES[c]))
        }
        "active_disclosure" => {
            let row = match row {
                "regulations" => "规章",
                "normative_documents" => "行政规范性文件",
                _ => return None,
            };
            let column = match column {
                "issued" => "本年制发件数",
                "repealed" => "本年废止件数",
                "in_force" => "现行有效件数",
                _ => return None,
            };
            Some(format!("表二“{row}”{column}"))
        }
        _ => None,
    }
}

/// The short name of a part-三 row (`上年结转`), for messages.
pub(crate) fn row_name(row: &str) -> &'static str {
    APPLICATION_ROWS
        .iter()
        .find(|(p, _)| *p == row)
        .map_or("", |(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_are_those_of_the_model_in_order() {
        let model: Vec<&str> = crate::flat::application_rows(&crate::Applications::default())
            .iter()
            .map(|(p, _)| *p)
            .collect();
        let here: Vec<&str> = APPLICATION_ROWS.iter().map(|(p, _)| *p).collect();
        assert_eq!(here, model);
    }
}
