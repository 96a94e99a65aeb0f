//! The parts of a report: `一、总体情况` … `六、其他需要报告的事项`.
//!
//! A part heading is its ordinal (`三、`) followed by words that name a part. It
//! starts a line (after converter residue such as `[bookmark: _Toc3296]`, `#` or
//! spaces) or, in a page flattened onto one line, follows the end of a sentence.
//! Table rows that share the ordinals (`三、本年度办理结果`, `四、结转下年度继续办理`)
//! and stray fragments (`三、`) do not name a part and are not headings.
//!
//! A part is recognised by its words, not by its ordinal: reports for 2025 on may add
//! `五、信息处理费收取情况` and move 存在的主要问题 to 六 and 其他需要报告的事项 to 七.

use crate::lex::{part_ordinal, part_ordinal_at};
use crate::text::{norm, Positions};

/// What a part is about, whatever its printed ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    /// 总体情况.
    Overview,
    /// 主动公开政府信息情况 (table 二).
    Active,
    /// 收到和处理政府信息公开申请情况 (table 三).
    Applications,
    /// 政府信息公开行政复议、行政诉讼情况 (table 四).
    Reviews,
    /// 信息处理费收取情况 (its own small table; reports for 2025 on).
    Fees,
    /// 存在的主要问题及改进情况.
    Problems,
    /// 其他需要报告的事项.
    Other,
}

/// Each part: the words that name it (normalised) and the ordinals it may carry.
/// Earlier entries win when a heading's words name two parts.
const PARTS: [(Part, &[&str], &[u8]); 7] = [
    (Part::Fees, &["信息处理费"], &[5, 6]),
    (
        Part::Overview,
        &["总体情况", "概述", "总体", "基本情况"],
        &[1],
    ),
    (Part::Active, &["主动公开"], &[2]),
    (
        Part::Applications,
        &["收到和处理", "依申请公开", "申请情况", "申请的情况"],
        &[3],
    ),
    (
        Part::Reviews,
        &["行政复议", "行政诉讼", "复议", "诉讼"],
        &[4],
    ),
    (
        Part::Problems,
        &["存在的主要问题", "存在问题", "主要问题", "改进"],
        &[5, 6],
    ),
    (
        Part::Other,
        &["其他需要报告", "需要报告", "其他事项"],
        &[6, 7],
    ),
];

/// A part heading found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// The printed ordinal: 1 for 一 … 7 for 七.
    pub number: u8,
    /// What the part is about.
    pub part: Part,
    /// Byte offset of the ordinal.
    pub start: usize,
    /// Byte offset just after the heading's words.
    pub end: usize,
    /// Byte span of the heading as written, without its ordinal: [`Heading::text`].
    pub words: (usize, usize),
}

impl Heading {
    /// The heading as written, without its ordinal.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.words.0..self.words.1]
    }
}

/// Strip what converters put in front of a heading: spaces, `#`, `*`, `>` and
/// `[bookmark: …]`. Returns the offset of what follows.
fn residue(line: &str) -> usize {
    // most lines start with their words: no lead byte of a space (ASCII, U+0085,
    // U+00A0, U+1680, U+2000…U+205F, U+3000) or of the residue
    let first = line.as_bytes().first();
    if !first.is_some_and(|b| {
        matches!(
            b,
            b'\t'..=b'\r' | b' ' | b'#' | b'*' | b'>' | b'[' | 0xC2 | 0xE1 | 0xE2 | 0xE3
        )
    }) {
        return 0;
    }
    let mut i = 0;
    loop {
        let rest = &line[i..];
        let trimmed = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || c == '\u{3000}' || matches!(c, '#' | '*' | '>')
        });
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("[bookmark:") {
            match trimmed.find(']') {
                Some(p) => i += p + 1,
                None => return i,
            }
        } else {
            return i;
        }
    }
}

/// The part that a heading with ordinal `number` and these words names.
fn part_named(number: u8, words: &str, window: usize) -> Option<Part> {
    let w = norm(words);
    let head = &w[..w.char_indices().nth(window).map_or(w.len(), |(i, _)| i)];
    PARTS
        .iter()
        .find(|(_, keys, ordinals)| {
            ordinals.contains(&number) && keys.iter().any(|k| crate::text::contains(head, k))
        })
        .map(|(p, _, _)| *p)
}

/// The heading's words after the ordinal: to the end of the line, or in running text
/// up to the first 情况 / 事项 / 措施 (at most 40 characters).
fn heading_words(rest: &str, inline: bool) -> usize {
    let mut cap = rest.len().min(600);
    while !rest.is_char_boundary(cap) {
        cap -= 1;
    }
    let rest = &rest[..cap];
    let line_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    let line = &rest[..line_end];
    if !inline {
        return line.trim_end().len();
    }
    // in running text the heading ends at 情况 / 事项 / 措施 / 概述, or where the text
    // clearly goes on: a digit, a full stop, or the ordinal of another part
    let window: usize = line.char_indices().nth(40).map_or(line.len(), |(i, _)| i);
    let w = &line[..window];
    let terminator = ["情况", "事项", "措施", "概述"]
        .iter()
        .filter_map(|k| crate::text::find(w, k).map(|p| p + k.len()))
        .min();
    let stop = w
        .char_indices()
        .find(|(i, c)| {
            c.is_ascii_digit()
                || crate::text::is_digit(*c)
                || *c == '。'
                || (*i > 0
                    && part_ordinal_at(&w.as_bytes()[*i..]).is_some()
                    && w[*i..]
                        .chars()
                        .nth(1)
                        .is_some_and(|n| matches!(n, '、' | '.' | '．')))
        })
        .map(|(i, _)| i);
    match (terminator, stop) {
        (Some(t), Some(s)) => t.min(s),
        (Some(t), None) => t,
        (None, Some(s)) => s,
        (None, None) => w.find(char::is_whitespace).unwrap_or(w.len()),
    }
}

/// Where an ordinal of a part (一 … 七) stands right before `、` or `.` (spaces
/// between allowed), in document order: the headings a flattened page runs into
/// its text. One `memchr3` pass over the last bytes of the separators (`.`, `、`,
/// `．`); the ordinal before each is compared as bytes, no character is decoded.
fn inline_ordinals(doc: &str) -> Vec<usize> {
    let b = doc.as_bytes();
    let mut out: Vec<usize> = Vec::new();
    // `.`, or the last byte of `、` (E3 80 81) or `．` (EF BC 8E): rarer in Chinese
    // text than the lead bytes, which `，` and `。` share
    for p in memchr::memchr3_iter(b'.', 0x81, 0x8E, b) {
        let p = match b[p] {
            b'.' => p,
            0x81 if p >= 2 && b[p - 2..p] == [0xE3, 0x80] => p - 2,
            0x8E if p >= 2 && b[p - 2..p] == [0xEF, 0xBC] => p - 2,
            _ => continue,
        };
        let before = doc[..p].trim_end_matches([' ', '\u{3000}']).as_bytes();
        let Some(at) = before.len().checked_sub(3) else {
            continue;
        };
        if part_ordinal_at(&before[at..]).is_some() && out.last() != Some(&at) {
            out.push(at);
        }
    }
    out
}

/// Every part heading of the document, in document order, at most one per number.
/// Returns the headings and whether they were out of order.
pub(crate) fn find(pos: &Positions) -> (Vec<Heading>, bool) {
    let doc = pos.text();
    let mut found: Vec<Heading> = Vec::new();
    let mut out_of_order = false;
    let mut seen = [false; 8];
    let mut seen_part: Vec<Part> = Vec::new();
    let mut max_seen = 0u8;
    let mut consider = |start: usize, inline: bool, found: &mut Vec<Heading>| {
        let Ok((rest, number)) = part_ordinal(&doc[start..]) else {
            return;
        };
        if seen[usize::from(number)] {
            return;
        }
        let rest = rest.trim_start_matches([' ', '\u{3000}']);
        let words_at = doc.len() - rest.len();
        let len = heading_words(rest, inline);
        let words = &rest[..len];
        if words.is_empty() || seen[usize::from(number)] {
            return;
        }
        let Some(part) = part_named(number, words, if inline { 40 } else { 24 }) else {
            return;
        };
        if seen_part.contains(&part) {
            return;
        }
        if !inline && norm(words).chars().count() > 45 {
            return;
        }
        // never inside the words of a heading already found
        if found.last().is_some_and(|h: &Heading| start < h.end) {
            return;
        }
        seen[usize::from(number)] = true;
        seen_part.push(part);
        if number < max_seen {
            out_of_order = true;
        }
        max_seen = max_seen.max(number);
        found.push(Heading {
            number,
            part,
            start,
            end: words_at + len,
            words: {
                let start = words_at + (words.len() - words.trim_start().len());
                (start, start + words.trim().len())
            },
        });
    };
    let inline = inline_ordinals(doc);
    let mut inline = inline.iter().copied().peekable();
    for (line_start, end) in pos.lines(0..doc.len()) {
        let r = line_start + residue(&doc[line_start..end]);
        // most lines start with no ordinal: told from their first bytes
        if part_ordinal_at(&doc.as_bytes()[r..]).is_some() {
            consider(r, false, &mut found);
        }
        // headings inside a line (pages flattened onto one line)
        while let Some(i) = inline.next_if(|&i| i < end) {
            if i > r {
                consider(i, true, &mut found);
            }
        }
    }
    (found, out_of_order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(doc: &str) -> (Vec<Heading>, bool) {
        super::find(&Positions::new(doc))
    }

    fn numbers(doc: &str) -> Vec<u8> {
        find(doc).0.iter().map(|h| h.number).collect()
    }

    #[test]
    fn headings_at_line_starts_with_residue() {
        let doc = "[bookmark: _Toc3296]一、总体情况\n文字\n   二、主动公开政府信息情况\n三、\n三、本年度办理结果\n## 三、收到和处理政府信息公开申请情况\n";
        assert_eq!(numbers(doc), vec![1, 2, 3]);
        let (h, _) = find(doc);
        assert_eq!(h[0].text(doc), "总体情况");
    }

    #[test]
    fn parts_by_their_words_not_their_ordinals() {
        let doc = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、信息处理费收取情况\n六、存在的主要问题及改进措施\n七、其他需要报告的事项\n";
        let (h, out_of_order) = find(doc);
        let parts: Vec<(u8, Part)> = h.iter().map(|h| (h.number, h.part)).collect();
        assert_eq!(
            parts,
            vec![
                (1, Part::Overview),
                (2, Part::Active),
                (3, Part::Applications),
                (4, Part::Reviews),
                (5, Part::Fees),
                (6, Part::Problems),
                (7, Part::Other)
            ]
        );
        assert!(!out_of_order);
        // an improvement listed as 一、 inside part 五 is not part 二
        assert_eq!(
            numbers("五、存在的主要问题及改进情况\n一、主动公开力度不够\n"),
            vec![5]
        );
    }

    #[test]
    fn headings_inside_a_flattened_line() {
        let doc = "报告。一、总体情况2019年，我区。二、主动公开政府信息情况 第二十条 四、结转下年度继续办理 0 0 四、政府信息公开行政复议、行政诉讼情况行政复议";
        assert_eq!(numbers(doc), vec![1, 2, 4]);
        let (h, _) = find(doc);
        assert_eq!(h[2].text(doc), "政府信息公开行政复议、行政诉讼情况");
    }
}
