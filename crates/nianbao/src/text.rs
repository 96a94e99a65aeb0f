//! Small text helpers shared by the layers: label normalisation and positions.

/// Map one character to its normalised form for label matching, or `None` to drop it.
///
/// Full-width ASCII (（）．，：０-９) becomes half-width, `、` becomes `.`, quotes and
/// all white space are dropped, and the converters' bookmark brackets are dropped.
pub(crate) fn norm_char(c: char) -> Option<char> {
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
    s.chars().filter_map(norm_char).collect()
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

/// Whether `c` is horizontal white space: ASCII space and tab, the ideographic space
/// (U+3000), no-break and thin spaces (U+00A0, U+2000–U+200A, U+202F) and the other
/// Unicode space separators, and the zero-width space (U+200B) that web pages carry.
pub(crate) fn is_hspace(c: char) -> bool {
    c == ' '
        || c == '\t'
        || (c > '\u{7f}' && c.is_whitespace() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
        || c == '\u{200b}'
}

/// A set of keywords indexed by their first character, for [`KeySet::last`].
pub(crate) struct KeySet {
    keys: Vec<&'static str>,
    /// First characters, sorted, with the keys that start with each.
    by_first: Vec<(char, Vec<usize>)>,
    longest: usize,
}

impl KeySet {
    pub(crate) fn new(keys: Vec<&'static str>) -> Self {
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let Some(c) = key.chars().next() else {
                continue;
            };
            match by_first.binary_search_by_key(&c, |(f, _)| *f) {
                Ok(i) => by_first[i].1.push(k),
                Err(i) => by_first.insert(i, (c, vec![k])),
            }
        }
        let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        KeySet {
            keys,
            by_first,
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
        let mut best: Option<(usize, usize)> = None;
        for (i, c) in hay.char_indices().rev() {
            if best.is_some_and(|(end, _)| i + self.longest <= end) {
                break;
            }
            let Ok(f) = self.by_first.binary_search_by_key(&c, |(f, _)| *f) else {
                continue;
            };
            for &k in &self.by_first[f].1 {
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

/// Line and column (1-based, column in characters) of byte offsets in a document.
pub(crate) struct Positions<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Positions { text, starts }
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let end = offset.min(self.text.len());
        let col = self.text.get(start..end).map_or(0, |s| s.chars().count());
        (line, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_maps_full_width_and_drops_quotes() {
        assert_eq!(norm("（一）予以公开"), "(一)予以公开");
        assert_eq!(norm("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(norm("1、申请人 无正当理由"), "1.申请人无正当理由");
        assert_eq!(norm("１２"), "12");
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
    }

    #[test]
    fn positions_count_characters() {
        let p = Positions::new("一二\n三四五\n");
        assert_eq!(p.line_col(0), (1, 1));
        assert_eq!(p.line_col("一二\n三".len()), (2, 2));
    }
}
