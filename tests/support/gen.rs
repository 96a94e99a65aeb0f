//! Random consistent reports: every identity of report-format.md holds by
//! construction, so a parser that reads the tables back must report no error.

use nianbao::{
    ActiveDisclosure, ActiveDisclosure2019, ActiveDisclosure2021, Amount, Applications, Counts,
    Decisions, DocumentCounts, FeeItems, Fees, ItemChanges, ProcessingFees, Procurement,
    Publications, ReviewCounts, Reviews, Template,
};
use proptest::prelude::*;

/// Rows of part 三 in template order (the paths of `nianbao::flat`).
pub const APP_ROWS: usize = 25;
/// （六）1. and （六）2.: not printed in the 2019 template.
pub const OVERDUE_CORRECTION: usize = 20;
pub const OVERDUE_FEE: usize = 21;
pub const OTHER: usize = 22;
pub const TOTAL: usize = 23;
pub const FORWARD: usize = 24;
/// The part 信息处理费收取情况 among the parts of [`Spec::parts`] (after 一…六 = 0…5).
pub const FEES: usize = 6;
/// Its heading and prose.
pub const FEES_HEADING: &str = "信息处理费收取情况";
pub const FEES_PROSE: &str = "本机关依申请提供政府信息，按规定收取信息处理费。";

/// Part 二 of either template. Money and signed changes are kept as printed text.
#[derive(Debug, Clone)]
pub enum Active {
    T2021 {
        /// 规章 and 行政规范性文件: 本年制发件数, 本年废止件数, 现行有效件数.
        docs: [[u64; 3]; 2],
        /// 行政许可, 行政处罚, 行政强制: 本年处理决定数量.
        decisions: [u64; 3],
        /// 本年收费金额 in 万元, as printed (at most two decimals).
        fee: String,
    },
    T2019 {
        /// 规章 and 规范性文件: 本年新制作数量, 本年新公开数量, 对外公开总数量.
        docs: [[u64; 3]; 2],
        /// 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制:
        /// 上一年项目数量, 本年增/减 (printed, signed), 处理决定数量.
        items: [(u64, String, u64); 4],
        /// 行政事业性收费: 上一年项目数量, 本年增/减.
        fees: (u64, String),
        /// 政府集中采购: 采购项目数量, 采购总金额 (printed).
        procurement: (u64, String),
    },
}

/// A report to render: the metadata, the six parts' headings and prose, the tables.
#[derive(Debug, Clone)]
pub struct Spec {
    pub template: Template,
    pub agency: String,
    pub year: i32,
    /// Date of the signature / the portal's 发布日期: (year, month, day).
    pub published: (i32, u32, u32),
    /// Headings of parts 一…六 without their ordinal.
    pub headings: [String; 6],
    /// Whether part 六 is printed (it is optional).
    pub has_six: bool,
    /// Prose paragraphs of each part (no digits unless consistent with the tables).
    pub prose: [Vec<String>; 6],
    pub active: Active,
    /// Part 三: 25 rows × 7 columns (six applicant columns, then 总计).
    pub apps: [[u64; 7]; APP_ROWS],
    /// Part 四: three groups × (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
    pub reviews: [[u64; 5]; 3],
    /// The 信息处理费收取情况 table, printed as a part of its own after part 四 (which
    /// moves 存在的主要问题 to 六 and 其他需要报告的事项 to 七): 通知收取件数,
    /// 通知收取金额（元）, 实际收取金额（元）, the amounts as printed.
    pub fees: Option<(u64, String, String)>,
    /// Seed of the layout's own choices (line wraps, spacing, bracket widths…).
    pub style: u64,
}

impl Spec {
    /// A fixed report of the 2021 template: every count 0, one paragraph per part.
    pub fn example() -> Spec {
        Spec {
            template: Template::T2021,
            agency: "重庆市綦江区公安局".into(),
            year: 2024,
            published: (2025, 1, 24),
            headings: HEADINGS.map(|h| h[0].to_string()),
            has_six: true,
            prose: PROSE.map(|p| vec![p[0].to_string()]),
            active: Active::T2021 {
                docs: [[0; 3]; 2],
                decisions: [0; 3],
                fee: "0".into(),
            },
            apps: [[0; 7]; APP_ROWS],
            reviews: [[0; 5]; 3],
            fees: None,
            style: 1,
        }
    }

    /// Set part 三 so that every application of column `c` was new this year and
    /// granted: rows 一, （一）予以公开 and （七）总计 get `vals` (and their sum).
    pub fn set_granted(&mut self, vals: [u64; 6]) {
        let total = vals.iter().sum();
        for r in [0, 2, TOTAL] {
            self.apps[r][..6].copy_from_slice(&vals);
            self.apps[r][6] = total;
        }
    }

    /// The parts in print order: (the ordinal printed, 1…7; which part, 0…5 for
    /// 一…六 of the template or [`FEES`]).
    pub fn parts(&self) -> Vec<(u8, usize)> {
        let mut which: Vec<usize> = vec![0, 1, 2, 3];
        if self.fees.is_some() {
            which.push(FEES);
        }
        which.push(4);
        if self.has_six {
            which.push(5);
        }
        which.into_iter().zip(1u8..).map(|(p, n)| (n, p)).collect()
    }

    /// The heading of a part without its ordinal.
    pub fn heading_of(&self, part: usize) -> &str {
        match part {
            FEES => FEES_HEADING,
            p => &self.headings[p],
        }
    }

    /// The prose paragraphs of a part.
    pub fn prose_of(&self, part: usize) -> Vec<String> {
        match part {
            FEES => vec![FEES_PROSE.to_string()],
            p => self.prose[p].clone(),
        }
    }

    /// The 信息处理费收取情况 table as the parser should return it.
    pub fn expected_fees(&self) -> Option<ProcessingFees> {
        let (count, notified, collected) = self.fees.as_ref()?;
        Some(ProcessingFees {
            notified_count: Some(*count),
            notified_amount: notified.parse().ok(),
            collected_amount: collected.parse().ok(),
        })
    }

    /// Whether part 三 row `r` is printed in this template.
    pub fn prints_row(&self, r: usize) -> bool {
        self.template == Template::T2021 || (r != OVERDUE_CORRECTION && r != OVERDUE_FEE)
    }

    /// The title as printed on one line.
    pub fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.agency, self.year)
    }

    /// The publication date as the model writes it.
    pub fn published_iso(&self) -> String {
        let (y, m, d) = self.published;
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// Part 三 as the parser should return it.
    pub fn expected_applications(&self) -> Applications {
        let row = |r: usize| -> Option<Counts> {
            if !self.prints_row(r) {
                return None;
            }
            Some(Counts::from_columns(self.apps[r].map(Some)))
        };
        let mut a = Applications {
            new_received: row(0),
            carried_over: row(1),
            granted: row(2),
            partially_granted: row(3),
            processed_total: row(TOTAL),
            carried_forward: row(FORWARD),
            ..Default::default()
        };
        a.withheld.state_secret = row(4);
        a.withheld.prohibited_by_law = row(5);
        a.withheld.security_stability = row(6);
        a.withheld.third_party_rights = row(7);
        a.withheld.internal_affairs = row(8);
        a.withheld.process_information = row(9);
        a.withheld.enforcement_files = row(10);
        a.withheld.administrative_query = row(11);
        a.unavailable.not_held = row(12);
        a.unavailable.needs_creation = row(13);
        a.unavailable.still_unclear = row(14);
        a.not_processed.complaint_petition = row(15);
        a.not_processed.duplicate = row(16);
        a.not_processed.publication = row(17);
        a.not_processed.excessive = row(18);
        a.not_processed.confirmation = row(19);
        a.other_handling.overdue_correction = row(OVERDUE_CORRECTION);
        a.other_handling.overdue_fee = row(OVERDUE_FEE);
        a.other_handling.other = row(OTHER);
        a
    }

    /// Part 四 as the parser should return it.
    pub fn expected_reviews(&self) -> Reviews {
        let g = |i: usize| ReviewCounts::from_columns(self.reviews[i].map(Some));
        Reviews {
            administrative_review: g(0),
            litigation_direct: g(1),
            litigation_after_review: g(2),
        }
    }

    /// Part 二 as the parser should return it.
    pub fn expected_active(&self) -> ActiveDisclosure {
        let amount = |s: &str| -> Amount { s.parse().expect("generated amounts parse") };
        let signed = |s: &str| -> i64 { s.trim_start_matches('+').parse().unwrap() };
        match &self.active {
            Active::T2021 {
                docs,
                decisions,
                fee,
            } => {
                let d = |r: usize| DocumentCounts {
                    issued: Some(docs[r][0]),
                    repealed: Some(docs[r][1]),
                    in_force: Some(docs[r][2]),
                };
                let dec = |v: u64| Decisions { decisions: Some(v) };
                ActiveDisclosure::T2021(ActiveDisclosure2021 {
                    regulations: d(0),
                    normative_documents: d(1),
                    licensing: dec(decisions[0]),
                    penalty: dec(decisions[1]),
                    coercion: dec(decisions[2]),
                    fees: Fees {
                        amount: Some(amount(fee)),
                    },
                })
            }
            Active::T2019 {
                docs,
                items,
                fees,
                procurement,
            } => {
                let p = |r: usize| Publications {
                    made: Some(docs[r][0]),
                    published: Some(docs[r][1]),
                    total_published: Some(docs[r][2]),
                };
                let it = |i: usize| ItemChanges {
                    previous_items: Some(items[i].0),
                    change: Some(signed(&items[i].1)),
                    decisions: Some(items[i].2),
                };
                ActiveDisclosure::T2019(ActiveDisclosure2019 {
                    regulations: p(0),
                    normative_documents: p(1),
                    licensing: it(0),
                    other_services: it(1),
                    penalty: it(2),
                    coercion: it(3),
                    fees: FeeItems {
                        previous_items: Some(fees.0),
                        change: Some(signed(&fees.1)),
                    },
                    procurement: Procurement {
                        items: Some(procurement.0),
                        amount: Some(amount(&procurement.1)),
                    },
                })
            }
        }
    }
}

/// Counts that look like the years a report is about are flagged by design
/// (`cell.implausible`), so the generator of consistent reports prints none.
fn not_a_year(v: u64) -> u64 {
    if (2010..=2035).contains(&v) {
        v + 100
    } else {
        v
    }
}

/// A count as tables print them: mostly 0, sometimes small, now and then large.
pub fn count() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => Just(0u64),
        3 => 1u64..10,
        2 => 10u64..200,
        1 => (200u64..50_000).prop_map(not_a_year),
    ]
}

/// An outcome cell of part 三: sparse.
fn outcome() -> impl Strategy<Value = u64> {
    prop_oneof![
        10 => Just(0u64),
        3 => 1u64..10,
        1 => 10u64..500,
        1 => (500u64..20_000).prop_map(not_a_year),
    ]
}

/// A large count (行政许可 / 行政处罚 decisions).
fn big_count() -> impl Strategy<Value = u64> {
    prop_oneof![
        2 => Just(0u64),
        2 => 1u64..100,
        3 => (100u64..1_000_000).prop_map(not_a_year),
    ]
}

/// Money as printed: an integer or one or two decimals (`64.21`, `7730.2`, `0`).
pub fn money() -> impl Strategy<Value = String> {
    (0u64..10_000_000, 0u8..3).prop_map(|(cents, scale)| match scale {
        0 => format!("{}", not_a_year(cents / 100)),
        1 => format!("{}.{}", cents / 100, (cents % 100) / 10),
        _ => format!("{}.{:02}", cents / 100, cents % 100),
    })
}

/// A signed change as printed: `+3`, `3`, `0`, `-1`.
fn change() -> impl Strategy<Value = String> {
    (-30i64..30, any::<bool>()).prop_map(|(v, plus)| {
        if v > 0 && plus {
            format!("+{v}")
        } else {
            v.to_string()
        }
    })
}

/// Part 三 with every identity holding: per column, outcomes add up to （七）总计 and
/// 一 + 二 = （七）+ 四; per row, 总计 = the six applicant columns.
fn applications(template: Template) -> impl Strategy<Value = [[u64; 7]; APP_ROWS]> {
    (
        prop::collection::vec(outcome(), 21 * 6),
        prop::collection::vec(count(), 6),
        prop::collection::vec(any::<u64>(), 6),
    )
        .prop_map(move |(outcomes, forward, split)| {
            let mut a = [[0u64; 7]; APP_ROWS];
            for c in 0..6 {
                for (k, r) in (2..TOTAL).enumerate() {
                    let single_other = template == Template::T2019;
                    a[r][c] = if single_other && (r == OVERDUE_CORRECTION || r == OVERDUE_FEE) {
                        0
                    } else {
                        outcomes[k * 6 + c]
                    };
                }
                let processed: u64 = (2..TOTAL).map(|r| a[r][c]).sum();
                a[TOTAL][c] = processed;
                a[FORWARD][c] = forward[c];
                let have = processed + forward[c];
                // 二 (carried over) is some part of what was processed or carried forward
                let carried = if have == 0 { 0 } else { split[c] % (have + 1) };
                a[1][c] = carried;
                a[0][c] = have - carried;
            }
            for row in a.iter_mut() {
                row[6] = row[..6].iter().sum();
            }
            a
        })
}

fn reviews() -> impl Strategy<Value = [[u64; 5]; 3]> {
    prop::array::uniform3(prop::array::uniform4(prop_oneof![
        6 => Just(0u64),
        3 => 1u64..10,
        1 => 10u64..300,
    ]))
    .prop_map(|g| {
        g.map(|v| {
            let t = v.iter().sum();
            [v[0], v[1], v[2], v[3], t]
        })
    })
}

fn active(template: Template) -> BoxedStrategy<Active> {
    let docs = prop::array::uniform2(prop::array::uniform3(count()));
    match template {
        Template::T2021 => (docs, prop::array::uniform3(big_count()), money())
            .prop_map(|(docs, decisions, fee)| Active::T2021 {
                docs,
                decisions,
                fee,
            })
            .boxed(),
        Template::T2019 => (
            docs,
            prop::array::uniform4((count(), change(), big_count())),
            (count(), change()),
            (count(), money()),
        )
            .prop_map(|(docs, items, fees, procurement)| Active::T2019 {
                docs,
                items,
                fees,
                procurement,
            })
            .boxed(),
    }
}

const PLACES: [&str; 8] = [
    "重庆市綦江区",
    "重庆市开州区",
    "重庆市铜梁区",
    "淮安市洪泽区",
    "平潭综合实验区",
    "上海市",
    "杭州市西湖区",
    "成都市武侯区",
];
const BODIES: [&str; 8] = [
    "公安局",
    "人民政府",
    "司法局",
    "城市管理局",
    "人民政府办公厅",
    "教育委员会",
    "市场监督管理局",
    "卫生健康委员会",
];

const HEADINGS: [&[&str]; 6] = [
    &["总体情况"],
    &["主动公开政府信息情况", "行政机关主动公开政府信息情况"],
    &["收到和处理政府信息公开申请情况"],
    &[
        "政府信息公开行政复议、行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ],
    &[
        "存在的主要问题及改进情况",
        "当前存在的主要问题及下步改进措施",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进情况",
    ],
    &["其他需要报告的事项"],
];

const PROSE: [&[&str]; 6] = [
    &[
        "本机关坚持以公开为常态、不公开为例外，扎实推进政务公开工作。",
        "（一）主动公开方面。及时公开机构职能、政策文件、办事指南等信息。",
        "（二）依申请公开方面。严格按照法定程序受理、办理和答复。",
        "（三）政府信息管理方面。落实公文公开属性认定和发布审核制度。",
        "（四）平台建设方面。加强政府网站和政务新媒体的日常管理。",
        "（五）监督保障方面。明确分管领导和具体工作人员，压实工作责任。",
    ],
    &["（一）主动公开政府信息情况"],
    &["（一）依申请公开办理情况"],
    &["本机关依法应诉，认真履行生效裁判。"],
    &[
        "（一）存在的主要问题。政策解读的形式还不够丰富。",
        "（二）改进措施。进一步加强业务培训，提升工作人员能力。",
        "信息更新的及时性还需提高，下一步将加强日常监督。",
    ],
    &[
        "本机关未收取信息处理费。",
        "无其他需要报告的事项。",
        "本机关严格落实信息处理费管理办法，全年未发出收费通知。",
    ],
];

prop_compose! {
    fn prose_of(part: usize)(n in 0usize..=PROSE[part].len(), start in 0usize..8) -> Vec<String> {
        let pool = PROSE[part];
        let n = if part == 0 || part == 4 { n.max(1) } else { n };
        (0..n).map(|i| pool[(start + i) % pool.len()].to_string()).collect()
    }
}

/// The 信息处理费收取情况 table of a 2021-template report, now and then: counts and
/// amounts (whole yuan, or with 角/分), 实际收取 at most 通知收取.
fn fees(template: Template) -> BoxedStrategy<Option<(u64, String, String)>> {
    if template == Template::T2019 {
        return Just(None).boxed();
    }
    prop::option::weighted(
        0.3,
        (count(), 0u64..200_000, 0u64..=100, any::<bool>()).prop_map(
            |(count, cents, share, decimals)| {
                let collected = cents * share / 100;
                let print = |c: u64| match decimals {
                    true => format!("{}.{:02}", c / 100, c % 100),
                    false => not_a_year(c / 100).to_string(),
                };
                let notified = print(cents);
                let collected = if decimals {
                    print(collected)
                } else {
                    (not_a_year(collected / 100))
                        .min(not_a_year(cents / 100))
                        .to_string()
                };
                (count, notified, collected)
            },
        ),
    )
    .boxed()
}

/// A random consistent report of `template`.
pub fn spec(template: Template) -> impl Strategy<Value = Spec> {
    let years = match template {
        Template::T2021 => 2021..=2025,
        Template::T2019 => 2019..=2020,
    };
    let heading = |i: usize| prop::sample::select(HEADINGS[i]).prop_map(str::to_string);
    (
        (
            prop::sample::select(&PLACES[..]),
            prop::sample::select(&BODIES[..]),
            years,
            (1u32..=3, 1u32..=28),
            any::<bool>(),
            any::<u64>(),
        ),
        [
            heading(0),
            heading(1),
            heading(2),
            heading(3),
            heading(4),
            heading(5),
        ],
        [
            prose_of(0),
            prose_of(1),
            prose_of(2),
            prose_of(3),
            prose_of(4),
            prose_of(5),
        ],
        (
            active(template),
            applications(template),
            reviews(),
            any::<(bool, bool)>(),
            any::<(bool, u16)>(),
            fees(template),
        ),
    )
        .prop_map(
            move |(
                (place, body, year, (month, day), has_six, style),
                headings,
                mut prose,
                (active, apps, reviews, (say_received, say_review), (say_before, published), fees),
            )| {
                // prose that states numbers agrees with the tables
                if say_received {
                    prose[0].push(format!(
                        "全年共收到政府信息公开申请{}件，均已按时答复。",
                        apps[0][6]
                    ));
                }
                if say_review {
                    prose[0].push(format!(
                        "全年因政府信息公开被申请行政复议{}件。",
                        reviews[0][4]
                    ));
                }
                // sentences with numbers between a part's heading and its table
                // (`规范性文件类6条`, `共收到政府信息公开申请0条`): never rows
                if say_before {
                    let p = u64::from(published);
                    prose[1].insert(
                        0,
                        format!(
                            "{year}年，主动公开政府信息{}条，涵盖政策及规范性文件类{}条。",
                            p + 7,
                            p % 7
                        ),
                    );
                    prose[2].insert(
                        0,
                        format!("{year}年，共收到政府信息公开申请{}条。", apps[0][6]),
                    );
                    prose[3].insert(
                        0,
                        format!(
                            "{year}年，因政府信息公开被申请行政复议{}件。",
                            reviews[0][4]
                        ),
                    );
                }
                Spec {
                    template,
                    agency: format!("{place}{body}"),
                    year,
                    published: (year + 1, month, day),
                    headings,
                    has_six,
                    prose,
                    active,
                    apps,
                    reviews,
                    fees,
                    style,
                }
            },
        )
}

/// How many ways `digits` splits into `n` counts as a table prints them (no leading
/// zero), such that `ok(values)` holds; stops counting at `limit`.
pub fn splits(digits: &str, n: usize, ok: &dyn Fn(&[u64]) -> bool, limit: usize) -> usize {
    fn rec(
        d: &[u8],
        n: usize,
        cur: &mut Vec<u64>,
        ok: &dyn Fn(&[u64]) -> bool,
        found: &mut usize,
        limit: usize,
    ) {
        if *found >= limit {
            return;
        }
        if cur.len() == n {
            if d.is_empty() && ok(cur) {
                *found += 1;
            }
            return;
        }
        let left = n - cur.len();
        if d.len() < left {
            return;
        }
        let max = if d[0] == b'0' {
            1
        } else {
            (d.len() - left + 1).min(18)
        };
        for len in 1..=max {
            let v: u64 = std::str::from_utf8(&d[..len]).unwrap().parse().unwrap();
            cur.push(v);
            rec(&d[len..], n, cur, ok, found, limit);
            cur.pop();
        }
    }
    let mut found = 0;
    rec(digits.as_bytes(), n, &mut Vec::new(), ok, &mut found, limit);
    found
}
