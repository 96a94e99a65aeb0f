//! How much of one text another text already holds: character shingles.
//!
//! Both texts are normalised — white space removed, full-width ASCII folded to
//! half-width, every number (a run of ASCII or full-width digits) replaced by one
//! placeholder, so that a text copied with this year's numbers put in still counts as
//! copied — and cut into
//! every run of [`SHINGLE`] consecutive characters. A character of the new text is
//! *reused* when it lies inside a run that also occurs in the old text; the share is
//! reused characters ÷ characters of the new text.
//!
//! Thirteen characters is the length the common Chinese duplicate checkers count as a
//! copy (连续13个字相同). An edit changes only the runs that overlap it, so rewording a
//! phrase here and there lowers the share by about the edited length, never to zero; a
//! stock phrase shorter than 13 characters ("政府信息公开工作") never counts. The work is
//! linear in the length of both texts: one hash table of the old text's runs (a rolling
//! hash, every hit confirmed character by character), one pass over the new text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The length of a shingle, in characters.
pub const SHINGLE: usize = 13;

/// Texts with fewer normalised characters than this are not compared (a part that says
/// only "无。" every year is not a copy).
pub const MIN_CHARS: usize = 50;

/// What [`share`] measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    /// Characters of the new text that lie in a shingle of the old text.
    pub reused: usize,
    /// Characters of the new text (normalised).
    pub total: usize,
}

impl Reuse {
    /// `reused / total` (0 for an empty text).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.reused as f64 / self.total as f64
        }
    }

    /// The share in whole percent, rounded down (so that 50.9 % is never shown as 51 %
    /// next to a threshold of 50 %).
    pub fn percent(&self) -> usize {
        self.reused
            .checked_mul(100)
            .and_then(|n| n.checked_div(self.total))
            .unwrap_or(0)
    }
}

pub(crate) fn normalised(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 3);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let c = match c {
            '0'..='9' | '\u{FF10}'..='\u{FF19}' => '#',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        if !(c == '#' && out.last() == Some(&'#')) {
            out.push(c);
        }
    }
    out
}

/// How much of `new` is made of 13-character runs that occur in `old` (see the module
/// documentation).
///
/// ```
/// use nianbao::audit::text_share;
/// let old = "2023年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实条例要求。";
/// let new = "2024年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实条例要求。";
/// assert_eq!(text_share(old, new).percent(), 100);
/// assert_eq!(text_share("完全不同的一段文字内容写在这里", new).reused, 0);
/// ```
pub fn share(old: &str, new: &str) -> Reuse {
    share_normalised(&normalised(old), &normalised(new))
}

/// [`share`] of two texts normalised already.
pub(crate) fn share_normalised(old: &[char], new: &[char]) -> Reuse {
    let total = new.len();
    if old.len() < SHINGLE || new.len() < SHINGLE {
        return Reuse { reused: 0, total };
    }
    // Every shingle of the old text by its rolling hash (the first place it occurs);
    // a hit is confirmed by comparing the characters, so a collision never counts.
    let mut seen: HashMap<u64, usize, BuildHasherDefault<Mixed>> =
        HashMap::with_capacity_and_hasher(old.len(), BuildHasherDefault::default());
    for (start, h) in rolling(old) {
        seen.entry(h).or_insert(start);
    }
    let mut reused = 0;
    // Characters before `covered` are counted already.
    let mut covered = 0;
    for (start, h) in rolling(new) {
        let window = &new[start..start + SHINGLE];
        if seen
            .get(&h)
            .is_some_and(|&at| old[at..at + SHINGLE] == *window)
        {
            let end = start + SHINGLE;
            reused += end - covered.max(start);
            covered = end;
        }
    }
    Reuse { reused, total }
}

/// A polynomial hash of every window of [`SHINGLE`] characters, rolled along the text:
/// (start, hash).
fn rolling(chars: &[char]) -> impl Iterator<Item = (usize, u64)> + '_ {
    const BASE: u64 = 0x0100_0000_01b3;
    let top = (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let first = chars[..SHINGLE].iter().fold(0u64, |h, &c| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(c))
    });
    let rest = (1..=chars.len() - SHINGLE).scan(first, move |h, start| {
        let out = u64::from(chars[start - 1]);
        let inc = u64::from(chars[start + SHINGLE - 1]);
        *h = h
            .wrapping_sub(out.wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(inc);
        Some((start, *h))
    });
    std::iter::once((0, first)).chain(rest)
}

/// The hasher of the shingle table: the key is a hash already, only its bits are
/// spread (the finaliser of SplitMix64), so every bit of the table index depends on
/// every character.
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_and_disjoint() {
        let t = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯";
        assert_eq!(
            share(t, t),
            Reuse {
                reused: 24,
                total: 24
            }
        );
        assert_eq!(share("子丑寅卯辰巳午未申酉戌亥春夏秋冬", t).reused, 0);
    }

    #[test]
    fn an_edit_in_the_middle_costs_only_the_runs_over_it() {
        let old: String = "甲乙丙丁戊己庚辛壬癸".repeat(4);
        let mut new: Vec<char> = old.chars().collect();
        new[20] = '○';
        let new: String = new.into_iter().collect();
        let r = share(&old, &new);
        // Every run through position 20 is new: positions 8..=32 are covered only if a
        // run avoiding 20 covers them; runs starting at 0..=7 cover 0..=19, runs
        // starting at 21..=27 cover 21..=39. Only position 20 is left.
        assert_eq!(
            r,
            Reuse {
                reused: 39,
                total: 40
            }
        );
    }

    #[test]
    fn numbers_and_width_and_spaces_do_not_count() {
        let old = "2023年共受理申请15件，均在法定期限内答复完毕。";
        let new = "２０２４年共受理申请 3 件，均在法定期限内答复完毕。";
        assert_eq!(share(old, new).percent(), 100);
    }

    #[test]
    fn percent_rounds_down() {
        assert_eq!(
            Reuse {
                reused: 509,
                total: 1000
            }
            .percent(),
            50
        );
        assert_eq!(
            Reuse {
                reused: 0,
                total: 0
            }
            .percent(),
            0
        );
    }
}
