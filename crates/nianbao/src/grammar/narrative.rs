//! Numbers the prose states about the tables: 收到…申请N件, 上年结转N件,
//! 结转下年度N件, 行政复议N件, 行政诉讼N件.

use crate::text::{contains, digit_value, is_digit, is_hspace, Searchers};

/// One number stated in the prose, with the byte offset of its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stated {
    pub value: u64,
    pub at: usize,
}

/// The first number after byte `from`, if it is an `N件` / `N条` (spaces allowed)
/// within `window` characters and no clause ends before it: (its offset, its value).
fn count_after(text: &str, from: usize, window: usize) -> Option<(usize, u64)> {
    let rest = &text[from..];
    for (i, c) in rest.char_indices().take(window) {
        if matches!(c, '。' | '；' | '，' | ',') {
            return None;
        }
        if is_digit(c) {
            let digits: &str = &rest[i..];
            let len = digits
                .char_indices()
                .find(|(_, c)| !is_digit(*c))
                .map_or(digits.len(), |(n, _)| n);
            let after = rest[i + len..].trim_start_matches(is_hspace);
            if after.starts_with(UNITS) {
                let value = digits[..len].chars().try_fold(0u64, |a, c| {
                    a.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))
                })?;
                return Some((from + i, value));
            }
            return None;
        }
    }
    None
}

/// The units of the counts the prose states about the tables.
const UNITS: [char; 2] = ['件', '条'];

/// A piece of prose and the counts it states (`15件`, `0条`): found once, then
/// searched for each statement the checks look for.
pub(crate) struct Counts<'a> {
    text: &'a str,
    /// Byte offset of the number of each `N件` / `N条`, in order.
    numbers: Vec<usize>,
}

impl<'a> Counts<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        static UNIT_SEARCHES: Searchers = Searchers::new(&["件", "条"]);
        let mut numbers: Vec<usize> = UNIT_SEARCHES
            .iter()
            .flat_map(|(_, unit)| unit.find_iter(text.as_bytes()))
            .filter_map(|u| {
                // the number right before the unit (spaces allowed)
                let before = text[..u].trim_end_matches(is_hspace);
                let digits: usize = before
                    .chars()
                    .rev()
                    .take_while(|c| is_digit(*c))
                    .map(char::len_utf8)
                    .sum();
                (digits > 0).then_some(before.len() - digits)
            })
            .collect();
        numbers.sort_unstable();
        Counts { text, numbers }
    }

    /// Whether the text states no count at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// Every statement `key … N件` with the number at most `window` characters after
    /// the key (and, with `between`, after that word, which must follow the key within
    /// 16 characters: `收到…申请15件`), looked for backwards from each count.
    pub(crate) fn find(
        &self,
        keys: &Searchers,
        window: usize,
        between: Option<&str>,
    ) -> Vec<Stated> {
        let text = self.text;
        let mut out = Vec::new();
        // where a key whose phrase ends at a number can start (3 bytes a char)
        let reach = 3 * (window + 16 + 8);
        // the stretches of text that end at a number and reach back that far, merged
        let mut zones: Vec<(usize, usize)> = Vec::with_capacity(self.numbers.len());
        for &n in &self.numbers {
            let from = n.saturating_sub(reach);
            match zones.last_mut() {
                Some(z) if from <= z.1 => z.1 = n,
                _ => zones.push((from, n)),
            }
        }
        // where each key occurs in them, found once (a key does not overlap itself)
        let places: Vec<(&str, Vec<usize>)> = keys
            .iter()
            .map(|(key, finder)| {
                let places = zones
                    .iter()
                    .flat_map(|&(a, b)| {
                        finder.find_iter(&text.as_bytes()[a..b]).map(move |p| a + p)
                    })
                    .collect();
                (key, places)
            })
            .collect();
        for &number in &self.numbers {
            let zone = number.saturating_sub(reach);
            for (key, places) in &places {
                // the key's last occurrence that ends before the number, inside the zone
                let before = places.partition_point(|p| p + key.len() <= number);
                let Some(&at) = before.checked_sub(1).and_then(|i| places.get(i)) else {
                    continue;
                };
                if at < zone {
                    continue;
                }
                let mut from = at + key.len();
                if let Some(b) = between {
                    let look_end = text[from..]
                        .char_indices()
                        .nth(16)
                        .map_or(text.len(), |(i, _)| from + i);
                    match crate::text::find(&text[from..look_end], b) {
                        Some(q) => from += q + b.len(),
                        None => continue,
                    }
                }
                if let Some((n, value)) = count_after(text, from, window) {
                    if n == number {
                        out.push(Stated { value, at });
                    }
                }
            }
        }
        out.sort_by_key(|s| s.at);
        out.dedup_by_key(|s| s.at);
        out
    }
}

/// Every statement `key … N件` in `text` (see [`Counts::find`]).
#[cfg(test)]
pub(crate) fn find(
    text: &str,
    keys: &'static [&'static str],
    window: usize,
    between: Option<&str>,
) -> Vec<Stated> {
    Counts::new(text).find(&Searchers::new(keys), window, between)
}

/// The clauses of a document (the text between `。；，、` and line breaks) that state a
/// count (`698件`), outside the tables (no `信息内容`, no `第二十条`): what prose can
/// say about a cell. Found once per document, and only when a glued split needs them.
pub(crate) struct Clauses<'a>(Vec<&'a str>);

impl<'a> Clauses<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let is_end = |c: char| matches!(c, '。' | '；' | '，' | '、' | '\n');
        // a clause states a count where a count unit follows digits (spaces allowed):
        // found from the units (memchr), each clause then cut around its first one
        let b = text.as_bytes();
        let mut units: Vec<usize> = Vec::new();
        for unit in COUNT_UNITS {
            let mut buf = [0u8; 4];
            units.extend(memchr::memmem::find_iter(
                b,
                unit.encode_utf8(&mut buf).as_bytes(),
            ));
        }
        units.sort_unstable();
        let mut clauses = Vec::new();
        // where the last clause taken ends: clauses never overlap, so every byte is
        // looked at a bounded number of times
        let mut done = 0;
        for u in units {
            if u < done
                || !text[..u]
                    .trim_end_matches(is_hspace)
                    .chars()
                    .next_back()
                    .is_some_and(is_digit)
            {
                continue;
            }
            let start = text[done..u].rfind(is_end).map_or(done, |p| {
                let p = done + p;
                p + text[p..].chars().next().map_or(0, char::len_utf8)
            });
            let end = text[u..].find(is_end).map_or(text.len(), |p| u + p);
            done = end;
            let clause = &text[start..end];
            if !contains(clause, "信息内容") && !contains(clause, "第二十条") {
                clauses.push(clause);
            }
        }
        Clauses(clauses)
    }

    /// Numbers stated for one cell of a table: in a clause that names both the row
    /// (`规范性文件`) and the column (one of `column`: `现行有效`), every number
    /// followed by a count unit (`698件`). Used only to choose between splits of
    /// glued digits.
    pub(crate) fn stated(&self, row: &str, column: &[&str]) -> Vec<u64> {
        let mut out = Vec::new();
        // one searcher for the row's name over all the clauses
        let named = memchr::memmem::Finder::new(row);
        for clause in &self.0 {
            if named.find(clause.as_bytes()).is_none()
                || !column.iter().any(|c| contains(clause, c))
            {
                continue;
            }
            for (i, c) in clause.char_indices() {
                if is_digit(c) && (i == 0 || !clause[..i].chars().next_back().is_some_and(is_digit))
                {
                    let digits: String = clause[i..].chars().take_while(|c| is_digit(*c)).collect();
                    let after = clause[i + digits.len()..].trim_start_matches(is_hspace);
                    if after.starts_with(COUNT_UNITS) {
                        let value = digits.chars().try_fold(0u64, |a, c| {
                            a.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))
                        });
                        out.extend(value);
                    }
                }
            }
        }
        out
    }
}

/// The units of a count in prose.
const COUNT_UNITS: [char; 5] = ['件', '条', '项', '个', '份'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stated_counts() {
        let t = "全年共收到政府信息公开申请15件，转接上年度未办结申请1件。因政府信息公开的行政复议1件（维持），行政诉讼0件。";
        assert_eq!(
            find(t, &["收到"], 12, Some("申请"))
                .iter()
                .map(|s| s.value)
                .collect::<Vec<_>>(),
            vec![15]
        );
        assert_eq!(find(t, &["行政复议"], 4, None)[0].value, 1);
        assert_eq!(find(t, &["行政诉讼"], 4, None)[0].value, 0);
        assert!(find("行政复议和诉讼案件", &["行政复议"], 4, None).is_empty());
    }

    #[test]
    fn numbers_stated_for_one_cell() {
        let t =
            "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。其他100件。";
        let stated = |t, row, column: &[&str]| Clauses::new(t).stated(row, column);
        assert_eq!(stated(t, "规范性文件", &["现行有效"]), vec![698]);
        assert_eq!(stated(t, "规范性文件", &["制发"]), vec![88]);
        assert_eq!(stated(t, "规范性文件", &["废止"]), Vec::<u64>::new());
        // a count of published information items says nothing of 制发 or 废止
        let t = "主动公开政府信息128条，涵盖政策、规范性文件类信息3条。";
        assert!(stated(t, "规范性文件", &["制发"]).is_empty());
        // nor does the table itself
        let t = "信息内容本年制发件数本年废止件数现行有效件数行政规范性文件3024件";
        assert!(stated(t, "规范性文件", &["制发"]).is_empty());
    }
}
