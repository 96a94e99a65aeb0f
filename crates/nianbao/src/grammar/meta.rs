//! Title, agency, year and date of a report.

use crate::lex;
use crate::text::{contains, find, is_digit, is_hspace, norm};

/// Portal chrome in front of a report: lines that are never its title.
const CHROME: [&str; 12] = [
    "标题",
    "发布时间",
    "发布日期",
    "来源",
    "您当前的位置",
    "当前位置",
    "字号",
    "原文链接",
    "本地目录",
    "栏目",
    "发布机构",
    "文号",
];

/// What the metadata reader found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub published: Option<String>,
}

fn is_chrome(line: &str) -> bool {
    let t = line.trim_start();
    CHROME.iter().any(|c| t.starts_with(c)) || t.starts_with("==") || t.starts_with("正文")
}

/// Split `2024年` / `2024 年度` off the front of a normalised title part.
fn leading_year(s: &str) -> Option<(i32, &str)> {
    let digits: String = s.chars().take_while(|c| is_digit(*c)).collect();
    if digits.chars().count() != 4 {
        return None;
    }
    let rest = &s[digits.len()..];
    let rest = rest.strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    Some((digits.parse().ok()?, rest))
}

/// Find the first `YYYY年` in a normalised title: (byte offset, year, offset after).
fn year_in(s: &str) -> Option<(usize, i32, usize)> {
    let idx = s.char_indices();
    for (i, c) in idx {
        if is_digit(c) && (i == 0 || !s[..i].chars().next_back().is_some_and(is_digit)) {
            if let Some((y, rest)) = leading_year(&s[i..]) {
                return Some((i, y, s.len() - rest.len()));
            }
        }
    }
    None
}

/// The title of the report, from its own heading before part 一 (its lines joined),
/// else from the portal's `标题:` line.
fn title(doc: &str, head_end: usize) -> Option<String> {
    let head = &doc[..head_end];
    let mut prev: Option<&str> = None;
    let mut portal: Option<String> = None;
    for line in head.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if is_chrome(t) {
            if let Some(v) = t
                .strip_prefix("标题")
                .map(|v| v.trim_start_matches([':', '：', ' ']))
            {
                // a page's <title> may go on with the site's name
                if let (Some(p), None) = (find(v, "年度报告"), portal.as_ref()) {
                    portal = Some(norm_title(&v[..p + "年度报告".len()]));
                }
            }
            continue;
        }
        if let Some(p) = find(t, "年度报告") {
            let before = &t[..p];
            if before.chars().count() <= 60
                && !before.contains(['《', '，', '。', ','])
                && !contains(before, "关于")
            {
                let short = t.chars().count() <= 40 && !t.contains(['。', '，']);
                let mut title = if short {
                    norm_title(t)
                } else {
                    norm_title(&t[..p + "年度报告".len()])
                };
                // the agency on the line above: `重庆市綦江区公安局` / `2024年政府信息公开工作年度报告`
                let lacks_agency = match year_in(&title) {
                    Some((0, _, after)) => {
                        title[after..].starts_with("政府信息公开")
                            || title[after..].starts_with("工作")
                    }
                    Some(_) => false,
                    None => title.starts_with("工作") || title.starts_with("年度报告"),
                };
                if lacks_agency {
                    if let Some(p) =
                        prev.filter(|p| p.chars().count() <= 40 && !p.contains(['。', '，']))
                    {
                        title = norm_title(p) + &title;
                    }
                }
                return Some(title);
            }
        }
        prev = Some(t);
    }
    portal
}

fn norm_title(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect::<String>()
        .trim_start_matches(['#', '*'])
        .to_string()
}

/// The agency and year inside a title: `重庆市綦江区公安局2024年政府信息公开…`.
fn agency_year(title: &str) -> (Option<String>, Option<i32>) {
    let (agency, year) = match year_in(title) {
        Some((0, y, after)) => {
            let rest = &title[after..];
            (
                find(rest, "政府信息公开").map(|p| rest[..p].to_string()),
                Some(y),
            )
        }
        Some((i, y, _)) => (Some(title[..i].to_string()), Some(y)),
        None => (
            find(title, "政府信息公开").map(|p| title[..p].to_string()),
            None,
        ),
    };
    // a covering letter: `…管理局关于2021年度…报告`, `…局关于报送…的函`
    let agency = agency.map(|a| match find(&a, "关于") {
        Some(p) => a[..p].to_string(),
        None => a,
    });
    (agency.filter(|a| !a.is_empty()), year)
}

/// The year the report covers, from `统计期限自2024年1月1日` and the like.
fn year_from_text(doc: &str) -> Option<i32> {
    let head = &doc[..head_limit(doc, 20_000)];
    for key in [
        "统计期限自",
        "统计期限为",
        "统计期限是",
        "数据统计期限",
        "统计时段为",
    ] {
        if let Some(p) = crate::text::find_norm(head, key) {
            let near = &head[p..head_limit(head, p + 240)];
            let n = norm(near);
            let after = n.get(key.len()..).unwrap_or("");
            if let Some((_, y, _)) = year_in(&after[..head_limit(after, 40)]) {
                return Some(y);
            }
        }
    }
    None
}

fn head_limit(doc: &str, n: usize) -> usize {
    let mut i = n.min(doc.len());
    while !doc.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Every occurrence in `text` of a key that is one of `firsts` followed by `end`, as
/// (start, end) byte offsets, added to `out`.
fn keys_ending(text: &str, end: &str, firsts: &[&str], out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    for p in memchr::memmem::find_iter(b, end.as_bytes()) {
        if let Some(f) = firsts.iter().find(|f| b[..p].ends_with(f.as_bytes())) {
            out.push((p - f.len(), p + end.len()));
        }
    }
}

/// The date of issue: a `发布日期` / `发布时间` / `公开日期` line, else a signature
/// date standing alone on one of the last lines.
fn published(doc: &str) -> Option<String> {
    // the page's line, in its first 60 lines: every occurrence of the keys, in order
    let head_end = memchr::memchr_iter(b'\n', doc.as_bytes())
        .nth(59)
        .unwrap_or(doc.len());
    let head = &doc[..head_end];
    // the keys are 发布日期, 发布时间, 公开日期 and 发文日期: found by their second
    // half, in two scans instead of four
    let mut found: Vec<(usize, usize)> = Vec::new();
    keys_ending(head, "日期", &["发布", "公开", "发文"], &mut found);
    keys_ending(head, "时间", &["发布"], &mut found);
    found.sort_unstable();
    for (_, after) in found {
        let line_end = head[after..].find('\n').map_or(head.len(), |n| after + n);
        let rest = head[after..line_end]
            .trim()
            .trim_start_matches([':', '：', ' ', '\u{3000}']);
        if let Ok((_, (y, m, d))) = lex::date(rest) {
            return Some(iso(y, m, d));
        }
    }
    let tail: Vec<&str> = doc
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .collect();
    for line in tail {
        // the signature: a short line, or what follows the last sentence of a page
        // flattened onto one line (`…事项无。 平潭综合实验区经济发展局2024年1月29日`)
        let t = line.trim();
        let t = t
            .rfind(['。', '，'])
            .map_or(t, |p| t[p..].trim_start_matches(['。', '，']).trim());
        if t.chars().count() > 40 || !may_hold_date(t) {
            continue;
        }
        // a date starts with a digit (2025年…, 2025-01-24) or a Chinese numeral
        // (二○一二年…), each read by its own grammar
        let starts = t
            .char_indices()
            .filter(|(_, c)| is_digit(*c) || matches!(c, '〇' | '○' | '零' | '一' | '二'));
        for (i, c) in starts {
            let s = &t[i..];
            let date = if is_digit(c) {
                lex::date(s)
            } else {
                lex::date_cn_numerals(s)
            };
            if let Ok((rest, (y, m, d))) = date {
                if rest.trim().is_empty() {
                    return Some(iso(y, m, d));
                }
            }
        }
    }
    None
}

/// Whether `t` may hold a date: four digits or Chinese numerals, then 年 or a
/// separator, as every date [`lex::date`] or [`lex::date_cn_numerals`] reads starts
/// (white space allowed before it, as [`lex::date`] allows). A line that has none (a
/// table's row, `（三）1.属于国家秘密 0 0`) is not tried at each of its digits.
fn may_hold_date(t: &str) -> bool {
    let year_before = |p: usize| {
        t[..p]
            .trim_end_matches(is_hspace)
            .chars()
            .rev()
            .take(4)
            .filter(|&c| is_digit(c) || lex::CN_DIGITS.contains(&c))
            .count()
            == 4
    };
    // by bytes: 年 is E5 B9 B4
    let b = t.as_bytes();
    (0..b.len()).any(|i| match b[i] {
        b'-' | b'/' | b'.' => year_before(i),
        0xE5 => b[i + 1..].starts_with(&[0xB9, 0xB4]) && year_before(i),
        _ => false,
    })
}

/// Read the metadata. `head_end` is where part 一 starts (or a bound).
pub(crate) fn read(doc: &str, head_end: usize) -> Meta {
    let title = title(doc, head_end);
    let (agency, year) = title.as_deref().map_or((None, None), agency_year);
    Meta {
        year: year.or_else(|| year_from_text(doc)),
        agency,
        title,
        published: published(doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_over_two_lines() {
        let doc = "\n   重庆市綦江区公安局\n2024 年政府信息公开工作年度报告\n\n一、总体情况\n";
        let m = read(doc, doc.len());
        assert_eq!(
            m.title.as_deref(),
            Some("重庆市綦江区公安局2024年政府信息公开工作年度报告")
        );
        assert_eq!(m.agency.as_deref(), Some("重庆市綦江区公安局"));
        assert_eq!(m.year, Some(2024));
    }

    #[test]
    fn year_first_titles_and_portal_titles() {
        let (a, y) = agency_year("2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(
            (a.as_deref(), y),
            (Some("上海市人民政府办公厅"), Some(2019))
        );
        let doc = "标题: 平潭综合实验区2022年度政府信息公开工作年度报告\n发布时间: 2023-02-20 15:07\n正文\n根据《条例》";
        let m = read(doc, doc.len());
        assert_eq!(
            m.title.as_deref(),
            Some("平潭综合实验区2022年度政府信息公开工作年度报告")
        );
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.published.as_deref(), Some("2023-02-20"));
    }

    #[test]
    fn covering_letters() {
        let (a, y) =
            agency_year("平潭综合实验区海坛片区管理局关于2021年度政府信息公开工作年度报告");
        assert_eq!(
            (a.as_deref(), y),
            (Some("平潭综合实验区海坛片区管理局"), Some(2021))
        );
        let (a, y) = agency_year("某某市财政局关于报送2023年度政府信息公开工作年度报告的函");
        assert_eq!((a.as_deref(), y), (Some("某某市财政局"), Some(2023)));
    }

    #[test]
    fn dates_of_issue_after_their_keys() {
        for key in ["发布日期", "发布时间", "公开日期", "发文日期"] {
            let doc = format!("标题: 某局报告\n统计日期2024-01-01\n{key}：2025-01-24\n正文");
            assert_eq!(published(&doc).as_deref(), Some("2025-01-24"), "{key}");
        }
        // the first key with a date wins, whichever it is
        let doc = "公开日期: 2025-02-01\n发布时间: 2025-01-24 15:07\n";
        assert_eq!(published(doc).as_deref(), Some("2025-02-01"));
        // 日期 and 时间 alone are no keys
        assert_eq!(
            published("日期：2025-01-24止。\n时间：2025-01-25止。\n"),
            None
        );
    }

    #[test]
    fn signature_dates() {
        assert_eq!(
            published("正文。\n    重庆市綦江区公安局\n      2025年1月24日\n").as_deref(),
            Some("2025-01-24")
        );
        assert_eq!(
            published("统计期限自2021年1月1日起至2021年12月31日止。\n"),
            None
        );
    }

    #[test]
    fn lines_passed_over_hold_no_date() {
        // every way a signature date is written is tried, behind a body's name or not
        for date in [
            "2025年1月24日",
            "2025 年 1 月 24 日",
            "２０２５年１月２４日",
            "2020-01-31",
            "2020/1/3",
            "2020.01.31",
            "二○一二年二月二十日",
            "二〇二四年十二月三十一日",
        ] {
            for line in [
                date.to_string(),
                format!("某某市财政局 {date}"),
                format!("1.{date}"),
            ] {
                assert!(may_hold_date(&line), "{line}");
                let doc = format!("正文。\n{line}\n");
                assert!(published(&doc).is_some(), "{line}");
            }
        }
        // a table's rows at the end of a fragment are not read at each digit
        for row in [
            "（三）1.属于国家秘密 0 0 0 0 0 0 0",
            "一、本年新收政府信息公开申请数量 3001 53 0",
        ] {
            assert!(!may_hold_date(row), "{row}");
        }
    }
}
