//! A parent's 表三 against the sum of its children's (`rollup.sum`), with a hierarchy
//! given by the caller.

use std::collections::{HashMap, HashSet};

use crate::codes;
use crate::flat::application_rows;
use crate::Counts;

use super::body::{is_suffix, Name};
use super::labels::APPLICATION_ROWS;
use super::{finding, normalise_name, Entry, Finding, Group, Options, Value};

fn int(v: u64) -> Value {
    i64::try_from(v).map_or_else(|_| Value::Text(v.to_string()), Value::Int)
}

/// The reports of one body by year: (year, the report used, the other reports).
pub(crate) type Years<'a> = Vec<(i32, Entry<'a>, Vec<Entry<'a>>)>;

/// Finds the group a name of the hierarchy means: its key or one of its printed names
/// (normalised), else the one group whose key has the same core and agreeing parents.
/// Built once, so that a hierarchy of thousands of lines costs one lookup per name.
struct Finder {
    /// Normalised key or printed name → group (the first group when several share it).
    exact: HashMap<String, usize>,
    /// Core of a key → (group, parents of the key).
    by_core: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl Finder {
    fn new(groups: &[Group<'_>]) -> Finder {
        let mut exact = HashMap::new();
        let mut by_core: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            exact.entry(g.key.clone()).or_insert(i);
            for e in &g.entries {
                if let Some(a) = e.report.agency.as_deref() {
                    exact.entry(normalise_name(a)).or_insert(i);
                }
            }
            let name = Name::parse(&g.key);
            by_core
                .entry(name.core().to_string())
                .or_default()
                .push((i, name.parents().iter().map(|p| p.to_string()).collect()));
        }
        Finder { exact, by_core }
    }

    fn find(&self, name: &str) -> Option<usize> {
        let n = normalise_name(name);
        if let Some(&i) = self.exact.get(&n) {
            return Some(i);
        }
        let wanted = Name::parse(&n);
        let mut fits = self
            .by_core
            .get(wanted.core())?
            .iter()
            .filter(|(_, parents)| {
                let have: Vec<&str> = parents.iter().map(String::as_str).collect();
                is_suffix(wanted.parents(), &have) || is_suffix(&have, wanted.parents())
            });
        match (fits.next(), fits.next()) {
            (Some((i, _)), None) => Some(*i),
            _ => None,
        }
    }
}

/// `rollup.sum` and `rollup.not_assessable` for every parent of the hierarchy.
pub(crate) fn check(
    groups: &[Group<'_>],
    years: &[Years<'_>],
    options: &Options,
) -> Vec<(Option<usize>, Finding)> {
    let mut out = Vec::new();
    if options.hierarchy.is_empty() {
        return out;
    }
    // parent group → children groups, in the order given; unmatched names reported once.
    let finder = Finder::new(groups);
    let mut parents: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut parent_of: HashMap<usize, usize> = HashMap::new();
    let mut unmatched: Vec<&str> = Vec::new();
    let mut seen_unmatched: HashSet<&str> = HashSet::new();
    for (parent, child) in &options.hierarchy {
        let (p, c) = (finder.find(parent), finder.find(child));
        for (name, found) in [(parent.as_str(), p), (child.as_str(), c)] {
            if found.is_none() && seen_unmatched.insert(name) {
                unmatched.push(name);
            }
        }
        let (Some(p), Some(c)) = (p, c) else { continue };
        if p == c {
            continue;
        }
        let k = *parent_of.entry(p).or_insert_with(|| {
            parents.push((p, Vec::new()));
            parents.len() - 1
        });
        if !parents[k].1.contains(&c) {
            parents[k].1.push(c);
        }
    }
    for name in unmatched {
        out.push((
            None,
            finding(
                codes::ROLLUP_NOT_ASSESSABLE,
                format!("层级表中的机关“{name}”没有对应的报告，涉及它的上下级汇总未核对"),
                None,
                None,
                Vec::new(),
            ),
        ));
    }
    for (p, children) in parents {
        let key = groups[p].key.as_str();
        for (year, parent, _) in &years[p] {
            let mut kids: Vec<(&str, Entry<'_>)> = Vec::new();
            let mut missing: Vec<&str> = Vec::new();
            for &c in &children {
                match years[c].iter().find(|(y, _, _)| y == year) {
                    Some((_, e, _)) => kids.push((groups[c].key.as_str(), *e)),
                    None => missing.push(groups[c].key.as_str()),
                }
            }
            if !missing.is_empty() {
                out.push((
                    Some(p),
                    finding(
                        codes::ROLLUP_NOT_ASSESSABLE,
                        format!(
                            "无法核对{key}{}与下级汇总：下级{}没有{year}年度报告",
                            parent.called(),
                            missing.join("、")
                        ),
                        Some(key),
                        Some(*year),
                        vec![parent.side(None, None)],
                    ),
                ));
                continue;
            }
            sums(key, *year, parent, &kids, &mut out, p);
        }
    }
    out
}

/// Each 表三 cell of the parent against the sum of the children's.
fn sums(
    key: &str,
    year: i32,
    parent: &Entry<'_>,
    kids: &[(&str, Entry<'_>)],
    out: &mut Vec<(Option<usize>, Finding)>,
    p: usize,
) {
    let empty = crate::Applications::default();
    let rows_of = |e: &Entry<'_>| {
        application_rows(e.report.applications.as_ref().unwrap_or(&empty)).map(|(_, c)| c.copied())
    };
    let parent_rows = rows_of(parent);
    let kid_rows: Vec<_> = kids.iter().map(|(_, e)| rows_of(e)).collect();
    let mut blank = 0usize;
    for (r, (row, row_label)) in APPLICATION_ROWS.iter().enumerate() {
        for (c, column) in Counts::KEYS.iter().enumerate() {
            let cell = |rows: &[Option<Counts>; 25]| rows[r].and_then(|x| x.columns()[c]);
            let Some(mine) = cell(&parent_rows) else {
                blank += 1;
                continue;
            };
            let theirs: Option<Vec<u64>> = kid_rows.iter().map(cell).collect();
            let Some(theirs) = theirs else {
                blank += 1;
                continue;
            };
            let sum: u64 = theirs.iter().fold(0u64, |a, v| a.saturating_add(*v));
            if sum == mine {
                continue;
            }
            let path = format!("applications.{row}.{column}");
            let parts: Vec<String> = kids
                .iter()
                .zip(&theirs)
                .map(|((k, _), v)| format!("{k} {v}"))
                .collect();
            let mut sides = vec![parent.side(Some(&path), Some(int(mine)))];
            sides.extend(
                kids.iter()
                    .zip(&theirs)
                    .map(|((_, e), v)| e.side(Some(&path), Some(int(*v)))),
            );
            out.push((
                Some(p),
                finding(
                    codes::ROLLUP_SUM,
                    format!(
                        "上下级汇总不一致：{key}{}表三“{row_label}”{}为{mine}，下级{}个机关之和为{sum}（{}）",
                        parent.called(),
                        Counts::NAMES[c],
                        kids.len(),
                        parts.join("、")
                    ),
                    Some(key),
                    Some(year),
                    sides,
                ),
            ));
        }
    }
    if blank > 0 {
        out.push((
            Some(p),
            finding(
                codes::ROLLUP_NOT_ASSESSABLE,
                format!(
                    "{key}{}表三有{blank}个单元格因本级或下级未填写而未与下级汇总核对",
                    parent.called()
                ),
                Some(key),
                Some(year),
                vec![parent.side(None, None)],
            ),
        ));
    }
}
