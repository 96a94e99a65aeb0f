//! Putting it together: text → parts → tables → model → checks.

use std::ops::Range;

use crate::grammar::sections::{self, Heading, Part};
use crate::grammar::{active, applications, fees, meta, reviews, Ctx};
use crate::text::{norm, Positions};
use crate::{codes, Error, Report, Section, Template, MAX_INPUT_BYTES};

/// Refuse what is not text before reading it.
fn validate(text: &str) -> Result<&str, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let sample = &text.as_bytes()[..text.len().min(65_536)];
    // bytes below 0x20; the control characters among them (not line breaks, tabs or
    // page breaks) only when many
    let low = count_bytes(sample, |b| b < 0x20);
    let controls = if low * 50 > sample.len() {
        count_bytes(sample, |b| {
            b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)
        })
    } else {
        0
    };
    if memchr::memchr(0, sample).is_some() {
        return Err(Error::Binary("it contains NUL bytes".into()));
    }
    if controls * 50 > sample.len() {
        return Err(Error::Binary(format!(
            "{controls} control characters in the first {} bytes",
            sample.len()
        )));
    }
    let replacements = memchr::memmem::find_iter(text.as_bytes(), "\u{fffd}").count();
    if replacements > 0 && replacements * 20 > text.chars().count().max(1) {
        return Err(Error::Binary(
            "most characters are U+FFFD replacement characters (the bytes were not UTF-8)".into(),
        ));
    }
    Ok(text)
}

/// How many of `bytes` satisfy `test`, counted in a loop the compiler vectorises
/// (by runs of 255, so that a byte-wide counter cannot overflow).
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(test(b)))))
        .sum()
}

/// The part headings of a document and where each part's body lies.
struct Outline {
    heads: Vec<Heading>,
    out_of_order: bool,
    len: usize,
}

impl Outline {
    fn find(pos: &Positions) -> Self {
        let (heads, out_of_order) = sections::find(pos);
        Outline {
            heads,
            out_of_order,
            len: pos.text().len(),
        }
    }

    /// Where the heading of a part starts.
    fn head(&self, part: Part) -> Option<usize> {
        self.heads.iter().find(|h| h.part == part).map(|h| h.start)
    }

    /// The body of a part: after its heading to the next heading.
    fn body(&self, part: Part) -> Option<Range<usize>> {
        let i = self.heads.iter().position(|h| h.part == part)?;
        Some(self.body_of(i))
    }

    fn body_of(&self, i: usize) -> Range<usize> {
        let end = self.heads.get(i + 1).map_or(self.len, |h| h.start);
        self.heads[i].end..end.max(self.heads[i].end)
    }

    /// The body of the part (or the text before part 一) that holds `offset`.
    fn body_around(&self, offset: usize) -> Range<usize> {
        match self.heads.iter().rposition(|h| h.start <= offset) {
            Some(i) => self.body_of(i),
            None => 0..self.heads.first().map_or(self.len, |h| h.start),
        }
    }

    /// The first heading after `offset` among `parts`.
    fn next_head(&self, offset: usize, parts: &[Part]) -> Option<usize> {
        self.heads
            .iter()
            .find(|h| h.start > offset && parts.contains(&h.part))
            .map(|h| h.start)
    }
}

/// First occurrence of any of `words` at or after `from`.
fn anchor(doc: &str, from: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter_map(|w| crate::text::find(doc.get(from..)?, w).map(|p| p + from))
        .min()
}

/// The tables of a report, each with the byte span it covers.
struct Tables {
    active: Option<active::Parsed>,
    applications: Option<applications::Parsed>,
    reviews: Option<(crate::Reviews, (usize, usize))>,
    fees: Option<fees::Parsed>,
}

impl Tables {
    /// Find and read the four tables: each in its part, or, where a converter lost
    /// the part's heading, after the words that start it.
    fn read(ctx: &mut Ctx, outline: &Outline) -> Tables {
        let doc = ctx.doc;
        let len = doc.len();
        // part 三 without its heading: from its header, else (a page that starts
        // inside the table) from the first row it names
        let r3 = outline.body(Part::Applications).or_else(|| {
            let a = anchor(doc, 0, &["勾稽关系", "本年新收政府信息公开申请"])
                .or_else(|| applications::first_row_at(doc))?;
            Some(
                a..outline
                    .head(Part::Reviews)
                    .filter(|h| *h > a)
                    .unwrap_or(len),
            )
        });
        let r2 = outline.body(Part::Active).or_else(|| {
            let a = anchor(doc, 0, &["第二十条"])?;
            let end = r3.as_ref().map_or(len, |r| r.start);
            (a < end).then_some(a..end)
        });
        let clauses = std::cell::OnceCell::new();
        let hints = |row: &str, column: &[&str]| {
            clauses
                .get_or_init(|| crate::grammar::narrative::Clauses::new(doc))
                .stated(row, column)
        };
        let active = r2.and_then(|r| active::parse(ctx, r, &hints));
        let applications = r3.clone().and_then(|r| applications::parse(ctx, r));
        let after_apps = applications
            .as_ref()
            .map(|a| a.span.1)
            .or(r3.as_ref().map(|r| r.end));
        let r4 = outline.body(Part::Reviews).or_else(|| {
            let from = after_apps?;
            let end = outline
                .next_head(from, &[Part::Fees, Part::Problems, Part::Other])
                .unwrap_or(len);
            Some(from..end)
        });
        let reviews = r4.clone().and_then(|r| reviews::parse(ctx, r));
        let after_reviews = reviews
            .as_ref()
            .map(|r| r.1 .1)
            .or(r4.map(|r| r.end))
            .or(after_apps)
            .unwrap_or(0);
        let rf = outline.body(Part::Fees).or_else(|| {
            let a = anchor(doc, after_reviews, &fees::HEADER)?;
            Some(outline.body_around(a))
        });
        let fees = rf.and_then(|r| fees::parse(ctx, r));
        Tables {
            active,
            applications,
            reviews,
            fees,
        }
    }

    fn is_empty(&self) -> bool {
        self.active.is_none() && self.applications.is_none() && self.reviews.is_none()
    }

    /// Byte spans of the tables, to cut them out of the parts' prose.
    fn spans(&self) -> Vec<(usize, usize)> {
        [
            self.active.as_ref().map(|a| a.span),
            self.applications.as_ref().map(|a| a.span),
            self.reviews.as_ref().map(|r| r.1),
            self.fees.as_ref().map(|f| f.span),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The template: from the part-二 headers, else from the shape of part 三.
    fn template(&self) -> Option<Template> {
        self.active.as_ref().map(|a| a.template).or_else(|| {
            self.applications.as_ref().map(|a| match a.single_other {
                true => Template::T2019,
                false => Template::T2021,
            })
        })
    }
}

pub(crate) fn parse(text: &str) -> Result<Report, Error> {
    let doc = validate(text)?;
    // reports re-posted in traditional characters are read as simplified (same offsets)
    let folded;
    let doc = if crate::trad::is_traditional(doc) {
        folded = crate::trad::fold(doc);
        folded.as_str()
    } else {
        doc
    };
    let mut ctx = Ctx::new(doc);
    let outline = Outline::find(&ctx.pos);
    let meta_end = outline
        .heads
        .first()
        .map_or(doc.len().min(20_000), |h| h.start);
    let m = meta::read(doc, floor(doc, meta_end));
    let tables = Tables::read(&mut ctx, &outline);
    if tables.is_empty() {
        return Err(refusal(doc, m.year));
    }
    let template = tables.template();
    check_template(&mut ctx, &tables, template, m.year);
    check_structure(&mut ctx, &outline, &tables);

    let spans = tables.spans();
    let (sections, prose) = sections_and_prose(&ctx, &outline, &spans);
    let apps = tables.applications.as_ref();
    if let Some(a) = apps {
        crate::checks::applications(&mut ctx, &a.table, a.single_other);
    }
    if let Some((r, _)) = tables.reviews.as_ref() {
        crate::checks::reviews(&mut ctx, r);
    }
    if let Some(f) = tables.fees.as_ref() {
        crate::checks::processing_fees(&mut ctx, &f.table, apps.map(|a| &a.table));
    }
    crate::checks::plausibility(&mut ctx, m.year);
    crate::checks::narrative(
        &mut ctx,
        &prose,
        apps.map(|a| &a.table),
        tables.reviews.as_ref().map(|r| &r.0),
    );

    let (diagnostics, cells) = ctx.finish();
    Ok(Report {
        title: m.title,
        agency: m.agency,
        year: m.year,
        published: m.published,
        template,
        sections,
        active_disclosure: tables.active.map(|a| a.table),
        applications: tables.applications.map(|a| a.table),
        reviews: tables.reviews.map(|r| r.0),
        processing_fees: tables.fees.map(|f| f.table),
        diagnostics,
        cells,
    })
}

/// Why a text without any table of either template is not read.
fn refusal(doc: &str, year: Option<i32>) -> Error {
    let n = norm(&doc[..floor(doc, doc.len().min(200_000))]);
    let has = |words: &str| crate::text::contains(&n, words);
    let older =
        year.is_some_and(|y| y < 2019) || has("统计表") || has("概述") || has("依申请公开工作情况");
    if older && (has("政府信息公开") || has("年度报告")) {
        return Error::PreTemplate { year };
    }
    Error::NotAReport(
        "no table of the 2019 or 2021 national template (parts 二、三、四: 主动公开政府信息情况, 收到和处理政府信息公开申请情况, 行政复议、行政诉讼情况) was found; pass the full text of the report".into(),
    )
}

/// A 2019 table in a report for 2021 on; a 2021 table with one row for （六）.
fn check_template(ctx: &mut Ctx, tables: &Tables, template: Option<Template>, year: Option<i32>) {
    if let (Some(Template::T2019), Some(y)) = (template, year) {
        if y >= 2021 {
            ctx.diag(
                codes::STRUCTURE_TEMPLATE_OUTDATED,
                format!(
                    "{y}年度报告应使用2021年版模板（国办公开办函〔2021〕30号），但表格为2019年版"
                ),
                tables.active.as_ref().map(|a| a.span.0),
            );
        }
    }
    if let (Some(Template::T2021), Some(a)) = (template, tables.applications.as_ref()) {
        if a.single_other {
            let at = ctx.at(("applications", "other_handling.other", "natural_person"));
            ctx.diag(
                codes::APPLICATIONS_OTHER_HANDLING_SINGLE_ROW,
                "2021年版表三的“（六）其他处理”应分为三个子项，此报告只列一行；该行记入“3.其他”，前两个子项记为空".into(),
                at,
            );
        }
    }
}

/// Parts without a heading or out of order, and parts without their table.
fn check_structure(ctx: &mut Ctx, outline: &Outline, tables: &Tables) {
    const REQUIRED: [(Part, &str, &str); 5] = [
        (Part::Overview, "一", "总体情况"),
        (Part::Active, "二", "主动公开政府信息情况"),
        (Part::Applications, "三", "收到和处理政府信息公开申请情况"),
        (Part::Reviews, "四", "政府信息公开行政复议、行政诉讼情况"),
        (Part::Problems, "五", "存在的主要问题及改进情况"),
    ];
    for (part, ordinal, name) in REQUIRED {
        if outline.head(part).is_none() {
            ctx.diag(
                codes::STRUCTURE_SECTION_MISSING,
                format!("缺少第{ordinal}部分“{ordinal}、{name}”的标题"),
                None,
            );
        }
    }
    if outline.out_of_order {
        ctx.diag(
            codes::STRUCTURE_SECTION_ORDER,
            "各部分标题未按一至六的顺序排列".into(),
            None,
        );
    }
    for (present, name, part) in [
        (
            tables.active.is_some(),
            "主动公开政府信息情况（表二）",
            Part::Active,
        ),
        (
            tables.applications.is_some(),
            "收到和处理政府信息公开申请情况（表三）",
            Part::Applications,
        ),
        (
            tables.reviews.is_some(),
            "行政复议、行政诉讼情况（表四）",
            Part::Reviews,
        ),
    ] {
        if !present {
            ctx.diag(
                codes::STRUCTURE_TABLE_MISSING,
                format!("未找到{name}的表格"),
                outline.head(part),
            );
        }
    }
}

/// The sections with the tables cut out of their text, and the prose the checks
/// read: `(text, byte offset)` of the pieces of the text before part 一 and of each
/// part between the tables.
fn sections_and_prose<'a>(
    ctx: &Ctx<'a>,
    outline: &Outline,
    spans: &[(usize, usize)],
) -> (Vec<Section>, Vec<(&'a str, usize)>) {
    let doc = ctx.doc;
    let mut sections = Vec::with_capacity(outline.heads.len());
    let mut prose = Vec::with_capacity(outline.heads.len() + 4);
    if let Some(first) = outline.heads.first() {
        prose.extend(between_tables(doc, 0..first.start, spans));
    }
    for (i, h) in outline.heads.iter().enumerate() {
        let pieces = between_tables(doc, outline.body_of(i), spans);
        sections.push(Section {
            number: h.number,
            heading: h.text(doc).to_string(),
            text: trimmed_lines(&ctx.pos, &pieces),
            line: ctx.pos.line(h.start),
        });
        prose.extend(pieces);
    }
    (sections, prose)
}

fn floor(doc: &str, mut i: usize) -> usize {
    i = i.min(doc.len());
    while !doc.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lines of `pieces` (of a part, outside its tables, each `(text, byte offset)`),
/// trimmed, the empty ones left out: read off the document's line table.
fn trimmed_lines(pos: &Positions, pieces: &[(&str, usize)]) -> String {
    let doc = pos.text();
    let mut out = String::with_capacity(pieces.iter().map(|(p, _)| p.len()).sum());
    let lines = pieces
        .iter()
        .flat_map(|(p, at)| pos.lines(*at..at + p.len()));
    for (a, b) in lines {
        let line = crate::text::trim(&doc[a..b]);
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}

/// The pieces of `range` outside the table spans: `(text, byte offset)`.
fn between_tables<'a>(
    doc: &'a str,
    range: Range<usize>,
    spans: &[(usize, usize)],
) -> Vec<(&'a str, usize)> {
    let mut sorted: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|(a, b)| *b > range.start && *a < range.end)
        .collect();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut at = range.start;
    for (a, b) in sorted {
        let a = floor(doc, a.max(at));
        if a > at {
            out.push((&doc[at..a], at));
        }
        at = floor(doc, b.min(range.end)).max(at);
    }
    if at < range.end {
        out.push((&doc[at..range.end], at));
    }
    out
}
