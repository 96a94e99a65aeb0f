//! Writing a [`Spec`] in every text layout the parser reads, remembering where each
//! value cell went (byte span, and the line diagnostics will name).
//!
//! The shapes copy the real reports in `tests/fixtures`: tab cells one per line
//! (`qijiang-gongan-2024.txt`), pipe rows (`kaizhou-gongan-2021.txt`), one cell per
//! paragraph (`tongliang-gongan-2025.txt`), markdown tables, `pdftotext -layout`
//! columns (`hongze-quzhengfu-2023.layout.txt`), a page flattened onto one line with
//! glued digits (`pingtan-shiyanqu-2022.txt`), and an HTML page with rowspan/colspan
//! (read through `parse_bytes`).

use std::collections::{HashMap, HashSet};

use nianbao::Template;

use super::gen::{splits, Active, Spec, FEES, FORWARD, OTHER, OVERDUE_CORRECTION, TOTAL};

/// The layouts of report-format.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// DOCX converted to text: each cell on its own line behind a tab.
    Tabbed,
    /// Pipe rows: `规章 | 0 | 0 | 0 |`, merged cells collapsed into `||`.
    Piped,
    /// An HTML page flattened to text: one cell per paragraph, blank lines between.
    Paragraphs,
    /// Markdown tables with a `|---|` rule.
    Markdown,
    /// `pdftotext -layout`: columns aligned with runs of spaces, page numbers.
    Spaced,
    /// A page flattened onto one line: digits of neighbouring cells glued.
    Glued,
    /// The HTML page itself (`<table>` with rowspan/colspan), through `parse_bytes`.
    Html,
}

pub const ALL: [Layout; 7] = [
    Layout::Tabbed,
    Layout::Piped,
    Layout::Paragraphs,
    Layout::Markdown,
    Layout::Spaced,
    Layout::Glued,
    Layout::Html,
];

/// A value cell: part 二 (row, column), part 三 (row, column), part 四 (group, column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Id {
    Act(usize, usize),
    App(usize, usize),
    Rev(usize, usize),
    /// The 信息处理费收取情况 table: 通知收取件数, 通知收取金额, 实际收取金额.
    Fee(usize),
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub layout: Layout,
    /// What the parser is given (text, or the HTML page for `parse_bytes`).
    pub input: String,
    /// Byte span of every value cell in `input`.
    pub cells: HashMap<Id, (usize, usize)>,
    /// 1-based line of every value cell in the text the diagnostics refer to
    /// (`input`, or `nianbao::to_text(input)` for HTML).
    pub lines: HashMap<Id, u32>,
    /// Cells of part 三 / 四 printed between hard boundaries (every cell but those of
    /// glued digit runs): changing one of them cannot change how the rest is split.
    pub hard: HashSet<Id>,
}

impl Rendered {
    pub fn parse(&self) -> Result<nianbao::Report, nianbao::Error> {
        match self.layout {
            Layout::Html => nianbao::parse_bytes(self.input.as_bytes()),
            _ => nianbao::parse_report(&self.input),
        }
    }

    /// The text diagnostics' lines refer to.
    pub fn text(&self) -> String {
        match self.layout {
            Layout::Html => nianbao::to_text(self.input.as_bytes()).unwrap(),
            _ => self.input.clone(),
        }
    }
}

/// A tiny deterministic generator (xorshift) for the layout's own choices.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One cell of a table grid.
#[derive(Debug, Clone)]
pub enum C {
    /// A label.
    T(String),
    /// A value.
    V(Id, String),
    /// An empty cell (a merged cell's continuation).
    E,
}

fn t(s: &str) -> C {
    C::T(s.to_string())
}

/// A table: its rows as DOCX-to-text writes them (a cell spanning columns once, a
/// cell spanning rows as an empty cell in the rows below), and its width in columns.
pub struct Grid {
    pub width: usize,
    pub rows: Vec<Vec<C>>,
}

const ORDINALS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "七"];

/// The headers of the 信息处理费收取情况 table.
pub const FEE_HEADS: [&str; 3] = ["通知收取件数", "通知收取金额（元）", "实际收取金额（元）"];

fn fees_grid(spec: &Spec) -> Option<Grid> {
    let (count, notified, collected) = spec.fees.as_ref()?;
    Some(Grid {
        width: 3,
        rows: vec![
            FEE_HEADS.iter().map(|h| t(h)).collect(),
            vec![
                C::V(Id::Fee(0), count.to_string()),
                C::V(Id::Fee(1), notified.clone()),
                C::V(Id::Fee(2), collected.clone()),
            ],
        ],
    })
}

pub const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const APPLICANTS: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];
pub const REVIEW_HEADS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Labels of the part-三 rows: (top-level label, group label, item label). A row
/// prints the labels its first cells carry; `None` where the row has no such level.
pub fn app_labels(
    r: usize,
    template: Template,
) -> (Option<&'static str>, Option<&'static str>, &'static str) {
    const ITEMS: [&str; 25] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
    ];
    let top = (r == 2).then_some("三、本年度办理结果");
    let group = match r {
        4 => Some("（三）不予公开"),
        12 => Some("（四）无法提供"),
        15 => Some("（五）不予处理"),
        OVERDUE_CORRECTION => Some("（六）其他处理"),
        _ => None,
    };
    if template == Template::T2019 && r == OTHER {
        return (None, None, "（六）其他处理");
    }
    (top, group, ITEMS[r])
}

/// Whether a part-三 row sits inside 三、本年度办理结果 (one merged cell to its left).
fn in_outcomes(r: usize) -> bool {
    (2..=TOTAL).contains(&r)
}

/// Whether a part-三 row sits inside a group （三）…（六） with sub-items.
fn in_group(r: usize, template: Template) -> bool {
    (4..=19).contains(&r)
        || (template == Template::T2021 && (OVERDUE_CORRECTION..=OTHER).contains(&r))
}

fn part2(spec: &Spec) -> Grid {
    let v = |r: usize, c: usize, s: String| C::V(Id::Act(r, c), s);
    let mut rows: Vec<Vec<C>> = Vec::new();
    match &spec.active {
        Active::T2021 {
            docs,
            decisions,
            fee,
        } => {
            rows.push(vec![t("第二十条第（一）项")]);
            rows.push(vec![
                t("信息内容"),
                t("本年制发件数"),
                t("本年废止件数"),
                t("现行有效件数"),
            ]);
            for (r, name) in ["规章", "行政规范性文件"].iter().enumerate() {
                let mut row = vec![t(name)];
                row.extend((0..3).map(|c| v(r, c, docs[r][c].to_string())));
                rows.push(row);
            }
            rows.push(vec![t("第二十条第（五）项")]);
            rows.push(vec![t("信息内容"), t("本年处理决定数量")]);
            rows.push(vec![t("行政许可"), v(2, 0, decisions[0].to_string())]);
            rows.push(vec![t("第二十条第（六）项")]);
            rows.push(vec![t("信息内容"), t("本年处理决定数量")]);
            rows.push(vec![t("行政处罚"), v(3, 0, decisions[1].to_string())]);
            rows.push(vec![t("行政强制"), v(4, 0, decisions[2].to_string())]);
            rows.push(vec![t("第二十条第（八）项")]);
            rows.push(vec![t("信息内容"), t("本年收费金额（单位：万元）")]);
            rows.push(vec![t("行政事业性收费"), v(5, 0, fee.clone())]);
        }
        Active::T2019 {
            docs,
            items,
            fees,
            procurement,
        } => {
            rows.push(vec![t("第二十条第（一）项")]);
            rows.push(vec![
                t("信息内容"),
                t("本年新制作数量"),
                t("本年新公开数量"),
                t("对外公开总数量"),
            ]);
            for (r, name) in ["规章", "规范性文件"].iter().enumerate() {
                let mut row = vec![t(name)];
                row.extend((0..3).map(|c| v(r, c, docs[r][c].to_string())));
                rows.push(row);
            }
            let item_head = || {
                vec![
                    t("信息内容"),
                    t("上一年项目数量"),
                    t("本年增/减"),
                    t("处理决定数量"),
                ]
            };
            let item = |i: usize, name: &str| {
                let (p, ch, d) = &items[i];
                vec![
                    t(name),
                    v(2 + i, 0, p.to_string()),
                    v(2 + i, 1, ch.clone()),
                    v(2 + i, 2, d.to_string()),
                ]
            };
            rows.push(vec![t("第二十条第（五）项")]);
            rows.push(item_head());
            rows.push(item(0, "行政许可"));
            rows.push(item(1, "其他对外管理服务事项"));
            rows.push(vec![t("第二十条第（六）项")]);
            rows.push(item_head());
            rows.push(item(2, "行政处罚"));
            rows.push(item(3, "行政强制"));
            rows.push(vec![t("第二十条第（八）项")]);
            rows.push(vec![t("信息内容"), t("上一年项目数量"), t("本年增/减")]);
            rows.push(vec![
                t("行政事业性收费"),
                v(6, 0, fees.0.to_string()),
                v(6, 1, fees.1.clone()),
            ]);
            rows.push(vec![t("第二十条第（九）项")]);
            rows.push(vec![t("信息内容"), t("采购项目数量"), t("采购总金额")]);
            rows.push(vec![
                t("政府集中采购"),
                v(7, 0, procurement.0.to_string()),
                v(7, 1, procurement.1.clone()),
            ]);
        }
    }
    Grid { width: 4, rows }
}

fn app_values(spec: &Spec, r: usize) -> Vec<C> {
    (0..7)
        .map(|c| C::V(Id::App(r, c), spec.apps[r][c].to_string()))
        .collect()
}

fn part3(spec: &Spec) -> Grid {
    let mut rows: Vec<Vec<C>> = vec![
        vec![t(NOTE), t("申请人情况")],
        vec![C::E, t("自然人"), t("法人或其他组织"), t("总计")],
        {
            let mut r = vec![C::E, C::E];
            r.extend(APPLICANTS.iter().map(|a| t(a)));
            r.push(C::E);
            r
        },
    ];
    for r in 0..25 {
        if !spec.prints_row(r) {
            continue;
        }
        let (top, group, item) = app_labels(r, spec.template);
        let mut row = Vec::new();
        if let Some(top) = top {
            row.push(t(top));
        } else if in_outcomes(r) {
            row.push(C::E);
        }
        if let Some(g) = group {
            row.push(t(g));
        } else if in_group(r, spec.template) {
            row.push(C::E);
        }
        row.push(t(item));
        row.extend(app_values(spec, r));
        rows.push(row);
    }
    Grid { width: 10, rows }
}

fn part4(spec: &Spec) -> Grid {
    let mut head2: Vec<C> = REVIEW_HEADS.iter().map(|h| t(h)).collect();
    head2.push(t("未经复议直接起诉"));
    head2.push(t("复议后起诉"));
    let mut head3: Vec<C> = vec![C::E, C::E, C::E, C::E, C::E];
    for _ in 0..2 {
        head3.extend(REVIEW_HEADS.iter().map(|h| t(h)));
    }
    let vals: Vec<C> = (0..15)
        .map(|k| {
            C::V(
                Id::Rev(k / 5, k % 5),
                spec.reviews[k / 5][k % 5].to_string(),
            )
        })
        .collect();
    Grid {
        width: 15,
        rows: vec![vec![t("行政复议"), t("行政诉讼")], head2, head3, vals],
    }
}

/// Text being written, with the spans of the value cells.
#[derive(Default)]
struct Out {
    s: String,
    cells: HashMap<Id, (usize, usize)>,
    /// Values written inside a glued run of digits.
    glued: HashSet<Id>,
    /// Glue every part-三 row (glued layout).
    glue_all: bool,
}

impl Out {
    fn push(&mut self, s: &str) {
        self.s.push_str(s);
    }
    fn val(&mut self, id: Id, s: &str) {
        let a = self.s.len();
        self.s.push_str(s);
        self.cells.insert(id, (a, self.s.len()));
    }
    fn cell(&mut self, c: &C, text: impl Fn(&str) -> String) {
        match c {
            C::T(s) => self.push(&text(s)),
            C::V(id, s) => self.val(*id, s),
            C::E => {}
        }
    }
}

/// Half-width brackets and punctuation, as some converters write them.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .collect()
}

fn intro(spec: &Spec) -> String {
    format!(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布本机关政府信息公开工作年度报告。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
        y = spec.year
    )
}

fn signature_date(spec: &Spec) -> String {
    let (y, m, d) = spec.published;
    format!("{y}年{m}月{d}日")
}

/// The parts in print order: (printed ordinal, part), see [`Spec::parts`].
fn parts(spec: &Spec) -> Vec<(u8, usize)> {
    spec.parts()
}

fn heading(spec: &Spec, (n, p): (u8, usize)) -> String {
    format!("{}、{}", ORDINALS[usize::from(n - 1)], spec.heading_of(p))
}

fn grid_of(spec: &Spec, p: usize) -> Option<Grid> {
    match p {
        1 => Some(part2(spec)),
        2 => Some(part3(spec)),
        3 => Some(part4(spec)),
        FEES => fees_grid(spec),
        _ => None,
    }
}

/// Render `spec` in `layout`.
pub fn render(spec: &Spec, layout: Layout) -> Rendered {
    render_with(spec, layout, false)
}

/// Render `spec` in `layout`; in the glued layout, `glue_all` glues the digits of
/// every part-三 row, whether or not the parser can split them.
pub fn render_with(spec: &Spec, layout: Layout, glue_all: bool) -> Rendered {
    let mut rng = Rng::new(spec.style);
    let mut out = Out {
        glue_all,
        ..Out::default()
    };
    match layout {
        Layout::Tabbed => tabbed(spec, &mut rng, &mut out),
        Layout::Piped => piped(spec, &mut rng, &mut out),
        Layout::Paragraphs => paragraphs(spec, &mut rng, &mut out),
        Layout::Markdown => markdown(spec, &mut rng, &mut out),
        Layout::Spaced => spaced(spec, &mut rng, &mut out),
        Layout::Glued => glued(spec, &mut rng, &mut out),
        Layout::Html => return html(spec, &mut rng),
    }
    let lines = out
        .cells
        .iter()
        .map(|(id, (a, _))| (*id, line_of(&out.s, *a)))
        .collect();
    let hard = out
        .cells
        .keys()
        .filter(|id| matches!(id, Id::App(..) | Id::Rev(..)) && !out.glued.contains(id))
        .copied()
        .collect();
    Rendered {
        layout,
        input: out.s,
        cells: out.cells,
        lines,
        hard,
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u32 {
    text[..offset].matches('\n').count() as u32 + 1
}

// ---------------------------------------------------------------- tab cells

fn tabbed(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    out.push("\n\n\n");
    if rng.chance(50) {
        out.push(&format!(
            "{}\n{}年政府信息公开工作年度报告\n\n",
            spec.agency, spec.year
        ));
    } else {
        out.push(&format!("{}\n\n", spec.title()));
    }
    out.push(&intro(spec));
    out.push("\n");
    for (n, p) in parts(spec) {
        if rng.chance(40) {
            out.push(&format!("[bookmark: _Toc{}]", 1000 + rng.below(90000)));
        }
        out.push(&heading(spec, (n, p)));
        out.push("\n");
        for para in &spec.prose_of(p) {
            out.push(para);
            out.push("\n");
        }
        if let Some(g) = grid_of(spec, p) {
            for row in &g.rows {
                for c in row {
                    out.push("\t");
                    match c {
                        // long labels wrap onto a line without a tab (商业\n企业)
                        C::T(s) if rng.chance(15) => out.push(&wrap(s, rng)),
                        c => out.cell(c, str::to_string),
                    }
                    out.push("\n");
                }
                out.push("\n");
            }
            out.push("\n");
        }
    }
    out.push(&format!(
        "                     {}\n                      {}\n",
        spec.agency,
        signature_date(spec)
    ));
}

/// Break a label over two lines the way DOCX-to-text wraps a cell: the rest (at
/// most 16 characters, not starting like a part heading) on a line without a tab.
fn wrap(s: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n < 4 {
        return s.to_string();
    }
    let min_cut = n.saturating_sub(16).max(2);
    if min_cut >= n - 1 {
        return s.to_string();
    }
    let cut = min_cut + rng.below((n - 1 - min_cut) as u64) as usize;
    let head: String = chars[..cut].iter().collect();
    let tail: String = chars[cut..].iter().collect();
    if ORDINALS.iter().any(|o| tail.starts_with(o)) {
        return s.to_string();
    }
    format!("{head}\n{tail}")
}

// ---------------------------------------------------------------- pipe rows

fn piped(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    let hw = rng.chance(60);
    let tx = |s: &str| if hw { half_width(s) } else { s.to_string() };
    out.push(&format!("{}\n\n", spec.title()));
    out.push(&tx(&intro(spec)));
    out.push("\n");
    for (n, p) in parts(spec) {
        out.push(&tx(&heading(spec, (n, p))));
        out.push("\n");
        for para in &spec.prose_of(p) {
            out.push(&tx(para));
            out.push("\n");
        }
        if let Some(g) = grid_of(spec, p) {
            for row in &g.rows {
                let cells: Vec<&C> = row.iter().filter(|c| !matches!(c, C::E)).collect();
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        out.push(" | ");
                    }
                    out.cell(c, tx);
                }
                // merged cells collapsed into `||`
                out.push(" |");
                out.push(&"|".repeat(g.width.saturating_sub(cells.len())));
                out.push("\n");
            }
        }
    }
    out.push(&format!("{}\n{}\n", spec.agency, signature_date(spec)));
}

// ---------------------------------------------------------------- paragraphs

fn paragraphs(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    out.push("您当前的位置:首页 >政府信息公开年报\n\n");
    out.push(&format!("{}\n\n", spec.title()));
    out.push(&format!(
        "发布日期:{} 来源:{}\n字号:\n\n",
        spec.published_iso(),
        spec.agency
    ));
    out.push(&format!(
        "{}\n\n{}年政府信息公开工作年度报告\n\n",
        spec.agency, spec.year
    ));
    out.push(&intro(spec));
    out.push("\n\n");
    for (n, p) in parts(spec) {
        out.push(&heading(spec, (n, p)));
        out.push("\n\n");
        for para in &spec.prose_of(p) {
            out.push(para);
            out.push("\n\n");
        }
        if let Some(g) = grid_of(spec, p) {
            for row in &g.rows {
                for c in row {
                    match c {
                        C::E => continue,
                        // part 四's header words broken over paragraphs (结果\n\n纠正)
                        C::T(s) if p == 3 && s.chars().count() == 4 && rng.chance(50) => {
                            let (a, b) = s.split_at(s.char_indices().nth(2).unwrap().0);
                            out.push(&format!("{a}\n\n{b}"));
                        }
                        c => out.cell(c, str::to_string),
                    }
                    out.push("\n\n");
                }
            }
        }
    }
    out.push("扫一扫在手机打开当前页\n\n小龙人形象\n");
}

// ---------------------------------------------------------------- markdown

fn markdown(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    out.push(&format!("# {}\n\n", spec.title()));
    out.push(&intro(spec));
    out.push("\n\n");
    for (n, p) in parts(spec) {
        let hashes = if rng.chance(70) { "## " } else { "" };
        out.push(&format!("{hashes}{}\n\n", heading(spec, (n, p))));
        for para in &spec.prose_of(p) {
            out.push(para);
            out.push("\n\n");
        }
        if let Some(g) = grid_of(spec, p) {
            for (i, row) in g.rows.iter().enumerate() {
                out.push("|");
                for c in row {
                    out.push(" ");
                    out.cell(c, str::to_string);
                    out.push(" |");
                }
                for _ in row.len()..g.width {
                    out.push("  |");
                }
                out.push("\n");
                if i == 0 {
                    out.push("|");
                    out.push(&"---|".repeat(g.width));
                    out.push("\n");
                }
            }
            out.push("\n");
        }
    }
    out.push(&format!("{}\n\n{}\n", spec.agency, signature_date(spec)));
}

// ---------------------------------------------------------------- pdftotext -layout

/// Display width of a string in a monospaced page (CJK characters are two columns).
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn pad_to(out: &mut Out, col: usize) {
    let line_start = out.s.rfind('\n').map_or(0, |i| i + 1);
    let w = width(&out.s[line_start..]);
    out.push(&" ".repeat(col.saturating_sub(w).max(2)));
}

/// Values right-aligned in columns `w` wide from column `start`, two spaces at least.
fn spaced_values(out: &mut Out, vals: &[C], start: usize, w: usize) {
    for (i, v) in vals.iter().enumerate() {
        if let C::V(id, s) = v {
            pad_to(out, start + (i + 1) * w - s.len());
            out.val(*id, s);
        }
    }
}

fn page_break(out: &mut Out, rng: &mut Rng, page: &mut u32) {
    *page += 1;
    out.push(&format!(
        "\n{}-{}-\n",
        " ".repeat(30 + rng.below(20) as usize),
        page
    ));
}

fn spaced(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    let mut page = 0u32;
    out.push(&format!(
        "                {}\n      {} 年政府信息公开工作年度报告\n\n   {}\n",
        spec.agency,
        spec.year,
        intro(spec)
    ));
    for (n, p) in parts(spec) {
        out.push(&format!("   {}\n", heading(spec, (n, p))));
        for para in &spec.prose_of(p) {
            out.push(&format!("   {para}\n"));
        }
        match p {
            1 => {
                let g = part2(spec);
                for row in &g.rows {
                    match row.as_slice() {
                        [C::T(caption)] => out.push(&format!("\n              {caption}\n\n")),
                        [C::T(first), rest @ ..] if matches!(rest.first(), Some(C::T(_))) => {
                            out.push(&format!("       {first}"));
                            for h in rest {
                                if let C::T(h) = h {
                                    out.push(&format!("    {h}"));
                                }
                            }
                            out.push("\n\n");
                        }
                        [C::T(name), vals @ ..] => {
                            out.push(name);
                            spaced_values(out, vals, 18, 12);
                            out.push("\n\n");
                        }
                        _ => unreachable!(),
                    }
                }
                out.push("\n");
            }
            2 => {
                out.push(&format!(
                    "{pad}申请人情况\n\n{pad}法人或其他组织\n{}\n{pad2}自然人         社会 法律                总计\n{pad3}商业 科研\n{pad4}公益 服务 其他\n{pad3}企业 机构\n{pad4}组织 机构\n\n",
                    half_note(),
                    pad = " ".repeat(62),
                    pad2 = " ".repeat(45),
                    pad3 = " ".repeat(51),
                    pad4 = " ".repeat(57),
                ));
                let mut r = 0;
                while r < 25 {
                    if !spec.prints_row(r) {
                        r += 1;
                        continue;
                    }
                    let (top, group, item) = app_labels(r, spec.template);
                    if let Some(top) = top {
                        // 三、本年度办理结果 spread out over its own line
                        let spread: Vec<String> = top.chars().map(String::from).collect();
                        out.push(&format!(" {}\n", spread.join(" ")));
                    }
                    if let Some(g) = group {
                        out.push(&format!("                  {g}\n"));
                    }
                    let indent = if in_group(r, spec.template) {
                        28
                    } else if in_outcomes(r) {
                        18
                    } else {
                        0
                    };
                    let vals = app_values(spec, r);
                    if width(item) > 44 || rng.chance(8) {
                        // a long label wraps; its values sit on a line of their own
                        let chars: Vec<char> = item.chars().collect();
                        let cut = chars.len().div_ceil(2);
                        let a: String = chars[..cut].iter().collect();
                        let b: String = chars[cut..].iter().collect();
                        out.push(&format!(
                            "{}{a}\n{}{b}\n",
                            " ".repeat(indent),
                            " ".repeat(indent)
                        ));
                        spaced_values(out, &vals, 46, 6);
                    } else {
                        out.push(&" ".repeat(indent));
                        out.push(item);
                        spaced_values(out, &vals, 46, 6);
                    }
                    out.push("\n");
                    if rng.chance(6) {
                        page_break(out, rng, &mut page);
                    }
                    r += 1;
                }
                out.push("\n\n");
            }
            3 => {
                out.push("          行政复议                              行政诉讼\n\n");
                out.push("                              未经复议直接起诉                  复议后起诉\n\n");
                out.push("结果   结果     其他   尚未               结果 结果 其他       尚未     结果 结果 其他 尚未\n");
                out.push("                    总 计                                                    总计\n");
                out.push("维持   纠正     结果   审结               维持 纠正 结果       审结     维持 纠正 结果 审结\n\n\n");
                let g = part4(spec);
                let vals = &g.rows[3];
                spaced_values(out, vals, 0, 6);
                out.push("\n\n");
            }
            FEES => {
                out.push(
                    "\n        通知收取件数      通知收取金额（元）    实际收取金额（元）\n\n",
                );
                if let Some(g) = fees_grid(spec) {
                    spaced_values(out, &g.rows[1], 4, 18);
                }
                out.push("\n\n");
            }
            _ => {}
        }
        if rng.chance(30) {
            page_break(out, rng, &mut page);
        }
    }
    out.push(&format!(
        "                                {}\n                                {}\n",
        spec.agency,
        signature_date(spec)
    ));
}

/// The header note of part 三 broken over two lines as in a PDF.
fn half_note() -> String {
    "（本列数据的勾稽关系为：第一项加第二项之和， 等\n于第三项加第四项之和）".to_string()
}

// ---------------------------------------------------------------- glued digits

/// The parser lists at most this many splits of a glued row (`glue::MAX_SPLITS`);
/// beyond it the row is undecidable even when one split only satisfies the row's
/// identity (see `known_issues::long_glued_rows` in tests/roundtrip.rs).
pub const PARSER_MAX_SPLITS: usize = 20_000;

/// Part-三 rows with more digits than this are printed with spaces between the
/// cells. The parser lists every split of a glued row before it applies the row's
/// identity, which takes long for long rows in a debug build (about 0.5 s a report
/// for 17 digits); `NIANBAO_GLUE_MAX_DIGITS` (at most 24) raises the bound.
pub fn glue_max_digits() -> usize {
    std::env::var("NIANBAO_GLUE_MAX_DIGITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14usize)
        .min(24)
}

/// Whether a row of counts can be glued without spaces: its digits split only one
/// way into cells that satisfy `ok`, and the parser can list all the splits.
pub fn glue_unique(vals: &[u64], ok: &dyn Fn(&[u64]) -> bool) -> bool {
    let digits: String = vals.iter().map(u64::to_string).collect();
    // up to 19 digits there are at most C(18, 6) = 18 564 splits into 7 cells
    digits.len() <= glue_max_digits()
        && (digits.len() < 20
            || splits(&digits, vals.len(), &|_| true, PARSER_MAX_SPLITS + 1) <= PARSER_MAX_SPLITS)
        && splits(&digits, vals.len(), ok, 2) == 1
}

fn glued_values(out: &mut Out, vals: &[C], glue: bool) {
    for (i, v) in vals.iter().enumerate() {
        if let C::V(id, s) = v {
            if i > 0 && !glue {
                out.push(" ");
            }
            out.val(*id, s);
            if glue && vals.len() > 1 {
                out.glued.insert(*id);
            }
        }
    }
}

fn glued(spec: &Spec, rng: &mut Rng, out: &mut Out) {
    out.push(&format!(
        "标题: {}\n发布时间: {} 15:07\n文号: \n发布机构: \n栏目: 政府信息公开年报\n==================== 正文 ====================\n",
        spec.title(),
        spec.published_iso()
    ));
    out.push(&intro(spec));
    for (n, p) in parts(spec) {
        out.push(" ");
        out.push(&heading(spec, (n, p)));
        for para in &spec.prose_of(p) {
            out.push(" ");
            out.push(para);
        }
        match p {
            1 => {
                let g = part2(spec);
                for row in &g.rows {
                    match row.as_slice() {
                        [C::T(first), rest @ ..] if rest.iter().all(|c| matches!(c, C::T(_))) => {
                            out.push(first);
                            for h in rest {
                                if let C::T(h) = h {
                                    out.push(" ");
                                    out.push(h);
                                }
                            }
                            out.push(" ");
                        }
                        [C::T(name), vals @ ..] => {
                            out.push(name);
                            let counts: Option<Vec<u64>> = vals
                                .iter()
                                .map(|v| match v {
                                    C::V(_, s) => s.parse().ok(),
                                    _ => None,
                                })
                                .collect();
                            let glue = counts.is_some_and(|c| glue_unique(&c, &|_| true));
                            glued_values(out, vals, glue);
                        }
                        _ => unreachable!(),
                    }
                }
            }
            2 => {
                out.push(NOTE);
                out.push(" 申请人情况 自然人 法人或其他组织 总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 ");
                for r in 0..25 {
                    if !spec.prints_row(r) {
                        continue;
                    }
                    let (top, group, item) = app_labels(r, spec.template);
                    if let Some(top) = top {
                        out.push(top);
                        out.push(" ");
                    }
                    if let Some(g) = group {
                        out.push(g);
                        out.push(" ");
                    }
                    out.push(item);
                    if rng.chance(50) {
                        out.push(" ");
                    }
                    let row_ok = |v: &[u64]| v[..6].iter().sum::<u64>() == v[6];
                    let glue = out.glue_all || glue_unique(&spec.apps[r], &row_ok);
                    glued_values(out, &app_values(spec, r), glue);
                }
                out.push(" ");
            }
            3 => {
                out.push(" 行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 未经复议直接起诉 复议后起诉 结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计 ");
                let g = part4(spec);
                glued_values(out, &g.rows[3], false);
                out.push(" ");
            }
            FEES => {
                out.push(" 通知收取件数通知收取金额（元）实际收取金额（元）");
                if let Some(g) = fees_grid(spec) {
                    let vals = &g.rows[1];
                    let digits: Option<Vec<u64>> = vals
                        .iter()
                        .map(|v| match v {
                            C::V(_, s) => s.parse().ok(),
                            _ => None,
                        })
                        .collect();
                    let glue = digits.is_some_and(|d| glue_unique(&d, &|_| true));
                    glued_values(out, vals, glue);
                }
                out.push(" ");
            }
            _ => {}
        }
    }
    out.push("\n");
}

// ---------------------------------------------------------------- HTML

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

struct Html {
    out: Out,
    /// Value cells of every `<tr>` in document order.
    trs: Vec<Vec<Id>>,
}

impl Html {
    fn tr(&mut self, cells: &[(&C, &str)]) {
        self.out.push("<tr>");
        let mut ids = Vec::new();
        for (c, attrs) in cells {
            self.out.push(&format!("<td{attrs}>"));
            match c {
                C::T(s) => self.out.push(&esc(s)),
                C::V(id, s) => {
                    self.out.push("&nbsp;");
                    self.out.val(*id, s);
                    ids.push(*id);
                }
                C::E => self.out.push("&nbsp;"),
            }
            self.out.push("</td>");
        }
        self.out.push("</tr>\n");
        self.trs.push(ids);
    }
}

fn html(spec: &Spec, rng: &mut Rng) -> Rendered {
    let mut h = Html {
        out: Out::default(),
        trs: Vec::new(),
    };
    h.out.push(&format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title><style>td{{border:1px solid}}</style><script>var t='<table><tr><td>0</td></tr></table>';</script></head>\n<body><nav class=\"breadcrumb\">首页 &gt; 政府信息公开 &gt; 年报</nav>\n<div class=\"article\"><h1>{}</h1>\n<p>发布日期：{}</p>\n<p>{}</p>\n",
        esc(&spec.title()),
        esc(&spec.title()),
        spec.published_iso(),
        esc(&intro(spec))
    ));
    for (n, p) in parts(spec) {
        h.out.push(&format!(
            "<p><strong>{}</strong></p>\n",
            esc(&heading(spec, (n, p)))
        ));
        for para in &spec.prose_of(p) {
            h.out.push(&format!("<p>{}</p>\n", esc(para)));
        }
        match p {
            1 => {
                h.out.push("<table border=\"1\" cellspacing=\"0\">\n");
                for row in &part2(spec).rows {
                    let n = row.len();
                    let spans: Vec<String> = (0..n)
                        .map(|i| {
                            if n == 1 {
                                " colspan=\"4\"".into()
                            } else if n == 2 && i == 1 {
                                " colspan=\"3\"".into()
                            } else if n == 3 && i == 2 {
                                " colspan=\"2\"".into()
                            } else {
                                String::new()
                            }
                        })
                        .collect();
                    let cells: Vec<(&C, &str)> = row
                        .iter()
                        .zip(&spans)
                        .map(|(c, a)| (c, a.as_str()))
                        .collect();
                    h.tr(&cells);
                }
                h.out.push("</table>\n");
            }
            2 => {
                h.out.push("<table border=\"1\" cellspacing=\"0\">\n");
                let note = t(NOTE);
                let people = t("申请人情况");
                h.tr(&[
                    (&note, " rowspan=\"3\" colspan=\"3\""),
                    (&people, " colspan=\"7\""),
                ]);
                let (np, org, tot) = (t("自然人"), t("法人或其他组织"), t("总计"));
                h.tr(&[
                    (&np, " rowspan=\"2\""),
                    (&org, " colspan=\"5\""),
                    (&tot, " rowspan=\"2\""),
                ]);
                let heads: Vec<C> = APPLICANTS
                    .iter()
                    .map(|a| {
                        if a.chars().count() == 4 && rng.chance(50) {
                            let (x, y) = a.split_at(a.char_indices().nth(2).unwrap().0);
                            C::T(format!("{x}<br>{y}"))
                        } else {
                            t(a)
                        }
                    })
                    .collect();
                // <br> inside a cell: written raw, not escaped
                h.out.push("<tr>");
                for c in &heads {
                    if let C::T(s) = c {
                        h.out.push(&format!("<td>{s}</td>"));
                    }
                }
                h.out.push("</tr>\n");
                h.trs.push(Vec::new());
                let outcomes = (2..=TOTAL).filter(|r| spec.prints_row(*r)).count();
                for r in 0..25 {
                    if !spec.prints_row(r) {
                        continue;
                    }
                    let (top, group, item) = app_labels(r, spec.template);
                    let vals = app_values(spec, r);
                    let mut cells: Vec<(C, String)> = Vec::new();
                    if let Some(top) = top {
                        cells.push((t(top), format!(" rowspan=\"{outcomes}\"")));
                    }
                    if let Some(g) = group {
                        let n = match r {
                            4 => 8,
                            12 => 3,
                            15 => 5,
                            _ => 3,
                        };
                        cells.push((t(g), format!(" rowspan=\"{n}\"")));
                    }
                    let span = if in_group(r, spec.template) {
                        ""
                    } else if in_outcomes(r) {
                        " colspan=\"2\""
                    } else {
                        " colspan=\"3\""
                    };
                    cells.push((t(item), span.to_string()));
                    for v in vals {
                        cells.push((v, String::new()));
                    }
                    let refs: Vec<(&C, &str)> =
                        cells.iter().map(|(c, a)| (c, a.as_str())).collect();
                    h.tr(&refs);
                }
                h.out.push("</table>\n");
            }
            3 => {
                h.out.push("<table border=\"1\" cellspacing=\"0\">\n");
                let (rv, lt) = (t("行政复议"), t("行政诉讼"));
                h.tr(&[(&rv, " colspan=\"5\""), (&lt, " colspan=\"10\"")]);
                let heads: Vec<C> = REVIEW_HEADS.iter().map(|x| t(x)).collect();
                let (direct, after) = (t("未经复议直接起诉"), t("复议后起诉"));
                let mut row: Vec<(&C, &str)> =
                    heads.iter().map(|c| (c, " rowspan=\"2\"")).collect();
                row.push((&direct, " colspan=\"5\""));
                row.push((&after, " colspan=\"5\""));
                h.tr(&row);
                let row: Vec<(&C, &str)> =
                    heads.iter().chain(heads.iter()).map(|c| (c, "")).collect();
                h.tr(&row);
                let g = part4(spec);
                let row: Vec<(&C, &str)> = g.rows[3].iter().map(|c| (c, "")).collect();
                h.tr(&row);
                h.out.push("</table>\n");
            }
            FEES => {
                if let Some(g) = fees_grid(spec) {
                    h.out.push("<table border=\"1\" cellspacing=\"0\">\n");
                    for r in &g.rows {
                        let row: Vec<(&C, &str)> = r.iter().map(|c| (c, "")).collect();
                        h.tr(&row);
                    }
                    h.out.push("</table>\n");
                }
            }
            _ => {}
        }
    }
    h.out.push(&format!(
        "<p style=\"text-align:right\">{}</p><p style=\"text-align:right\">{}</p>\n</div>\n<footer>版权所有 网站标识码</footer><div class=\"share\">扫一扫在手机打开当前页</div></body></html>\n",
        esc(&spec.agency),
        signature_date(spec)
    ));
    // lines: the k-th <tr> is the k-th block of tab lines in the converted text
    let text = nianbao::to_text(h.out.s.as_bytes()).expect("the HTML converts to text");
    let lines = html_lines(&text, &h.trs);
    let hard = h
        .out
        .cells
        .keys()
        .filter(|id| matches!(id, Id::App(..) | Id::Rev(..)))
        .copied()
        .collect();
    Rendered {
        layout: Layout::Html,
        input: h.out.s,
        cells: h.out.cells,
        lines,
        hard,
    }
}

/// Map the value cells of each `<tr>` to the lines of the tab-cell text: the k-th
/// block of consecutive tab lines is the k-th row, its numeric lines its values.
fn html_lines(text: &str, trs: &[Vec<Id>]) -> HashMap<Id, u32> {
    let mut blocks: Vec<Vec<(u32, &str)>> = Vec::new();
    let mut in_block = false;
    for (i, line) in text.split('\n').enumerate() {
        if let Some(cell) = line.strip_prefix('\t') {
            if !in_block {
                blocks.push(Vec::new());
                in_block = true;
            }
            blocks.last_mut().unwrap().push((i as u32 + 1, cell.trim()));
        } else {
            in_block = false;
        }
    }
    assert_eq!(
        blocks.len(),
        trs.len(),
        "to_text gave {} table rows for {} <tr>:\n{text}",
        blocks.len(),
        trs.len()
    );
    let mut lines = HashMap::new();
    for (block, ids) in blocks.iter().zip(trs) {
        let numeric: Vec<u32> = block
            .iter()
            .filter(|(_, c)| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '+' | '-'))
            })
            .map(|(l, _)| *l)
            .collect();
        assert!(
            numeric.len() >= ids.len(),
            "row {block:?} has fewer numbers than {ids:?}"
        );
        // the values are the row's last numeric cells
        for (id, l) in ids.iter().zip(&numeric[numeric.len() - ids.len()..]) {
            lines.insert(*id, *l);
        }
    }
    lines
}

/// Replace the value of one cell in a rendered report (the text changes, nothing
/// else). Returns the new input.
pub fn set_cell(r: &Rendered, id: Id, value: &str) -> String {
    let (a, b) = r.cells[&id];
    let mut s = String::with_capacity(r.input.len() + value.len());
    s.push_str(&r.input[..a]);
    s.push_str(value);
    s.push_str(&r.input[b..]);
    s
}

/// Part-三 rows and the column of （七）总计 / 四, for the mutation property.
pub const TOTAL_ROW: usize = TOTAL;
pub const FORWARD_ROW: usize = FORWARD;
