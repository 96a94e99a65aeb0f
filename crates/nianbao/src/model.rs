//! The typed report model.
//!
//! Serialised with serde, every type here produces exactly the JSON shape of the
//! public contract (`output-schema.md`): English `snake_case` keys, every key always
//! present, `null` for a value the report does not give.

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "tsify")]
use tsify::Tsify;

/// A parsed 政府信息公开工作年度报告.
///
/// ```
/// let text = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt"
/// )).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// assert_eq!(report.year, Some(2024));
/// assert_eq!(report.template, Some(nianbao::Template::T2021));
/// let apps = report.applications.as_ref().unwrap();
/// assert_eq!(apps.new_received.as_ref().unwrap().total, Some(4));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The title as printed, its lines joined (重庆市綦江区公安局2024年政府信息公开工作年度报告).
    pub title: Option<String>,
    /// The reporting body (重庆市綦江区公安局).
    pub agency: Option<String>,
    /// The year reported on, not the year of publication.
    pub year: Option<i32>,
    /// Date of issue as `YYYY-MM-DD`: the page's 发布日期 line, else the signature date.
    pub published: Option<String>,
    /// Which national table format the tables follow, detected from the table headers.
    pub template: Option<Template>,
    /// The numbered parts 一 … 七 in document order.
    pub sections: Vec<Section>,
    /// Table of part 二 (主动公开政府信息情况); its shape depends on [`Report::template`].
    pub active_disclosure: Option<ActiveDisclosure>,
    /// Table of part 三 (收到和处理政府信息公开申请情况).
    pub applications: Option<Applications>,
    /// Table of part 四 (政府信息公开行政复议、行政诉讼情况).
    pub reviews: Option<Reviews>,
    /// The 信息处理费收取情况 table that some reports for 2025 on add as a part of its
    /// own; `None` when the report has none.
    pub processing_fees: Option<ProcessingFees>,
    /// Every problem found, most severe first.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each table cell stood in the text (see [`Report::cell_position`]). Not
    /// part of the JSON shape, and not part of the report's value: two reports that
    /// differ only in where their cells stood compare equal.
    #[serde(skip)]
    #[cfg_attr(feature = "tsify", tsify(skip))]
    pub cells: CellPositions,
}

impl Report {
    /// Whether any diagnostic has severity [`Severity::Error`].
    ///
    /// ```
    /// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
    /// let report = nianbao::parse_report(&text).unwrap();
    /// assert!(!report.has_errors());
    /// ```
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics of one severity, in report order.
    ///
    /// ```
    /// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
    /// let report = nianbao::parse_report(&text).unwrap();
    /// assert_eq!(report.diagnostics_of(nianbao::Severity::Error).count(), 0);
    /// ```
    pub fn diagnostics_of(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity == severity)
    }

    /// Where a table cell stood in the text the report was parsed from, by its dotted
    /// JSON path (`applications.carried_over.total`,
    /// `active_disclosure.normative_documents.in_force`, `processing_fees.notified_count`).
    /// `None` for a cell the text did not have, and for a report read back from JSON.
    ///
    /// ```
    /// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
    /// let report = nianbao::parse_report(&text).unwrap();
    /// let at = report.cell_position("applications.new_received.total").unwrap();
    /// assert!(at.line > 80);
    /// assert_eq!(report.cell_position("applications.no_such_row.total"), None);
    /// ```
    pub fn cell_position(&self, path: &str) -> Option<Position> {
        self.cells.get(path)
    }

    /// Fill in the page of every diagnostic and cell position from its line (for
    /// inputs with pages: PDF files).
    pub(crate) fn set_pages(&mut self, page_of: impl Fn(u32) -> Option<u32>) {
        for d in &mut self.diagnostics {
            d.page = d.line.and_then(&page_of);
        }
        for (_, at) in &mut self.cells.0 {
            at.page = page_of(at.line);
        }
    }
}

/// A place in the text a report was parsed from.
///
/// ```
/// let p = nianbao::Position { line: 3, column: 1, page: None };
/// assert_eq!(p.line, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// 1-based page, where the input was a PDF.
    pub page: Option<u32>,
}

/// Where the table cells of a [`Report`] stood in its text, by JSON path.
///
/// Every `CellPositions` compares equal to every other: positions are where a value
/// was found, not part of the value.
///
/// ```
/// let p = nianbao::CellPositions::default();
/// assert!(p.is_empty());
/// assert_eq!(p.get("applications.new_received.total"), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct CellPositions(Vec<(CellPath, Position)>);

/// A cell's path split in three: table, row (possibly dotted), column.
pub(crate) type CellPath = (&'static str, &'static str, &'static str);

impl CellPositions {
    pub(crate) fn with_capacity(n: usize) -> Self {
        CellPositions(Vec::with_capacity(n))
    }

    pub(crate) fn push(&mut self, path: CellPath, at: Position) {
        self.0.push((path, at));
    }

    /// The position of the cell at a dotted JSON path.
    pub fn get(&self, path: &str) -> Option<Position> {
        let (table, rest) = path.split_once('.')?;
        let (row, column) = rest.rsplit_once('.').unwrap_or(("", rest));
        self.0
            .iter()
            .rev()
            .find(|((t, r, c), _)| *t == table && *r == row && *c == column)
            .map(|(_, p)| *p)
    }

    /// Every recorded cell as (dotted path, position), in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = (String, Position)> + '_ {
        self.0.iter().map(|((t, r, c), p)| match r.is_empty() {
            true => (format!("{t}.{c}"), *p),
            false => (format!("{t}.{r}.{c}"), *p),
        })
    }

    /// Whether no position is recorded (a report read back from JSON).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for CellPositions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The national table format a report follows.
///
/// ```
/// assert_eq!(nianbao::Template::T2021.as_str(), "2021");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
pub enum Template {
    /// 国办公开办函〔2021〕30号, report years 2021 and later.
    #[serde(rename = "2021")]
    T2021,
    /// 国办公开办函〔2019〕60号, report years 2019 and 2020.
    #[serde(rename = "2019")]
    T2019,
}

impl Template {
    /// The template as it is written in JSON (`"2021"` or `"2019"`).
    ///
    /// ```
    /// assert_eq!(nianbao::Template::T2019.as_str(), "2019");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Template::T2021 => "2021",
            Template::T2019 => "2019",
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One numbered part (一 … 七) of the report.
///
/// ```
/// let s = nianbao::Section { number: 1, heading: "总体情况".into(), text: String::new(), line: 8 };
/// assert_eq!(s.number, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// 1 for 一, … 7 for 七 (七 where 五 is 信息处理费收取情况 and the rest move on by one).
    pub number: u8,
    /// The heading as written, without its ordinal (`总体情况`).
    pub heading: String,
    /// The prose of the part, with its table removed.
    pub text: String,
    /// 1-based line of the heading.
    pub line: u32,
}

/// Table of part 二 in either template.
///
/// ```
/// use nianbao::ActiveDisclosure;
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// match report.active_disclosure {
///     Some(ActiveDisclosure::T2021(t)) => assert_eq!(t.licensing.decisions, Some(118487)),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
#[serde(untagged)]
pub enum ActiveDisclosure {
    /// The 2021 template's table.
    T2021(ActiveDisclosure2021),
    /// The 2019 template's table.
    T2019(ActiveDisclosure2019),
}

/// Table of part 二, template 2021.
///
/// ```
/// let t = nianbao::ActiveDisclosure2021::default();
/// assert_eq!(t.fees.amount, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ActiveDisclosure2021 {
    /// 规章.
    pub regulations: DocumentCounts,
    /// 行政规范性文件.
    pub normative_documents: DocumentCounts,
    /// 行政许可.
    pub licensing: Decisions,
    /// 行政处罚.
    pub penalty: Decisions,
    /// 行政强制.
    pub coercion: Decisions,
    /// 行政事业性收费.
    pub fees: Fees,
}

/// 本年制发件数 / 本年废止件数 / 现行有效件数 (template 2021).
///
/// ```
/// let c = nianbao::DocumentCounts { issued: Some(1), repealed: Some(0), in_force: Some(1) };
/// assert_eq!(c.in_force, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct DocumentCounts {
    /// 本年制发件数.
    pub issued: Option<u64>,
    /// 本年废止件数.
    pub repealed: Option<u64>,
    /// 现行有效件数.
    pub in_force: Option<u64>,
}

/// 本年处理决定数量.
///
/// ```
/// let d = nianbao::Decisions { decisions: Some(5626) };
/// assert_eq!(d.decisions, Some(5626));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// 本年处理决定数量.
    pub decisions: Option<u64>,
}

/// 本年收费金额 in 万元.
///
/// ```
/// let f = nianbao::Fees { amount: "64.21".parse().ok() };
/// assert_eq!(f.amount.unwrap().to_string(), "64.21");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Fees {
    /// 本年收费金额（单位：万元）.
    #[cfg_attr(feature = "tsify", tsify(type = "number | null"))]
    pub amount: Option<Amount>,
}

/// Table of part 二, template 2019.
///
/// ```
/// let t = nianbao::ActiveDisclosure2019::default();
/// assert_eq!(t.procurement.items, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ActiveDisclosure2019 {
    /// 规章.
    pub regulations: Publications,
    /// 规范性文件.
    pub normative_documents: Publications,
    /// 行政许可.
    pub licensing: ItemChanges,
    /// 其他对外管理服务事项.
    pub other_services: ItemChanges,
    /// 行政处罚.
    pub penalty: ItemChanges,
    /// 行政强制.
    pub coercion: ItemChanges,
    /// 行政事业性收费.
    pub fees: FeeItems,
    /// 政府集中采购.
    pub procurement: Procurement,
}

/// 本年新制作数量 / 本年新公开数量 / 对外公开总数量 (template 2019).
///
/// ```
/// let p = nianbao::Publications::default();
/// assert_eq!(p.made, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Publications {
    /// 本年新制作数量.
    pub made: Option<u64>,
    /// 本年新公开数量.
    pub published: Option<u64>,
    /// 对外公开总数量.
    pub total_published: Option<u64>,
}

/// 上一年项目数量 / 本年增/减 / 处理决定数量 (template 2019).
///
/// ```
/// let i = nianbao::ItemChanges { previous_items: Some(12), change: Some(-1), decisions: Some(300) };
/// assert_eq!(i.change, Some(-1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ItemChanges {
    /// 上一年项目数量.
    pub previous_items: Option<u64>,
    /// 本年增/减 (signed).
    pub change: Option<i64>,
    /// 处理决定数量.
    pub decisions: Option<u64>,
}

/// 上一年项目数量 / 本年增/减 of 行政事业性收费 (template 2019).
///
/// ```
/// let f = nianbao::FeeItems::default();
/// assert_eq!(f.change, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct FeeItems {
    /// 上一年项目数量.
    pub previous_items: Option<u64>,
    /// 本年增/减 (signed).
    pub change: Option<i64>,
}

/// 采购项目数量 / 采购总金额 (template 2019).
///
/// ```
/// let p = nianbao::Procurement { items: Some(4), amount: "25.1".parse().ok() };
/// assert_eq!(p.amount.unwrap().to_string(), "25.1");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 采购项目数量.
    pub items: Option<u64>,
    /// 采购总金额, the number as printed (the template fixes no unit).
    #[cfg_attr(feature = "tsify", tsify(type = "number | null"))]
    pub amount: Option<Amount>,
}

/// The 信息处理费收取情况 table (reports for 2025 on, where present).
///
/// ```
/// let f = nianbao::ProcessingFees { notified_count: Some(1), notified_amount: "800".parse().ok(), collected_amount: "0".parse().ok() };
/// assert_eq!(f.notified_count, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ProcessingFees {
    /// 通知收取件数.
    pub notified_count: Option<u64>,
    /// 通知收取金额（元）, in yuan as printed.
    #[cfg_attr(feature = "tsify", tsify(type = "number | null"))]
    pub notified_amount: Option<Amount>,
    /// 实际收取金额（元）, in yuan as printed.
    #[cfg_attr(feature = "tsify", tsify(type = "number | null"))]
    pub collected_amount: Option<Amount>,
}

/// One row of part 三 over the seven applicant columns.
///
/// ```
/// let c = nianbao::Counts { natural_person: Some(3), commercial_enterprise: Some(1),
///     research_institution: Some(0), social_welfare_org: Some(0), legal_service_org: Some(0),
///     other_org: Some(0), total: Some(4) };
/// assert_eq!(c.columns()[6], Some(4));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// 自然人.
    pub natural_person: Option<u64>,
    /// 商业企业.
    pub commercial_enterprise: Option<u64>,
    /// 科研机构.
    pub research_institution: Option<u64>,
    /// 社会公益组织.
    pub social_welfare_org: Option<u64>,
    /// 法律服务机构.
    pub legal_service_org: Option<u64>,
    /// 其他 (法人或其他组织).
    pub other_org: Option<u64>,
    /// 总计.
    pub total: Option<u64>,
}

impl Counts {
    /// JSON keys of the seven columns, in table order.
    pub const KEYS: [&'static str; 7] = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ];
    /// Chinese names of the seven columns, in table order.
    pub const NAMES: [&'static str; 7] = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ];

    /// Build a row from its seven cells in table order.
    ///
    /// ```
    /// let c = nianbao::Counts::from_columns([Some(1), None, None, None, None, None, Some(1)]);
    /// assert_eq!(c.total, Some(1));
    /// ```
    pub fn from_columns(c: [Option<u64>; 7]) -> Self {
        Counts {
            natural_person: c[0],
            commercial_enterprise: c[1],
            research_institution: c[2],
            social_welfare_org: c[3],
            legal_service_org: c[4],
            other_org: c[5],
            total: c[6],
        }
    }

    /// The seven cells in table order.
    ///
    /// ```
    /// let c = nianbao::Counts::default();
    /// assert!(c.columns().iter().all(Option::is_none));
    /// ```
    pub fn columns(&self) -> [Option<u64>; 7] {
        [
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.social_welfare_org,
            self.legal_service_org,
            self.other_org,
            self.total,
        ]
    }
}

/// Table of part 三.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// let a = report.applications.unwrap();
/// assert_eq!(a.withheld.enforcement_files.unwrap().total, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Applications {
    /// 一、本年新收政府信息公开申请数量.
    pub new_received: Option<Counts>,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_over: Option<Counts>,
    /// （一）予以公开.
    pub granted: Option<Counts>,
    /// （二）部分公开.
    pub partially_granted: Option<Counts>,
    /// （三）不予公开.
    pub withheld: Withheld,
    /// （四）无法提供.
    pub unavailable: Unavailable,
    /// （五）不予处理.
    pub not_processed: NotProcessed,
    /// （六）其他处理.
    pub other_handling: OtherHandling,
    /// （七）总计.
    pub processed_total: Option<Counts>,
    /// 四、结转下年度继续办理.
    pub carried_forward: Option<Counts>,
}

/// （三）不予公开 and its eight reasons.
///
/// ```
/// assert_eq!(nianbao::Withheld::default().state_secret, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Withheld {
    /// 1.属于国家秘密.
    pub state_secret: Option<Counts>,
    /// 2.其他法律行政法规禁止公开.
    pub prohibited_by_law: Option<Counts>,
    /// 3.危及“三安全一稳定”.
    pub security_stability: Option<Counts>,
    /// 4.保护第三方合法权益.
    pub third_party_rights: Option<Counts>,
    /// 5.属于三类内部事务信息.
    pub internal_affairs: Option<Counts>,
    /// 6.属于四类过程性信息.
    pub process_information: Option<Counts>,
    /// 7.属于行政执法案卷.
    pub enforcement_files: Option<Counts>,
    /// 8.属于行政查询事项.
    pub administrative_query: Option<Counts>,
}

/// （四）无法提供 and its three reasons.
///
/// ```
/// assert_eq!(nianbao::Unavailable::default().not_held, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Unavailable {
    /// 1.本机关不掌握相关政府信息.
    pub not_held: Option<Counts>,
    /// 2.没有现成信息需要另行制作.
    pub needs_creation: Option<Counts>,
    /// 3.补正后申请内容仍不明确.
    pub still_unclear: Option<Counts>,
}

/// （五）不予处理 and its five reasons.
///
/// ```
/// assert_eq!(nianbao::NotProcessed::default().duplicate, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct NotProcessed {
    /// 1.信访举报投诉类申请.
    pub complaint_petition: Option<Counts>,
    /// 2.重复申请.
    pub duplicate: Option<Counts>,
    /// 3.要求提供公开出版物.
    pub publication: Option<Counts>,
    /// 4.无正当理由大量反复申请.
    pub excessive: Option<Counts>,
    /// 5.要求行政机关确认或重新出具已获取信息.
    pub confirmation: Option<Counts>,
}

/// （六）其他处理. In the 2019 template it is one row, stored in `other`.
///
/// ```
/// assert_eq!(nianbao::OtherHandling::default().other, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct OtherHandling {
    /// 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请.
    pub overdue_correction: Option<Counts>,
    /// 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请.
    pub overdue_fee: Option<Counts>,
    /// 3.其他 (or the whole single row of the 2019 template).
    pub other: Option<Counts>,
}

/// Table of part 四.
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/qijiang-gongan-2024.txt")).unwrap();
/// let report = nianbao::parse_report(&text).unwrap();
/// assert_eq!(report.reviews.unwrap().administrative_review.upheld, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Reviews {
    /// 行政复议.
    pub administrative_review: ReviewCounts,
    /// 行政诉讼 · 未经复议直接起诉.
    pub litigation_direct: ReviewCounts,
    /// 行政诉讼 · 复议后起诉.
    pub litigation_after_review: ReviewCounts,
}

/// The five outcome columns of one group of part 四.
///
/// ```
/// let r = nianbao::ReviewCounts::from_columns([Some(1), Some(0), Some(0), Some(0), Some(1)]);
/// assert_eq!(r.total, Some(1));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct ReviewCounts {
    /// 结果维持.
    pub upheld: Option<u64>,
    /// 结果纠正.
    pub corrected: Option<u64>,
    /// 其他结果.
    pub other: Option<u64>,
    /// 尚未审结.
    pub pending: Option<u64>,
    /// 总计.
    pub total: Option<u64>,
}

impl ReviewCounts {
    /// JSON keys of the five columns, in table order.
    pub const KEYS: [&'static str; 5] = ["upheld", "corrected", "other", "pending", "total"];
    /// Chinese names of the five columns, in table order.
    pub const NAMES: [&'static str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    /// Build a group from its five cells in table order.
    ///
    /// ```
    /// let r = nianbao::ReviewCounts::from_columns([None; 5]);
    /// assert_eq!(r.upheld, None);
    /// ```
    pub fn from_columns(c: [Option<u64>; 5]) -> Self {
        ReviewCounts {
            upheld: c[0],
            corrected: c[1],
            other: c[2],
            pending: c[3],
            total: c[4],
        }
    }

    /// The five cells in table order.
    ///
    /// ```
    /// assert_eq!(nianbao::ReviewCounts::default().columns(), [None; 5]);
    /// ```
    pub fn columns(&self) -> [Option<u64>; 5] {
        [
            self.upheld,
            self.corrected,
            self.other,
            self.pending,
            self.total,
        ]
    }
}

/// How serious a [`Diagnostic`] is.
///
/// ```
/// assert!(nianbao::Severity::Error < nianbao::Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report contradicts itself or the template.
    Error,
    /// Probably wrong, or could not be checked.
    Warning,
    /// For information (for example an identity that could not be assessed).
    Info,
}

impl Severity {
    /// The severity as written in JSON.
    ///
    /// ```
    /// assert_eq!(nianbao::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a report. See [`crate::codes`] for every code.
///
/// ```
/// let d = nianbao::Diagnostic {
///     code: "applications.balance".into(), severity: nianbao::Severity::Error,
///     message: "…".into(), line: Some(120), column: Some(2), page: None,
/// };
/// assert!(d.code.starts_with("applications."));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify), tsify(missing_as_null))]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// Stable dotted id (`applications.balance`).
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// For people, in Chinese: which cells and which values.
    pub message: String,
    /// 1-based line of the cell or label concerned.
    pub line: Option<u32>,
    /// 1-based column (in characters) of the cell or label concerned.
    pub column: Option<u32>,
    /// 1-based page of the cell or label concerned, where the input was a PDF;
    /// `null` otherwise.
    #[serde(default)]
    pub page: Option<u32>,
}

/// An exact decimal number as printed in a cell (money: 64.21 万元, 75394432.52元).
///
/// Kept as digits and a scale so that nothing is lost to binary floating point; it
/// serialises to a JSON number (an integer when it has no decimals). At most 15
/// significant digits are accepted, so the JSON number is exact in every language.
///
/// ```
/// let a: nianbao::Amount = "7730.28".parse().unwrap();
/// assert_eq!(a.to_string(), "7730.28");
/// assert_eq!(a.to_f64(), 7730.28);
/// assert_eq!("1.50".parse::<nianbao::Amount>().unwrap(), "1.5".parse().unwrap());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    mantissa: i128,
    scale: u32,
}

impl Amount {
    /// The same number without trailing zeros after the decimal point.
    fn normalized(self) -> (i128, u32) {
        let (mut m, mut s) = (self.mantissa, self.scale);
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        (m, s)
    }
}

/// Numeric equality: `73802895.90` equals `73802895.9`.
impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        // the same digits and decimals, as most amounts compared are, at once
        (self.mantissa == other.mantissa && self.scale == other.scale)
            || self.normalized() == other.normalized()
    }
}

impl Eq for Amount {}

impl std::hash::Hash for Amount {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.normalized().hash(state);
    }
}

/// The reason a text is not an [`Amount`].
///
/// ```
/// assert!("abc".parse::<nianbao::Amount>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal number: {0:?}")]
pub struct AmountError(pub String);

impl Amount {
    /// The number of digits after the decimal point as printed.
    ///
    /// ```
    /// assert_eq!("64.21".parse::<nianbao::Amount>().unwrap().scale(), 2);
    /// ```
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The value as the nearest `f64`.
    ///
    /// ```
    /// assert_eq!("1.5".parse::<nianbao::Amount>().unwrap().to_f64(), 1.5);
    /// ```
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// The value when it is a whole number that fits an `i64`.
    ///
    /// ```
    /// assert_eq!("7545".parse::<nianbao::Amount>().unwrap().as_integer(), Some(7545));
    /// assert_eq!("1.5".parse::<nianbao::Amount>().unwrap().as_integer(), None);
    /// ```
    pub fn as_integer(&self) -> Option<i64> {
        if self.scale == 0 {
            i64::try_from(self.mantissa).ok()
        } else {
            None
        }
    }
    /// The digits and the scale: `64.21` is `(6421, 2)`.
    pub(crate) fn parts(self) -> (i128, u32) {
        (self.mantissa, self.scale)
    }

    /// The number of `mantissa` digits with `scale` of them after the point.
    pub(crate) fn from_parts(mantissa: i128, scale: u32) -> Amount {
        Amount { mantissa, scale }
    }
}

impl std::str::FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || AmountError(s.to_string());
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(err());
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || frac.len() > 18 {
            return Err(err());
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or_else(err)?;
        }
        // at most 15 significant digits: exact as a JSON / JavaScript number
        if mantissa >= 10i128.pow(15) {
            return Err(err());
        }
        Ok(Amount {
            mantissa: if neg { -mantissa } else { mantissa },
            scale: frac.len() as u32,
        })
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if neg {
            f.write_str("-")?;
        }
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = if digits.len() <= scale {
            format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
        } else {
            digits
        };
        let (i, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{i}.{frac}")
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_integer() {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(self.to_f64()),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount {
                    mantissa: i128::from(v),
                    scale: 0,
                })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount {
                    mantissa: i128::from(v),
                    scale: 0,
                })
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom("amount must be finite"));
                }
                format!("{v}").parse().map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}
