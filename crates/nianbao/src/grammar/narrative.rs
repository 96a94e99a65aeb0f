//! Numbers the prose states about the tables: 收到…申请N件, 上年结转N件,
//! 结转下年度N件, 行政复议N件, 行政诉讼N件.

use crate::text::{digit_value, is_digit, is_hspace};

/// One number stated in the prose, with the byte offset of its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stated {
    pub value: u64,
    pub at: usize,
}

/// The first `N件` (spaces allowed) within `window` characters after byte `from`.
fn count_after(text: &str, from: usize, window: usize, units: &[char]) -> Option<u64> {
    let rest = &text[from..];
    let chars = rest.char_indices().take(window);
    for (i, c) in chars {
        if matches!(c, '。' | '；' | '，' | ',') {
            return None;
        }
        if is_digit(c) && (i == 0 || !rest[..i].chars().next_back().is_some_and(is_digit)) {
            let digits: String = rest[i..].chars().take_while(|c| is_digit(*c)).collect();
            let after = rest[i + digits.len()..].trim_start_matches(is_hspace);
            if after.starts_with(units) {
                return digits.chars().try_fold(0u64, |a, c| {
                    a.checked_mul(10)?.checked_add(u64::from(digit_value(c)?))
                });
            }
            return None;
        }
    }
    None
}

/// Every statement `key … N件` with the number at most `window` characters after the key.
pub(crate) fn find(text: &str, keys: &[&str], window: usize, between: Option<&str>) -> Vec<Stated> {
    let mut out = Vec::new();
    for key in keys {
        for (p, _) in text.match_indices(key) {
            let mut from = p + key.len();
            if let Some(b) = between {
                // the word must come soon after the key: `收到…申请15件`
                let look: String = text[from..].chars().take(16).collect();
                match look.find(b) {
                    Some(q) => from += q + b.len(),
                    None => continue,
                }
            }
            if let Some(value) = count_after(text, from, window, &['件', '条']) {
                out.push(Stated { value, at: p });
            }
        }
    }
    out.sort_by_key(|s| s.at);
    out.dedup_by_key(|s| s.at);
    out
}

/// Numbers the prose states for one cell of a table: in a clause (the text between
/// `。；，、` and line breaks) that names both the row (`规范性文件`) and the column
/// (one of `column`: `现行有效`), every number followed by a count unit (`698件`).
/// Clauses of the table itself (with `信息内容` or `第二十条`) are skipped. Used only to
/// choose between splits of glued digits.
pub(crate) fn stated(text: &str, row: &str, column: &[&str]) -> Vec<u64> {
    let mut out = Vec::new();
    for clause in text.split(['。', '；', '，', '、', '\n']) {
        if !clause.contains(row)
            || !column.iter().any(|c| clause.contains(c))
            || clause.contains("信息内容")
            || clause.contains("第二十条")
        {
            continue;
        }
        for (i, c) in clause.char_indices() {
            if is_digit(c) && (i == 0 || !clause[..i].chars().next_back().is_some_and(is_digit)) {
                let digits: String = clause[i..].chars().take_while(|c| is_digit(*c)).collect();
                let after = clause[i + digits.len()..].trim_start_matches(is_hspace);
                if after.starts_with(['件', '条', '项', '个', '份']) {
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
