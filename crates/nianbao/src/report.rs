//! Putting it together: text → sections → tables → model → checks.

use crate::grammar::{active, applications, meta, narrative, reviews, sections, Ctx};
use crate::text::norm;
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
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if sample.contains(&0) {
        return Err(Error::Binary("it contains NUL bytes".into()));
    }
    if controls * 50 > sample.len() {
        return Err(Error::Binary(format!(
            "{controls} control characters in the first {} bytes",
            sample.len()
        )));
    }
    if text.contains('\u{fffd}')
        && text.matches('\u{fffd}').count() * 20 > text.chars().count().max(1)
    {
        return Err(Error::Binary(
            "most characters are U+FFFD replacement characters (the bytes were not UTF-8)".into(),
        ));
    }
    Ok(text)
}

/// The byte range of part `n`'s body: after its heading to the next heading.
fn part_range(heads: &[sections::Heading], n: u8, len: usize) -> Option<std::ops::Range<usize>> {
    let i = heads.iter().position(|h| h.number == n)?;
    let end = heads.get(i + 1).map_or(len, |h| h.start);
    Some(heads[i].end..end.max(heads[i].end))
}

/// First occurrence of any of `words` at or after `from`.
fn anchor(doc: &str, from: usize, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter_map(|w| doc[from..].find(w).map(|p| p + from))
        .min()
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
    let (heads, out_of_order) = sections::find(doc);
    let len = doc.len();
    let head_of = |n: u8| heads.iter().find(|h| h.number == n).map(|h| h.start);

    // regions of the three tables
    let r3 = part_range(&heads, 3, len).or_else(|| {
        let a = anchor(doc, 0, &["勾稽关系", "本年新收政府信息公开申请"])?;
        Some(a..head_of(4).filter(|h| *h > a).unwrap_or(len))
    });
    let r2 = part_range(&heads, 2, len).or_else(|| {
        let a = anchor(doc, 0, &["第二十条"])?;
        let end = r3.as_ref().map_or(len, |r| r.start);
        (a < end).then_some(a..end)
    });
    let meta_end = heads.first().map_or(len.min(20_000), |h| h.start);
    let m = meta::read(doc, floor(doc, meta_end));

    let hints = |word: &str| narrative::numbers_near(doc, word);
    let active = r2.clone().and_then(|r| active::parse(&mut ctx, r, &hints));
    let apps = r3.clone().and_then(|r| applications::parse(&mut ctx, r));
    let r4 = part_range(&heads, 4, len).or_else(|| {
        let from = apps
            .as_ref()
            .map(|a| a.span.1)
            .or(r3.as_ref().map(|r| r.end))?;
        let end = head_of(5)
            .or(head_of(6))
            .filter(|h| *h > from)
            .unwrap_or(len);
        Some(from..end)
    });
    let revs = r4.clone().and_then(|r| reviews::parse(&mut ctx, r));

    if active.is_none() && apps.is_none() && revs.is_none() {
        let n = norm(&doc[..floor(doc, len.min(200_000))]);
        let older = m.year.is_some_and(|y| y < 2019)
            || n.contains("统计表")
            || n.contains("概述")
            || n.contains("依申请公开工作情况");
        if older && (n.contains("政府信息公开") || n.contains("年度报告")) {
            return Err(Error::PreTemplate { year: m.year });
        }
        return Err(Error::NotAReport(
            "no table of the 2019 or 2021 national template (parts 二、三、四: 主动公开政府信息情况, 收到和处理政府信息公开申请情况, 行政复议、行政诉讼情况) was found; pass the full text of the report".into(),
        ));
    }

    // template: from the part-二 headers, else from the shape of part 三
    let template = active.as_ref().map(|a| a.template).or_else(|| {
        apps.as_ref().map(|a| {
            if a.single_other {
                Template::T2019
            } else {
                Template::T2021
            }
        })
    });
    if let (Some(Template::T2019), Some(y)) = (template, m.year) {
        if y >= 2021 {
            ctx.diag(
                codes::STRUCTURE_TEMPLATE_OUTDATED,
                format!(
                    "{y}年度报告应使用2021年版模板（国办公开办函〔2021〕30号），但表格为2019年版"
                ),
                active.as_ref().map(|a| a.span.0),
            );
        }
    }
    if let (Some(Template::T2021), Some(a)) = (template, apps.as_ref()) {
        if a.single_other {
            let at = ctx.at(("applications", "other_handling.other", "natural_person"));
            ctx.diag(
                codes::APPLICATIONS_OTHER_HANDLING_SINGLE_ROW,
                "2021年版表三的“（六）其他处理”应分为三个子项，此报告只列一行；该行记入“3.其他”，前两个子项记为空".into(),
                at,
            );
        }
    }

    // structure
    for n in 1..=5u8 {
        if head_of(n).is_none() {
            let names = [
                "总体情况",
                "主动公开政府信息情况",
                "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况",
                "存在的主要问题及改进情况",
            ];
            ctx.diag(
                codes::STRUCTURE_SECTION_MISSING,
                format!(
                    "缺少第{}部分“{}、{}”的标题",
                    "一二三四五".chars().nth(usize::from(n - 1)).unwrap_or('?'),
                    "一二三四五".chars().nth(usize::from(n - 1)).unwrap_or('?'),
                    names[usize::from(n - 1)]
                ),
                None,
            );
        }
    }
    if out_of_order {
        ctx.diag(
            codes::STRUCTURE_SECTION_ORDER,
            "各部分标题未按一至六的顺序排列".into(),
            None,
        );
    }
    for (present, name, n) in [
        (active.is_some(), "主动公开政府信息情况（表二）", 2u8),
        (apps.is_some(), "收到和处理政府信息公开申请情况（表三）", 3),
        (revs.is_some(), "行政复议、行政诉讼情况（表四）", 4),
    ] {
        if !present {
            ctx.diag(
                codes::STRUCTURE_TABLE_MISSING,
                format!("未找到{name}的表格"),
                head_of(n),
            );
        }
    }

    // sections, with the tables cut out of their text
    let spans: Vec<(usize, usize)> = [
        active.as_ref().map(|a| a.span),
        apps.as_ref().map(|a| a.span),
        revs.as_ref().map(|r| r.1),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut secs = Vec::new();
    let mut prose = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(len, |n| n.start).max(h.end);
        let body = h.end..end;
        let text = cut(doc, body.clone(), &spans);
        prose.push((doc[body.clone()].to_string(), body.start));
        secs.push(Section {
            number: h.number,
            heading: h.text.clone(),
            text,
            line: ctx.pos.line(h.start),
        });
    }
    if let Some(first) = heads.first() {
        prose.insert(0, (doc[..first.start].to_string(), 0));
    }
    // keep table text out of the prose checks
    let prose: Vec<(String, usize)> = prose
        .into_iter()
        .map(|(t, base)| (blank_spans(&t, base, &spans), base))
        .collect();

    let applications_model = apps.as_ref().map(|a| a.table.clone());
    if let Some(a) = apps.as_ref() {
        crate::checks::applications(&mut ctx, &a.table, a.single_other);
    }
    if let Some((r, _)) = revs.as_ref() {
        crate::checks::reviews(&mut ctx, r);
    }
    crate::checks::narrative(
        &mut ctx,
        &prose,
        applications_model.as_ref(),
        revs.as_ref().map(|r| &r.0),
    );

    let cells = ctx.positions();
    let mut diagnostics = ctx.diags;
    diagnostics.sort_by_key(|d| d.severity);
    Ok(Report {
        title: m.title,
        agency: m.agency,
        year: m.year,
        published: m.published,
        template,
        sections: secs,
        active_disclosure: active.map(|a| a.table),
        applications: applications_model,
        reviews: revs.map(|r| r.0),
        processing_fees: None,
        diagnostics,
        cells,
    })
}

fn floor(doc: &str, mut i: usize) -> usize {
    i = i.min(doc.len());
    while !doc.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text of `range` without the bytes inside `spans`, trimmed line by line.
fn cut(doc: &str, range: std::ops::Range<usize>, spans: &[(usize, usize)]) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    let mut at = range.start;
    let mut sorted: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|(a, b)| *b > range.start && *a < range.end)
        .collect();
    sorted.sort_unstable();
    for (a, b) in sorted {
        let a = floor(doc, a.max(at));
        if a > at {
            pieces.push(&doc[at..a]);
        }
        at = floor(doc, b.min(range.end)).max(at);
    }
    if at < range.end {
        pieces.push(&doc[at..range.end]);
    }
    let joined = pieces.join("\n");
    joined
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` (which starts at byte `base` of the document) with the table spans blanked
/// (each character inside a span becomes a space, line breaks are kept).
fn blank_spans(text: &str, base: usize, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut sorted: Vec<(usize, usize)> = spans
        .iter()
        .map(|(a, b)| {
            (
                a.saturating_sub(base).min(text.len()),
                b.saturating_sub(base).min(text.len()),
            )
        })
        .filter(|(a, b)| a < b)
        .collect();
    sorted.sort_unstable();
    for (a, b) in sorted {
        let a = floor(text, a.max(at));
        let b = floor(text, b).max(a);
        out.push_str(&text[at..a]);
        out.extend(
            text[a..b]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        at = b;
    }
    out.push_str(&text[at..]);
    out
}
