//! Small text helpers shared by the layers: label normalisation and positions.

use std::ops::Range;

/// Map one character to its normalised form for label matching, or `None` to drop it.
///
/// Full-width ASCII (（）．，：０-９) becomes half-width, `、` becomes `.`, quotes and
/// all white space are dropped, and the converters' bookmark brackets are dropped.
pub(crate) fn norm_char(c: char) -> Option<char> {
    // most characters of a report: CJK ideographs and ASCII letters and digits
    if ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_ascii_alphanumeric() {
        return Some(c);
    }
    match c {
        c if c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}' => None,
        '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』' | '*' => None,
        '、' | '．' | '。' => Some('.'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '〔' | '【' => Some('['),
        '〕' | '】' => Some(']'),
        c => Some(c),
    }
}

/// Normalise a label for keyword matching (see [`norm_char`]).
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(&mut out, s);
    out
}

/// The normalised text of an end of `s` that holds at least its last `n` normalised
/// characters (all of `s` when it has fewer): what a test of the end of a long label
/// needs, without normalising the rest.
pub(crate) fn norm_end(s: &str, n: usize) -> String {
    // a short text is normalised whole at once (finding where its end starts would
    // cost as much)
    if s.len() <= 4 * n {
        return norm(s);
    }
    let mut kept = 0;
    let mut from = s.len();
    for (i, c) in s.char_indices().rev() {
        if kept == n {
            break;
        }
        if norm_char(c).is_some() {
            kept += 1;
            from = i;
        }
    }
    norm(&s[from..])
}

/// Append `s` normalised (see [`norm_char`]) to `out`: runs of characters that stay
/// as they are are copied whole.
pub(crate) fn norm_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // passed over by their bytes: ASCII letters and digits, and the characters
        // U+4000…U+9FFF (lead byte E4…E9), which all stay as they are
        match b[i] {
            c if c.is_ascii_alphanumeric() => {
                i += 1;
                continue;
            }
            0xE4..=0xE9 => {
                i += 3;
                continue;
            }
            _ => {}
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        match norm_char(c) {
            Some(n) if n == c => {}
            mapped => {
                out.push_str(&s[run..i]);
                if let Some(n) = mapped {
                    out.push(n);
                }
                run = i + len;
            }
        }
        i += len;
    }
    out.push_str(&s[run..]);
}

/// Where `needle` (normalised, see [`norm`]) occurs in `hay` read as normalised text:
/// the byte offset in `hay` of the first character of the match. White space, quotes
/// and full-width forms in `hay` match as [`norm_char`] maps them, so `自\n然 人`
/// matches `自然人`, without building the normalised text.
pub(crate) fn find_norm(hay: &str, needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    let rest = &needle[first.len_utf8()..];
    let matches_at = |at: usize| {
        let mut want = rest.chars();
        let mut next = want.next();
        for c in hay[at..].chars().skip(1) {
            let Some(w) = next else { return true };
            match norm_char(c) {
                None => continue,
                Some(n) if n == w => next = want.next(),
                Some(_) => return false,
            }
        }
        next.is_none()
    };
    if first as u32 >= 0x3400 {
        // a CJK character has no other form: find it directly
        let mut buf = [0u8; 4];
        let pat = first.encode_utf8(&mut buf).as_bytes();
        // a short haystack without building a searcher (see [`find`])
        if hay.len() <= SHORT {
            return occurrences(hay.as_bytes(), pat).find(|at| matches_at(*at));
        }
        return memchr::memmem::find_iter(hay.as_bytes(), pat).find(|at| matches_at(*at));
    }
    hay.char_indices()
        .filter(|(_, c)| norm_char(*c) == Some(first))
        .map(|(i, _)| i)
        .find(|at| matches_at(*at))
}

/// Where `needle` first occurs in `hay`: what `str::find` gives. The grammar's
/// searches are mostly short ones, for a key of a few characters in a heading, a
/// clause or a line, where building a searcher (the standard library's or
/// `memmem`'s: 250–400 instructions) costs more than the search: a haystack of up to
/// [`SHORT`] bytes is searched by [`occurrences`], a longer one by `memmem`.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if hay.len() <= SHORT {
        occurrences(hay.as_bytes(), needle.as_bytes()).next()
    } else {
        memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
    }
}

/// Whether `hay` contains `needle`: what `str::contains` gives (see [`find`]).
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The longest haystack that [`find`] searches without building a searcher. Over
/// long texts `memmem` wins: the byte [`occurrences`] looks for is found every 200
/// bytes or so in Chinese text, and each false hit costs a restart of the search.
const SHORT: usize = 256;

/// Every occurrence of `needle` in `hay` that does not overlap an earlier one, in
/// order: what `memchr::memmem::find_iter` gives (an empty needle occurs nowhere).
/// A vector search for one byte of the needle, its third (in Chinese text the last
/// byte of its first character: one of 64 values), each hit then compared whole.
fn occurrences<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let k = needle.len().min(3).saturating_sub(1);
    let searched = if needle.is_empty() { &[][..] } else { hay };
    // where the next occurrence may start: after the end of the last one
    let mut free = 0;
    memchr::memchr_iter(needle.get(k).copied().unwrap_or(0), searched).filter_map(move |p| {
        let start = p.checked_sub(k).filter(|s| *s >= free)?;
        hay[start..].starts_with(needle).then(|| {
            free = start + needle.len();
            start
        })
    })
}

/// Whether `hay`, read as normalised text, contains `needle` (normalised).
pub(crate) fn contains_norm(hay: &str, needle: &str) -> bool {
    find_norm(hay, needle).is_some()
}

/// Whether `c` is a decimal digit, ASCII or full-width.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The ASCII value of a digit character (ASCII or full-width).
pub(crate) fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(c as u8 - b'0')
    } else if ('０'..='９').contains(&c) {
        Some((c as u32 - '０' as u32) as u8)
    } else {
        None
    }
}

/// Whether `b` is a byte that a non-ASCII white-space character starts with (U+0085,
/// U+00A0: C2; U+1680: E1; U+2000…U+205F: E2; U+3000: E3): every other byte at or
/// above 0x80 starts no space, and a scan by bytes passes over its character.
pub(crate) const fn is_space_lead(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// A table of the 256 byte values, `true` where `$test` holds for the byte `$b`
/// (a `u8`), built at compile time: for scans that test every byte with one look.
macro_rules! byte_table {
    (|$b:ident| $test:expr) => {{
        let mut table = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            table[i] = $test;
            i += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

/// [`str::trim`], told at once for the common text that neither starts nor ends with
/// a character that may be white space (ASCII white space, or a character led by a
/// byte of [`is_space_lead`]); any other text is trimmed by [`str::trim`]. The
/// standard trim reads both ends through a character searcher, about 80
/// instructions for a cell that has nothing to trim.
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    // the lead byte of the last character: at most three continuation bytes back
    let last_lead = if last < 0x80 {
        last
    } else {
        b.iter()
            .rev()
            .take(4)
            .find(|&&c| c & 0xC0 != 0x80)
            .copied()
            .unwrap_or(last)
    };
    let may_space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ') || is_space_lead(c);
    if may_space(first) || may_space(last_lead) {
        s.trim()
    } else {
        s
    }
}

/// Whether `c` is horizontal white space: ASCII space and tab, the ideographic space
/// (U+3000), no-break and thin spaces (U+00A0, U+2000–U+200A, U+202F) and the other
/// Unicode space separators, and the zero-width space (U+200B) that web pages carry.
pub(crate) fn is_hspace(c: char) -> bool {
    c == ' '
        || c == '\t'
        // a page break (`\f`) or a vertical tab inside a line, as PDF and Word text has
        || c == '\u{c}'
        || c == '\u{b}'
        || (c > '\u{7f}' && c.is_whitespace() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
        || c == '\u{200b}'
}

/// The length in bytes of the horizontal white space ([`is_hspace`]) that `s` starts
/// with: what `s.len() - s.trim_start_matches(is_hspace).len()` gives, read a byte at
/// a time while it is ASCII (the standard trim decodes each character through a
/// searcher, about 80 instructions where nothing is to be trimmed).
pub(crate) fn hspace_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | 0x0b | 0x0c => i += 1,
            // a character beyond ASCII that may be white space
            c if is_space_lead(c) => {
                let rest = &s[i..];
                return i + rest.len() - rest.trim_start_matches(is_hspace).len();
            }
            _ => return i,
        }
    }
    i
}

/// `memmem` searchers for a fixed list of keys, built on first use and kept for the
/// process (a `static`): building one costs several hundred instructions (see [`find`]), more
/// than many of the searches made with it, and every report looks for the same keys.
pub(crate) struct Searchers {
    keys: &'static [&'static str],
    built: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>,
}

impl Searchers {
    /// The searchers of `keys`, built when first used.
    pub(crate) const fn new(keys: &'static [&'static str]) -> Self {
        Searchers {
            keys,
            built: std::sync::OnceLock::new(),
        }
    }

    /// Each key with its searcher, in order.
    pub(crate) fn iter(
        &self,
    ) -> impl Iterator<Item = (&'static str, &memchr::memmem::Finder<'static>)> {
        let built = self
            .built
            .get_or_init(|| self.keys.iter().map(memchr::memmem::Finder::new).collect());
        self.keys.iter().copied().zip(built)
    }
}

/// A set of keywords indexed by their first character, for [`KeySet::last`].
pub(crate) struct KeySet {
    keys: Vec<&'static str>,
    /// For each bucket `first char as u32 % 1024`: the range of `order` that lists the
    /// keys whose first character falls in it (most characters of a label start no
    /// key, and are passed over with one look at an empty range).
    buckets: Vec<(u16, u16)>,
    /// Key indices grouped by bucket.
    order: Vec<usize>,
    longest: usize,
}

/// The bucket of a key's first character.
fn bucket(c: char) -> usize {
    c as usize % 1024
}

impl KeySet {
    pub(crate) fn new(keys: Vec<&'static str>) -> Self {
        let mut order: Vec<usize> = (0..keys.len()).filter(|k| !keys[*k].is_empty()).collect();
        let first = |k: &usize| keys[*k].chars().next().map_or(0, bucket);
        order.sort_by_key(first);
        let mut buckets = vec![(0u16, 0u16); 1024];
        for (at, k) in order.iter().enumerate() {
            let b = &mut buckets[first(k)];
            if b.1 == 0 {
                b.0 = u16::try_from(at).unwrap_or(u16::MAX);
            }
            b.1 = b.1.saturating_add(1);
        }
        let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        KeySet {
            keys,
            buckets,
            order,
            longest,
        }
    }

    /// The key at index `k`.
    pub(crate) fn key(&self, k: usize) -> &'static str {
        self.keys[k]
    }

    /// The key occurrence in `hay` that ends last: `(end, index of the key)`. One
    /// pass from the end of `hay`; it stops as soon as no key starting further left
    /// could end later than the best found.
    pub(crate) fn last(&self, hay: &str) -> Option<(usize, usize)> {
        self.last_within(hay, usize::MAX)
    }

    /// [`KeySet::last`] among the keys that start within the last `chars` characters
    /// of `hay`.
    pub(crate) fn last_within(&self, hay: &str, chars: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, c) in hay.char_indices().rev().take(chars) {
            if best.is_some_and(|(end, _)| i + self.longest <= end) {
                break;
            }
            let (start, len) = self.buckets[bucket(c)];
            let start = usize::from(start);
            for &k in self
                .order
                .get(start..start + usize::from(len))
                .unwrap_or(&[])
            {
                let key = self.keys[k];
                if hay[i..].starts_with(key) {
                    let end = i + key.len();
                    // the longest key wins among those that end at the same place
                    if best.is_none_or(|(e, _)| end >= e) {
                        best = Some((end, k));
                    }
                }
            }
        }
        best
    }
}

/// The line table of a document, found once: the lines of any part of it (for the
/// headings and the table cells) and the line and column (1-based, column in
/// characters) of byte offsets (for cells and diagnostics).
pub(crate) struct Positions<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        // room for lines of about 40 bytes, a report's usual, before it must grow
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Positions { text, starts }
    }

    /// The document.
    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The lines that intersect `range`, each clipped to it and without its line
    /// break (`\n` or `\r\n`): byte spans, from the line that holds `range.start` on.
    pub(crate) fn lines(&self, range: Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
        let bytes = self.text.as_bytes();
        let end = range.end.min(bytes.len());
        let start = range.start.min(end);
        let first = self.line(start) as usize - 1;
        // a range that ends before it starts has no lines
        let stop = if range.start > end { 0 } else { end };
        self.starts[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, &s)| s < stop)
            .map(move |(i, &s)| {
                // the line's `\n` (or the end of the text), and its content before a `\r`
                let line_end = self
                    .starts
                    .get(first + i + 1)
                    .map_or(bytes.len(), |n| n - 1);
                let content_end = match line_end > s && bytes[line_end - 1] == b'\r' {
                    true => line_end - 1,
                    false => line_end,
                };
                let a = s.max(start);
                (a, content_end.min(end).max(a))
            })
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    #[cfg(test)]
    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        self.line_cols(&[offset])[0]
    }

    /// 1-based (line, column) of many byte offsets, in their order, counting the
    /// characters of the text once (a page flattened onto one line has one very long
    /// line).
    pub(crate) fn line_cols(&self, offsets: &[usize]) -> Vec<(u32, u32)> {
        // the offsets in order, each with its index (sorted by value, not through
        // the index; a merge sort, for the runs in which tables record their cells)
        let mut order: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
        order.sort();
        let mut out = vec![(0, 0); offsets.len()];
        // the last place counted: its byte offset, its line (the number of line
        // starts at or before it) and 0-based column
        let (mut at, mut line, mut col) = (0usize, 0usize, 0usize);
        for (o, i) in order {
            let mut o = o.min(self.text.len());
            while !self.text.is_char_boundary(o) {
                o -= 1;
            }
            // the offsets ascend: the line is this one or a later one
            if self.starts.get(line).is_some_and(|s| *s <= o) {
                line += self.starts[line..].partition_point(|s| *s <= o);
                at = self.starts[line - 1];
                col = 0;
            }
            col += self.text[at..o].chars().count();
            at = o;
            out[i] = (line as u32, col as u32 + 1);
        }
        out
    }
}

/// Every text of up to `max_len` characters over `alphabet`, the empty one included:
/// for tests that check a fast path against the code it stands in for.
#[cfg(test)]
pub(crate) fn all_texts(alphabet: &str, max_len: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut last = texts.clone();
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|t| alphabet.chars().map(move |c| format!("{t}{c}")))
            .collect();
        texts.extend(last.iter().cloned());
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hspace_len_is_what_the_standard_trim_takes() {
        for t in all_texts(
            " \t\u{b}\u{c}\u{3000}\u{a0}\u{85}\u{2028}\u{200b}\u{2009}a、“中",
            4,
        ) {
            assert_eq!(
                hspace_len(&t),
                t.len() - t.trim_start_matches(is_hspace).len(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn occurrences_are_those_of_the_standard_searches() {
        // every text of up to six characters over letters that share bytes: the
        // second and third bytes of 报告 (E6 8A A5, E5 91 8A) and 申请 (E7 94 B3,
        // E8 AF B7), and ASCII
        let texts = all_texts("报告申a", 6);
        let needles = [
            "报",
            "告",
            "报告",
            "告报",
            "报告申",
            "申申",
            "aa",
            "a",
            "a报",
            "告a申",
            "申请",
            "报报报",
            "",
        ];
        for hay in &texts {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(contains(hay, needle), hay.contains(needle));
                if !needle.is_empty() {
                    let ours: Vec<usize> = occurrences(hay.as_bytes(), needle.as_bytes()).collect();
                    let theirs: Vec<usize> =
                        memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes()).collect();
                    assert_eq!(ours, theirs, "{hay:?} {needle:?}");
                }
            }
        }
        assert_eq!(occurrences(b"abc", b"").count(), 0);
        // past SHORT, by memmem: the same first occurrence
        let pad = "x".repeat(SHORT);
        for hay in texts.iter().step_by(7) {
            let long = format!("{pad}{hay}");
            for needle in needles {
                assert_eq!(find(&long, needle), long.find(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn trim_trims_as_the_standard_library_does() {
        let alphabet = " \t\u{b}\u{85}\u{a0}\u{1680}\u{2009}\u{2028}\u{3000}\u{c}a行、。“é😀";
        for t in all_texts(alphabet, 4) {
            assert_eq!(trim(&t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn norm_maps_full_width_and_drops_quotes() {
        assert_eq!(norm("（一）予以公开"), "(一)予以公开");
        assert_eq!(norm("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(norm("1、申请人 无正当理由"), "1.申请人无正当理由");
        assert_eq!(norm("１２"), "12");
    }

    #[test]
    fn norm_by_bytes_agrees_with_norm_char() {
        // every character of the BMP, and a few beyond, between words that stay
        let chars = (0u32..0x1_0000)
            .chain(0x2_0000..0x2_0010)
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("a{c}字{c}1");
            let want: String = s.chars().filter_map(norm_char).collect();
            assert_eq!(norm(&s), want, "{c:?}");
        }
    }

    #[test]
    fn the_normalised_end_of_a_label() {
        let s = "（六）其他处理 1、申请人 无正当理由“逾期”不补正、行政机关不再处理".repeat(3);
        let s = s.as_str();
        let all = norm(s);
        for n in 0..all.chars().count() + 3 {
            let end = norm_end(s, n);
            assert!(all.ends_with(&end), "{n}");
            assert!(end.chars().count() >= n.min(all.chars().count()), "{n}");
            // a long text is cut: only what was asked is normalised
            if s.len() > 4 * n {
                assert_eq!(end.chars().count(), n, "{n}");
            }
        }
    }

    #[test]
    fn normalised_search() {
        assert_eq!(
            find_norm("申请人情况 自\n然 人", "自然人"),
            Some("申请人情况 ".len())
        );
        assert!(contains_norm("（本列数据的勾稽关系为", "(本列数据"));
        assert!(contains_norm("3.危及“三安全一稳定”", "三安全一稳定"));
        assert!(!contains_norm("自然", "自然人"));
        assert_eq!(find_norm("abc", "x"), None);
    }

    #[test]
    fn spaces_of_every_kind() {
        for c in [
            ' ', '\t', '\u{3000}', '\u{a0}', '\u{2009}', '\u{202f}', '\u{2002}', '\u{200b}',
        ] {
            assert!(is_hspace(c), "{c:?}");
        }
        for c in ['\n', '\r', '0', '一'] {
            assert!(!is_hspace(c), "{c:?}");
        }
    }

    #[test]
    fn the_key_that_ends_last() {
        let keys = KeySet::new(vec!["予以公开", "国家秘密", "不予公开"]);
        assert_eq!(
            keys.last("(三)不予公开1.属于国家秘密").map(|k| k.1),
            Some(1)
        );
        assert_eq!(keys.last("(一)予以公开").map(|k| k.1), Some(0));
        assert_eq!(keys.last("自然人"), None);
        // only keys that start within the last characters
        assert_eq!(keys.last_within("(一)予以公开", 4).map(|k| k.1), Some(0));
        assert_eq!(keys.last_within("(一)予以公开", 3), None);
    }

    #[test]
    fn the_last_key_ends_where_a_plain_search_finds_it() {
        // characters of one to four bytes; 予 (U+4E88) and 䪈 (U+4A88) share a bucket,
        // as do a (U+61) and ١ (U+0661)
        let keys = KeySet::new(vec!["予以", "予", "䪈a", "é😀", "a", "١"]);
        let by_chars = |hay: &str, chars: usize| {
            let mut best: Option<(usize, usize)> = None;
            for (i, _) in hay.char_indices().rev().take(chars) {
                for (k, key) in keys.keys.iter().enumerate() {
                    let end = i + key.len();
                    if hay[i..].starts_with(key) && best.is_none_or(|(e, _)| end >= e) {
                        best = Some((end, k));
                    }
                }
            }
            best
        };
        for t in all_texts("予以䪈aé😀١", 5) {
            for chars in [0, 1, 2, 3, usize::MAX] {
                let (got, want) = (keys.last_within(&t, chars), by_chars(&t, chars));
                // the same end; the key may differ only where two end there
                assert_eq!(got.map(|g| g.0), want.map(|w| w.0), "{t:?} {chars}");
            }
        }
    }

    #[test]
    fn positions_count_characters() {
        let p = Positions::new("一二\n三四五\n");
        assert_eq!(p.line_col(0), (1, 1));
        assert_eq!(p.line_col("一二\n三".len()), (2, 2));
    }

    #[test]
    fn many_positions_in_any_order_are_each_counted_from_their_line() {
        let text = "一二\n\n三四五 6\r\n七\n";
        let p = Positions::new(text);
        // every offset, inside characters and past the end too, in a shuffled order
        // with repeats
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().chain([3, 0, 9]).collect();
        let counted = p.line_cols(&offsets);
        for (o, got) in offsets.iter().zip(counted) {
            // the character that holds the offset, counted by hand
            let mut at = (*o).min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let before = &text[..at];
            let line = before.matches('\n').count() as u32 + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[start..].chars().count() as u32 + 1;
            assert_eq!(got, (line, col), "offset {o}");
        }
    }
}
