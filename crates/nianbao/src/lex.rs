//! The smallest pieces of the grammar, as nom combinators over `&str`: numbers and
//! their runs, blank markers, page numbers, part headings' ordinals and dates.
//!
//! Each is tested on its own below; the table and section grammars compose them.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{all_consuming, opt, recognize};
use nom::multi::many0_count;
use nom::sequence::{pair, preceded};
use nom::{IResult, Parser};

use crate::text::{digit_value, hspace_len, is_digit, is_hspace};

/// One number as printed: an optional sign, digits, an optional decimal part.
///
/// `"64.21"`, `"-18"`, `"０"`.
pub(crate) fn number(i: &str) -> IResult<&str, &str> {
    recognize((
        opt(one_of("+-－")),
        take_while1(is_digit),
        opt(pair(one_of(".．"), take_while1(is_digit))),
    ))
    .parse(i)
}

/// The first characters of the units of [`unit()`].
const UNIT_STARTS: [char; 8] = ['亿', '万', '元', '件', '笔', '项', '个', '条'];

/// The first characters of the suffixes of [`prose_suffix`].
const PROSE_SUFFIX_STARTS: [char; 20] = [
    '年', '月', '日', '号', '时', '点', '分', '秒', '届', '批', '期', '层', '楼', '室', '岁', '周',
    '天', '个', '余', '多',
];

/// A unit that a table cell may carry (`251000元`, `64.21万元`, `15件`, `2笔`).
pub(crate) fn unit(i: &str) -> IResult<&str, &str> {
    // most numbers have none: look at the first character before trying each unit
    if !i.starts_with(UNIT_STARTS) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    alt((
        tag("亿元"),
        tag("万元"),
        tag("元"),
        tag("件"),
        tag("笔"),
        tag("项"),
        tag("个"),
        tag("条"),
    ))
    .parse(i)
}

/// A number with the unit glued to it, if any (`2笔`, `984361元`); a number that
/// prose continues (`3个工作日`) takes no unit.
fn number_with_unit(i: &str) -> IResult<&str, &str> {
    let (rest, _) = number(i)?;
    if prose_suffix(rest).is_ok() {
        return Ok((rest, &i[..i.len() - rest.len()]));
    }
    let (rest, _) = (take_while(is_hspace), opt(unit)).parse(rest)?;
    Ok((rest, &i[..i.len() - rest.len()]))
}

/// A run of numbers inside one cell, separated by white space or by a sign, each
/// with its unit (`"230 000023"`, `"2648-18538"`, `"75394432.52元"`, `"2笔 984361元"`).
pub(crate) fn numeric_run(i: &str) -> IResult<&str, &str> {
    plain_run(i).map_or_else(|| numeric_run_grammar(i), Ok)
}

/// The common run, told from its bytes: ASCII digits apart by ASCII spaces or tabs,
/// followed by the end or by a character that cannot go on a number (no digit, other
/// space, unit or prose suffix; no decimal point or sign unless no digit follows it,
/// as in the ordinal of the next label, `00000002.其他`). `None` for any other run,
/// which the grammar reads.
fn plain_run(i: &str) -> Option<(&str, &str)> {
    let b = i.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let len = b
        .iter()
        .position(|c| !(c.is_ascii_digit() || *c == b' ' || *c == b'\t'))
        .unwrap_or(b.len());
    let mut after = i[len..].chars();
    let ends = after.next().is_none_or(|c| {
        if matches!(c, '.' | '．' | '+' | '-' | '－') {
            return !after.next().is_some_and(is_digit);
        }
        !(is_digit(c)
            || is_hspace(c)
            || UNIT_STARTS.contains(&c)
            || PROSE_SUFFIX_STARTS.contains(&c))
    });
    if !ends {
        return None;
    }
    let run = i[..len].trim_end_matches([' ', '\t']);
    Some((&i[run.len()..], run))
}

/// [`numeric_run`] by the grammar.
fn numeric_run_grammar(i: &str) -> IResult<&str, &str> {
    let (_, run) = recognize((
        number_with_unit,
        many0_count(preceded(take_while(is_hspace), number_with_unit)),
    ))
    .parse(i)?;
    // white space after the last number belongs to what follows
    let run = run.trim_end_matches(is_hspace);
    Ok((&i[run.len()..], run))
}

/// What follows a number in prose and never in a table cell: a date or time unit
/// (`年`, `月`, `日`, `号`, `时`), an ordinal's measure (`届`, `批`, `期`), a storey.
pub(crate) fn prose_suffix(i: &str) -> IResult<&str, &str> {
    let first = i[hspace_len(i)..].chars().next();
    if !first.is_some_and(|c| PROSE_SUFFIX_STARTS.contains(&c)) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    recognize((
        take_while(is_hspace),
        alt((
            alt((
                tag("年"),
                tag("月"),
                tag("日"),
                tag("号"),
                tag("时"),
                tag("点"),
            )),
            alt((tag("分钟"), tag("秒"), tag("届"), tag("批"), tag("期"))),
            alt((
                tag("层"),
                tag("楼"),
                tag("室"),
                tag("岁"),
                tag("周"),
                tag("天"),
            )),
            alt((
                tag("个月"),
                tag("个工作日"),
                tag("个百分点"),
                tag("余"),
                tag("多"),
            )),
        )),
    ))
    .parse(i)
}

/// A telephone number with its area code, `0591-24312145`, with any digits that
/// follow it (`0591-243121450`, a cell's value run into it: which of the digits are
/// the number's cannot be told). A table's glued row never reads so: a number before
/// a sign that starts with 0 is 0 itself. (A mobile number is eleven digits like any
/// glued row: the cell guard, not the lexer, flags it.)
pub(crate) fn phone(i: &str) -> IResult<&str, &str> {
    recognize((
        ch('0'),
        take_while_m_n(2, 3, |c: char| c.is_ascii_digit()),
        one_of("-－"),
        take_while_m_n(7, usize::MAX, |c: char| c.is_ascii_digit()),
    ))
    .parse(i)
}

/// A column header that a transcription tool made up, `数据1` … `数据7`, `列3`: a
/// whole cell of words and one or two digits that name a column, not a value.
pub(crate) fn generic_header(i: &str) -> IResult<&str, &str> {
    all_consuming(recognize((
        alt((
            tag("数据"),
            tag("列"),
            tag("栏"),
            tag("字段"),
            tag("Column"),
            tag("column"),
            tag("col"),
        )),
        ws,
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    )))
    .parse(i)
}

/// A cell that says "not given": `/`, `-`, `—`, `无` and the like.
pub(crate) fn blank_marker(i: &str) -> IResult<&str, &str> {
    all_consuming(recognize(alt((
        take_while1(|c: char| matches!(c, '/' | '／' | '-' | '－' | '—' | '–' | '―' | '\\')),
        tag("无"),
        tag("空"),
    ))))
    .parse(i)
}

/// A line that is only a page number (`-3-`, `- 4 -`, `— 5 —`, `第 2 页`).
pub(crate) fn page_number(i: &str) -> IResult<&str, &str> {
    all_consuming(alt((
        recognize((ws, dash, ws, take_while1(is_digit), ws, dash, ws)),
        recognize((ws, tag("第"), ws, take_while1(is_digit), ws, tag("页"), ws)),
    )))
    .parse(i)
}

fn ws(i: &str) -> IResult<&str, &str> {
    take_while(is_hspace).parse(i)
}

fn dash(i: &str) -> IResult<&str, char> {
    one_of("-－—–").parse(i)
}

/// The ordinals of the parts, 一 … 七.
/// The ordinals of the parts, 一 … 七.
#[cfg(test)]
const PART_ORDINALS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "七"];

/// The part ordinal 1 … 7 whose character (一 … 七, three UTF-8 bytes each) starts
/// `bytes`, told from the bytes: most places tested start with no ordinal.
pub(crate) fn part_ordinal_at(bytes: &[u8]) -> Option<u8> {
    // the UTF-8 bytes of 一 … 七 (a test holds them to `PART_ORDINALS`)
    match bytes.get(..3)? {
        [0xE4, 0xB8, 0x80] => Some(1),
        [0xE4, 0xBA, 0x8C] => Some(2),
        [0xE4, 0xB8, 0x89] => Some(3),
        [0xE5, 0x9B, 0x9B] => Some(4),
        [0xE4, 0xBA, 0x94] => Some(5),
        [0xE5, 0x85, 0xAD] => Some(6),
        [0xE4, 0xB8, 0x83] => Some(7),
        _ => None,
    }
}

/// The ordinal of a part heading: `一、` … `七、` (also `一.`). Returns 1…7.
pub(crate) fn part_ordinal(i: &str) -> IResult<&str, u8> {
    let Some(n) = part_ordinal_at(i.as_bytes()) else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Satisfy,
        )));
    };
    let (rest, _) = preceded(take_while(is_hspace), one_of("、.．")).parse(&i[3..])?;
    Ok((rest, n))
}

fn ascii_number(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(10)?.checked_add(u32::from(digit_value(c)?))
    })
}

fn digits<'a>(
    min: usize,
    max: usize,
) -> impl Parser<&'a str, Output = u32, Error = nom::error::Error<&'a str>> {
    take_while_m_n(min, max, is_digit).map_opt(ascii_number)
}

/// A date as `2025年1月24日` (spaces allowed) or `2020-01-31` / `2020/01/31` / `2020.01.31`.
pub(crate) fn date(i: &str) -> IResult<&str, (i32, u32, u32)> {
    // every date starts with four digits and then 年 or a separator: most texts tried
    // (each digit of a line, each cell) are told apart without the grammar
    let mut chars = i.chars();
    let year = chars.by_ref().take(4).filter(|c| is_digit(*c)).count() == 4;
    let after = chars.as_str();
    let after = &after[hspace_len(after)..];
    if !(year && after.starts_with(['年', '-', '/', '.'])) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    date_grammar(i)
}

/// [`date`] by its grammar alone.
fn date_grammar(i: &str) -> IResult<&str, (i32, u32, u32)> {
    let cn = (
        digits(4, 4),
        ws,
        ch('年'),
        ws,
        digits(1, 2),
        ws,
        ch('月'),
        ws,
        digits(1, 2),
        ws,
        ch('日'),
    )
        .map(|(y, _, _, _, m, _, _, _, d, _, _)| (y, m, d));
    let sep = one_of("-/.");
    let dashed = (digits(4, 4), sep, digits(1, 2), one_of("-/."), digits(1, 2))
        .map(|(y, _, m, _, d)| (y, m, d));
    let (rest, (y, m, d)) = alt((cn, dashed)).parse(i)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (y as i32, m, d)))
}

/// The digits a date in Chinese numerals is written with (二○一二年二月二十日).
pub(crate) const CN_DIGITS: [char; 12] = [
    '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九',
];

/// A date in Chinese numerals: `二○一二年二月二十日`.
pub(crate) fn date_cn_numerals(i: &str) -> IResult<&str, (i32, u32, u32)> {
    let cn_digit = |c: char| CN_DIGITS.contains(&c);
    let val = |c: char| match c {
        '〇' | '○' | '零' => 0,
        _ => "一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map_or(0, |p| p as u32 + 1),
    };
    let small = |s: &str| -> Option<u32> {
        // 一 … 三十一
        let cs: Vec<char> = s.chars().collect();
        match cs.as_slice() {
            [a] if *a != '十' => Some(val(*a)),
            ['十'] => Some(10),
            ['十', b] => Some(10 + val(*b)),
            [a, '十'] => Some(val(*a) * 10),
            [a, '十', b] => Some(val(*a) * 10 + val(*b)),
            _ => None,
        }
    };
    let (rest, y) = take_while_m_n(4, 4, cn_digit).parse(i)?;
    let (rest, _) = ch('年').parse(rest)?;
    let (rest, m) = take_while1(|c| cn_digit(c) || c == '十').parse(rest)?;
    let (rest, _) = ch('月').parse(rest)?;
    let (rest, d) = take_while1(|c| cn_digit(c) || c == '十').parse(rest)?;
    let (rest, _) = ch('日').parse(rest)?;
    let year = y.chars().fold(0u32, |a, c| a * 10 + val(c)) as i32;
    match (small(m), small(d)) {
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Ok((rest, (year, m, d)))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// A value as read from one cell piece, before it is checked against its column: the
/// parts of the printed number, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Literal<'a> {
    /// `-` given.
    pub negative: bool,
    /// The digits before the decimal point (ASCII or full-width).
    pub int: &'a str,
    /// The digits after the decimal point (empty when none).
    pub frac: &'a str,
    /// A unit glued to the number, if any.
    pub unit: Option<&'a str>,
}

impl Literal<'_> {
    /// How many digits the integer part has.
    pub(crate) fn int_digits(&self) -> usize {
        self.int.chars().count()
    }

    /// Whether the integer part is printed with a leading zero (`0591`).
    pub(crate) fn leading_zero(&self) -> bool {
        self.int_digits() > 1 && self.int.chars().next().and_then(digit_value) == Some(0)
    }

    /// Whether the decimal part has a digit other than 0.
    pub(crate) fn frac_nonzero(&self) -> bool {
        self.frac
            .chars()
            .any(|c| digit_value(c).is_some_and(|d| d != 0))
    }

    /// The integer part as a number, unless it is too large.
    pub(crate) fn int_value(&self) -> Option<u64> {
        self.int.chars().try_fold(0u64, |a, c| {
            a.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))
        })
    }

    /// The number without sign and unit, in ASCII: `64.21`.
    pub(crate) fn ascii(&self) -> String {
        let digits = |s: &str| -> String {
            s.chars()
                .filter_map(digit_value)
                .map(|d| char::from(b'0' + d))
                .collect()
        };
        match self.frac.is_empty() {
            true => digits(self.int),
            false => format!("{}.{}", digits(self.int), digits(self.frac)),
        }
    }
}

/// Read one piece (`"-18"`, `"64.21"`, `"251000元"`) into a [`Literal`].
pub(crate) fn literal(i: &str) -> Option<Literal<'_>> {
    let (rest, num) = number(i).ok()?;
    // `251000 元`: a unit set off by a space is still the number's
    let (rest, u) = opt(preceded(take_while(is_hspace), unit))
        .parse(rest)
        .ok()?;
    if !rest.trim().is_empty() {
        return None;
    }
    let negative = num.starts_with(['-', '－']);
    let body = num.trim_start_matches(['+', '-', '－']);
    let (int, frac) = body.split_once(['.', '．']).unwrap_or((body, ""));
    Some(Literal {
        negative,
        int,
        frac,
        unit: u,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_ordinals_are_told_from_their_bytes() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            let text = format!("{c}、");
            let want = PART_ORDINALS
                .iter()
                .position(|o| text.starts_with(o))
                .map(|i| i as u8 + 1);
            assert_eq!(part_ordinal_at(text.as_bytes()), want, "{c}");
        }
        assert_eq!(part_ordinal_at("一".as_bytes()), Some(1));
        assert_eq!(part_ordinal_at(&"一".as_bytes()[..2]), None);
    }

    #[test]
    fn number_reads_sign_and_decimals() {
        assert_eq!(number("64.21万"), Ok(("万", "64.21")));
        assert_eq!(number("-18538"), Ok(("", "-18538")));
        assert_eq!(number("１２"), Ok(("", "１２")));
        assert!(number("件").is_err());
    }

    #[test]
    fn dates_are_told_apart_as_the_grammar_tells_them() {
        // what `date` puts in front of its grammar, tried on any text of dates'
        // characters after a few heads
        for tail in crate::text::all_texts("年-/. 1月日\u{3000}", 6) {
            for head in ["2025", "２０２５", "0591", "202", "1", ""] {
                let t = format!("{head}{tail}");
                assert_eq!(date(&t).ok(), date_grammar(&t).ok(), "{t:?}");
            }
        }
    }

    #[test]
    fn plain_runs_read_as_the_grammar_reads_them() {
        // every text of up to 5 characters over the characters that start, go on or
        // end a run, and longer ones over its usual characters
        let mut texts = crate::text::all_texts("0 7\t.-+．元年A，０\u{3000}", 5);
        let usual: Vec<char> = "09 \t行.-".chars().collect();
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let len = (seed % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    usual[(seed >> 33) as usize % usual.len()]
                })
                .collect();
            texts.push(text);
        }
        for t in &texts {
            if let Some(fast) = plain_run(t) {
                assert_eq!(Ok(fast), numeric_run_grammar(t), "{t:?}");
            }
        }
        assert_eq!(plain_run("230 000023二、"), Some(("二、", "230 000023")));
        assert_eq!(plain_run("12 元"), None);
        assert_eq!(plain_run("00000002.其他"), Some((".其他", "00000002")));
        assert_eq!(plain_run("2.5"), None);
    }

    #[test]
    fn numeric_run_spans_spaces_signs_and_units() {
        assert_eq!(numeric_run("230 000023二、"), Ok(("二、", "230 000023")));
        assert_eq!(numeric_run("2笔 984361元 "), Ok((" ", "2笔 984361元")));
        assert_eq!(numeric_run("64.21万元"), Ok(("", "64.21万元")));
        assert_eq!(numeric_run("0\u{3000}71行政"), Ok(("行政", "0\u{3000}71")));
        assert_eq!(numeric_run("2648-18538第"), Ok(("第", "2648-18538")));
        assert_eq!(
            numeric_run("75394432.52元三、"),
            Ok(("三、", "75394432.52元"))
        );
    }

    #[test]
    fn prose_suffixes() {
        for s in [
            "年，我局",
            " 年",
            "月31日",
            "日",
            "号）",
            "个工作日",
            "个百分点",
        ] {
            assert!(prose_suffix(s).is_ok(), "{s}");
        }
        for s in ["件", "条", "元", "个", "行政许可"] {
            assert!(prose_suffix(s).is_err(), "{s}");
        }
    }

    #[test]
    fn generic_headers() {
        for s in ["数据1", "数据 12", "列3", "Column 2"] {
            assert!(generic_header(s).is_ok(), "{s}");
        }
        for s in ["数据123", "规章0", "1"] {
            assert!(generic_header(s).is_err(), "{s}");
        }
    }

    #[test]
    fn phones() {
        assert_eq!(phone("0591-24312145）"), Ok(("）", "0591-24312145")));
        assert!(phone("13912345678").is_err());
        assert_eq!(phone("0591-243121459 1 0"), Ok((" 1 0", "0591-243121459")));
        assert!(phone("0591-243121").is_err());
        assert!(phone("0-123456789").is_err());
        assert!(phone("2648-18538").is_err());
        assert!(phone("35-15").is_err());
    }

    #[test]
    fn blank_markers() {
        for s in ["/", "-", "—", "——", "无", "／"] {
            assert!(blank_marker(s).is_ok(), "{s}");
        }
        assert!(blank_marker("0").is_err());
        assert!(blank_marker("无法提供").is_err());
    }

    #[test]
    fn page_numbers() {
        for s in ["-3-", "  - 4 -", "— 5 —", "第 2 页"] {
            assert!(page_number(s).is_ok(), "{s}");
        }
        assert!(page_number("4").is_err());
        assert!(page_number("-4- 行政").is_err());
    }

    #[test]
    fn part_ordinals() {
        assert_eq!(part_ordinal("三、收到").map(|r| r.1), Ok(3));
        assert_eq!(part_ordinal("六.其他").map(|r| r.1), Ok(6));
        assert_eq!(part_ordinal("七、其他").map(|r| r.1), Ok(7));
        assert!(part_ordinal("八、").is_err());
        assert!(part_ordinal("一是").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(date("2025年1月24日").map(|r| r.1), Ok((2025, 1, 24)));
        assert_eq!(date("2025 年 1 月 24 日").map(|r| r.1), Ok((2025, 1, 24)));
        assert_eq!(date("2020-01-31 15:22").map(|r| r.1), Ok((2020, 1, 31)));
        assert!(date("2020-13-01").is_err());
        assert_eq!(
            date_cn_numerals("二○一二年二月二十日").map(|r| r.1),
            Ok((2012, 2, 20))
        );
    }

    #[test]
    fn literals() {
        let l = literal("251000元").unwrap();
        assert_eq!((l.int, l.unit), ("251000", Some("元")));
        let l = literal("251000\u{3000}元").unwrap();
        assert_eq!((l.int, l.unit), ("251000", Some("元")));
        let l = literal("０５９１．５").unwrap();
        assert!(l.leading_zero() && l.frac_nonzero());
        assert_eq!((l.int_value(), l.ascii().as_str()), (Some(591), "0591.5"));
        let l = literal("-15").unwrap();
        assert!(l.negative);
        assert_eq!(literal("12a"), None);
    }
}
