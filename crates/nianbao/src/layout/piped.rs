//! Pipe rows (`规章 | 0 | 0 | 0 |`, merged header cells collapsed into `| |||`) and
//! markdown tables (`| a | b |` with a `|---|` rule), also when a converter broke them.

/// Whether a line is a row of cells separated by `|`.
pub(crate) fn is_pipe_row(line: &str) -> bool {
    let t = crate::text::trim(line);
    // two bars or more (found, not counted: a line can be a whole flattened page)
    memchr::memchr_iter(b'|', t.as_bytes()).nth(1).is_some() || (t.starts_with('|') && t.len() > 1)
}

/// Whether a line is a markdown rule (`|---|:--:|`).
pub(crate) fn is_rule(line: &str) -> bool {
    let t = crate::text::trim(line);
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a pipe row as byte spans of `line` (trimmed; empty cells kept, the
/// empty text before a leading `|` and after a trailing `|` dropped), appended to
/// `spans` (a buffer reused from line to line).
pub(crate) fn split_into(line: &str, spans: &mut Vec<(usize, usize)>) {
    let first = spans.len();
    let mut start = 0;
    let bars = memchr::memchr_iter(b'|', line.as_bytes());
    for i in bars.chain(std::iter::once(line.len())) {
        let seg = &line[start..i];
        let lead = seg.len() - seg.trim_start().len();
        let s = start + lead;
        spans.push((s, s + crate::text::trim(seg).len()));
        start = i + 1;
    }
    let t = crate::text::trim(line);
    if t.starts_with('|') && spans.len() > first {
        spans.remove(first);
    }
    if t.ends_with('|') && spans.len() > first {
        spans.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<&str> {
        let mut spans = vec![(0, 0)];
        split_into(line, &mut spans);
        // what was in the buffer stays
        assert_eq!(spans.remove(0), (0, 0));
        spans.into_iter().map(|(a, b)| &line[a..b]).collect()
    }

    #[test]
    fn splits_pipes() {
        assert_eq!(cells("规章 | 0 | 0 | 0 |"), vec!["规章", "0", "0", "0"]);
        assert_eq!(cells("| a | b |"), vec!["a", "b"]);
        assert_eq!(cells("第二十条 | |||"), vec!["第二十条", "", "", ""]);
    }

    #[test]
    fn rules() {
        assert!(is_rule("|---|---|"));
        assert!(is_rule("| --- | :-: |"));
        assert!(!is_rule("| 0 | - |"));
        assert!(is_pipe_row("规章 | 0 |"));
        assert!(!is_pipe_row("规章"));
    }
}
