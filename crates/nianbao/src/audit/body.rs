//! Which body a report is from: the normalised agency name, the printed parent regions,
//! the grouping key and the kind of body (a people's government or a department).
//!
//! # Normalising a name
//!
//! Full-width ASCII becomes half-width, white space (ASCII, U+3000) goes, and a trailing
//! `关于` is dropped (titles of the form `X关于2021年度政府信息公开工作年度报告` leave it
//! in the agency).
//!
//! # Region segments
//!
//! A name starts with zero or more *region segments*: the shortest run of characters
//! that ends in a region suffix — 省, 自治区, 特别行政区, 市, 自治州, 州, 盟, 地区, 区, 县,
//! 旗, 镇, 乡, 街道 — with at least two characters before the suffix (one before 县 and
//! 旗: 歙县), and none of 局委厅办部院会所府室处司队站与及和 after its first character
//! (so `住房和城乡建设局` and `城市管理局` are not regions). `淮安市洪泽区人民政府` is
//! `淮安市` · `洪泽区` · `人民政府`; `平潭综合实验区财政金融局` is `平潭综合实验区` ·
//! `财政金融局`; `上海市人民政府办公厅` is `上海市` · `人民政府办公厅`.
//!
//! The *core* of a name is its last region segment and what follows
//! (`洪泽区人民政府`); the segments before it are the printed *parents* (`淮安市`).
//! Two names with the same core are one body when one's parents are a suffix of the
//! other's (`[]`, `[淮安市]` and `[江苏省, 淮安市]` agree; `[南京市]` and `[福州市]` do
//! not: two 鼓楼区 of two cities).
//!
//! # Kind
//!
//! A name whose core is a region followed by nothing, `人民政府` or `政府`
//! (`洪泽区人民政府`, `平潭综合实验区`) is a [`BodyKind::Government`], unless that region
//! is a 镇, 乡 or 街道 (`岔河镇人民政府`, `高良涧街道办事处`: the 条例 sets no date for
//! those, so the kind is unknown); every other name is a [`BodyKind::Department`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "tsify")]
use tsify::Tsify;

/// The kind of body, which sets the statutory deadline of its report
/// (《政府信息公开条例》第四十九条).
///
/// ```
/// use nianbao::audit::BodyKind;
/// assert_eq!(BodyKind::of_name("淮安市洪泽区人民政府"), Some(BodyKind::Government));
/// assert_eq!(BodyKind::of_name("重庆市綦江区公安局"), Some(BodyKind::Department));
/// assert_eq!(BodyKind::of_name("高良涧街道办事处"), None);
/// assert_eq!(BodyKind::of_name("岔河镇人民政府"), None);
/// assert_eq!("government".parse::<BodyKind>(), Ok(BodyKind::Government));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    /// A 县级以上人民政府: its report is due by 3月31日 of the next year.
    Government,
    /// A department (部门) of a people's government, or any other body: due by
    /// 1月31日 of the next year.
    Department,
}

impl BodyKind {
    /// The kind as written in JSON and on the command line (`government`, `department`).
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Government => "government",
            BodyKind::Department => "department",
        }
    }

    /// The kind in Chinese (县级以上人民政府, 政府部门).
    pub fn chinese(self) -> &'static str {
        match self {
            BodyKind::Government => "县级以上人民政府",
            BodyKind::Department => "政府部门",
        }
    }

    /// The deadline of the report for `year`, as (year, month, day).
    pub fn deadline(self, year: i32) -> (i32, u32, u32) {
        match self {
            BodyKind::Government => (year.saturating_add(1), 3, 31),
            BodyKind::Department => (year.saturating_add(1), 1, 31),
        }
    }

    /// The kind a body's name implies (see the module documentation), or `None` for a
    /// 镇, 乡 or 街道 government, whose deadline the 条例 does not set.
    pub fn of_name(name: &str) -> Option<BodyKind> {
        let name = normalise(name);
        let parsed = Name::parse(&name);
        let rest = parsed.rest();
        match parsed.segments.last() {
            Some(last) if ["镇", "乡", "街道"].iter().any(|s| last.ends_with(s)) => {
                if matches!(rest, "" | "人民政府" | "政府" | "办事处") {
                    None
                } else {
                    Some(BodyKind::Department)
                }
            }
            Some(_) if matches!(rest, "" | "人民政府" | "政府") => Some(BodyKind::Government),
            _ => Some(BodyKind::Department),
        }
    }
}

impl std::str::FromStr for BodyKind {
    type Err = String;
    /// `government` / `政府`, `department` / `部门` (any ASCII case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "government" | "政府" | "人民政府" => Ok(BodyKind::Government),
            "department" | "部门" => Ok(BodyKind::Department),
            other => Err(format!(
                "unknown body kind {other:?}: write `government` (县级以上人民政府, due 3月31日) or `department` (部门, due 1月31日)"
            )),
        }
    }
}

/// A name as compared: full-width ASCII folded to half-width, white space removed, a
/// trailing `关于` dropped.
///
/// ```
/// assert_eq!(nianbao::audit::normalise_name(" 淮安市 洪泽区人民政府（本级）"), "淮安市洪泽区人民政府(本级)");
/// assert_eq!(nianbao::audit::normalise_name("平潭综合实验区海坛片区管理局关于"), "平潭综合实验区海坛片区管理局");
/// ```
pub fn normalise(name: &str) -> String {
    let mut out: String = name
        .chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    if let Some(stripped) = out.strip_suffix("关于") {
        out.truncate(stripped.len());
    }
    out
}

/// Region suffixes, longest first, with the fewest characters allowed before them.
const SUFFIXES: &[(&str, usize)] = &[
    ("特别行政区", 2),
    ("自治区", 2),
    ("自治州", 2),
    ("自治县", 2),
    ("自治旗", 2),
    ("地区", 2),
    ("街道", 2),
    ("省", 2),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("区", 2),
    ("县", 1),
    ("旗", 1),
    ("镇", 2),
    ("乡", 2),
];

/// Characters that do not occur in a region's name after its first character.
const NOT_IN_REGION: &str = "局委厅办部院会所府室处司队站与及和";

/// A normalised name split into its region segments and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name<'a> {
    /// The region segments from the outermost (`淮安市`, `洪泽区`).
    pub segments: Vec<&'a str>,
    /// What follows the last segment (`人民政府`).
    pub rest: &'a str,
    /// The whole name.
    pub whole: &'a str,
}

impl<'a> Name<'a> {
    /// Split a normalised name.
    pub fn parse(name: &'a str) -> Name<'a> {
        let mut segments = Vec::new();
        let mut rest = name;
        while let Some(len) = region_prefix(rest) {
            segments.push(&rest[..len]);
            rest = &rest[len..];
        }
        Name {
            segments,
            rest,
            whole: name,
        }
    }

    /// What follows the last region segment.
    pub fn rest(&self) -> &'a str {
        self.rest
    }

    /// The last region segment and what follows (`洪泽区人民政府`); the whole name when
    /// it has no region segment.
    pub fn core(&self) -> &'a str {
        match self.segments.last() {
            Some(last) => {
                let start = self.whole.len() - self.rest.len() - last.len();
                &self.whole[start..]
            }
            None => self.whole,
        }
    }

    /// The printed parents: the region segments before the last one.
    pub fn parents(&self) -> &[&'a str] {
        match self.segments.len() {
            0 => &[],
            n => &self.segments[..n - 1],
        }
    }
}

/// The byte length of the region segment at the start of `s`, if there is one.
fn region_prefix(s: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for end in 1..=chars.len().min(16) {
        let byte_end = chars.get(end).map_or(s.len(), |(i, _)| *i);
        let candidate = &s[..byte_end];
        // A character that no region name holds ends the search.
        if end >= 2 && NOT_IN_REGION.contains(chars[end - 1].1) {
            return None;
        }
        for (suffix, min_before) in SUFFIXES {
            if let Some(before) = candidate.strip_suffix(suffix) {
                if before.chars().count() >= *min_before {
                    return Some(byte_end);
                }
            }
        }
    }
    None
}

/// Whether `short` is a suffix of `long` (region chains, outermost first).
pub(crate) fn is_suffix(short: &[&str], long: &[&str]) -> bool {
    short.len() <= long.len() && long[long.len() - short.len()..] == *short
}

/// The keys of reports grouped by their names: `(index, normalised agency)` in, `(index,
/// key)` out. Names with the same core are one body when their printed parents agree
/// (one is a suffix of the other); the key is the fullest name of the body. A name
/// whose parents agree with two bodies' that disagree with each other (a bare
/// `鼓楼区人民政府` beside `南京市鼓楼区…` and `福州市鼓楼区…`) keeps its own name as key.
pub(crate) fn keys_from_names(named: &[(usize, String)]) -> Vec<(usize, String)> {
    let parsed: Vec<Name<'_>> = named.iter().map(|(_, n)| Name::parse(n)).collect();
    let mut by_core: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, name) in parsed.iter().enumerate() {
        by_core.entry(name.core()).or_default().push(k);
    }
    let mut out = Vec::with_capacity(named.len());
    for (core, members) in by_core {
        let mut chains: Vec<&[&str]> = members.iter().map(|&k| parsed[k].parents()).collect();
        chains.sort();
        chains.dedup();
        let maximal: Vec<&[&str]> = chains
            .iter()
            .filter(|c| !chains.iter().any(|o| o.len() > c.len() && is_suffix(c, o)))
            .copied()
            .collect();
        for k in members {
            let own = parsed[k].parents();
            let mut fits = maximal.iter().filter(|m| is_suffix(own, m));
            let key = match (fits.next(), fits.next()) {
                (Some(chain), None) => format!("{}{core}", chain.concat()),
                _ => parsed[k].whole.to_string(),
            };
            out.push((named[k].0, key));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(name: &str) -> (Vec<String>, String) {
        let n = normalise(name);
        let p = Name::parse(&n);
        (
            p.segments.iter().map(|s| s.to_string()).collect(),
            p.rest.to_string(),
        )
    }

    #[test]
    fn region_segments() {
        assert_eq!(
            split("淮安市洪泽区人民政府"),
            (vec!["淮安市".into(), "洪泽区".into()], "人民政府".into())
        );
        assert_eq!(
            split("洪泽区人民政府"),
            (vec!["洪泽区".into()], "人民政府".into())
        );
        assert_eq!(
            split("平潭综合实验区财政金融局"),
            (vec!["平潭综合实验区".into()], "财政金融局".into())
        );
        assert_eq!(
            split("平潭综合实验区市场监督管理局"),
            (vec!["平潭综合实验区".into()], "市场监督管理局".into())
        );
        assert_eq!(
            split("重庆市綦江区城市管理局"),
            (vec!["重庆市".into(), "綦江区".into()], "城市管理局".into())
        );
        assert_eq!(
            split("苏州市吴江区住房和城乡建设局"),
            (
                vec!["苏州市".into(), "吴江区".into()],
                "住房和城乡建设局".into()
            )
        );
        assert_eq!(
            split("上海市人民政府办公厅"),
            (vec!["上海市".into()], "人民政府办公厅".into())
        );
        assert_eq!(
            split("天津市和平区人民政府"),
            (vec!["天津市".into(), "和平区".into()], "人民政府".into())
        );
        assert_eq!(
            split("黄山市歙县人民政府"),
            (vec!["黄山市".into(), "歙县".into()], "人民政府".into())
        );
        assert_eq!(
            split("内蒙古自治区锡林郭勒盟正蓝旗人民政府"),
            (
                vec!["内蒙古自治区".into(), "锡林郭勒盟".into(), "正蓝旗".into()],
                "人民政府".into()
            )
        );
        assert_eq!(split("国家统计局"), (vec![], "国家统计局".into()));
    }

    #[test]
    fn core_and_parents() {
        let n = normalise("淮安市洪泽区人民政府");
        let p = Name::parse(&n);
        assert_eq!(p.core(), "洪泽区人民政府");
        assert_eq!(p.parents(), ["淮安市"]);
        let n = normalise("国家统计局");
        assert_eq!(Name::parse(&n).core(), "国家统计局");
    }

    #[test]
    fn kinds() {
        use BodyKind::*;
        assert_eq!(BodyKind::of_name("洪泽区人民政府"), Some(Government));
        assert_eq!(BodyKind::of_name("淮安市人民政府"), Some(Government));
        assert_eq!(BodyKind::of_name("平潭综合实验区"), Some(Government));
        assert_eq!(BodyKind::of_name("上海市人民政府办公厅"), Some(Department));
        assert_eq!(
            BodyKind::of_name("平潭综合实验区管委会办公室"),
            Some(Department)
        );
        assert_eq!(BodyKind::of_name("高良涧街道办事处"), None);
        assert_eq!(BodyKind::of_name("岔河镇农业服务中心"), Some(Department));
        assert_eq!(BodyKind::of_name("岔河镇人民政府"), None);
        assert!("部门".parse::<BodyKind>().is_ok());
        assert!("county"
            .parse::<BodyKind>()
            .unwrap_err()
            .contains("government"));
    }

    fn keys(names: &[&str]) -> Vec<String> {
        let named: Vec<(usize, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i, normalise(n)))
            .collect();
        let mut out = keys_from_names(&named);
        out.sort();
        out.into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn grouping_keys() {
        assert_eq!(
            keys(&["洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市人民政府"]),
            [
                "淮安市洪泽区人民政府",
                "淮安市洪泽区人民政府",
                "淮安市人民政府"
            ]
        );
        assert_eq!(
            keys(&[
                "南京市鼓楼区人民政府",
                "福州市鼓楼区人民政府",
                "鼓楼区人民政府"
            ]),
            [
                "南京市鼓楼区人民政府",
                "福州市鼓楼区人民政府",
                "鼓楼区人民政府"
            ]
        );
        assert_eq!(
            keys(&[
                "江苏省淮安市洪泽区人民政府",
                "淮安市 洪泽区人民政府",
                "洪泽区人民政府"
            ]),
            ["江苏省淮安市洪泽区人民政府"; 3]
        );
        assert_eq!(
            keys(&["平潭综合实验区公安局", "平潭综合实验区财政金融局"]),
            ["平潭综合实验区公安局", "平潭综合实验区财政金融局"]
        );
    }

    #[test]
    fn suffix_chains() {
        assert!(is_suffix(&[], &["淮安市"]));
        assert!(is_suffix(&["淮安市"], &["江苏省", "淮安市"]));
        assert!(!is_suffix(&["南京市"], &["福州市"]));
    }
}
