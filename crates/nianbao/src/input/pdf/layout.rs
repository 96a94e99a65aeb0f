//! Positioned characters → text. Tables whose borders the page draws become the
//! tab-cell layout of DOCX files (see [`table`]); everything else becomes lines of
//! text in the layout of `pdftotext -layout`, which the grammar's space-aligned
//! adapter reads: characters on one baseline
//! form a line; within a line, a gap wider than a character (or a table rule
//! between two characters) separates columns with two or more spaces, a smaller gap
//! is one space; columns are indented by their position on the page, so that a
//! monospace view looks like the page; the lines of a paragraph (each filled to the
//! right edge of the text, the next right below) are joined into one line. A character of a vertical label (one
//! character a line in the PDF) stands on the line of whatever shares its height.

use super::interp::{Glyph, Rule};
use super::table;
use crate::input::{Grid, TextOut};

/// One line of a page: its characters, left to right.
struct Line<'g> {
    glyphs: &'g [Glyph],
    top: f32,
    bottom: f32,
}

impl Line<'_> {
    fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// The text of one page, without a trailing newline: its ruled tables in the tab-cell
/// layout, the rest in space-aligned lines, top to bottom.
pub(crate) fn page_text(glyphs: &[Glyph], rules: &[Rule]) -> String {
    let tables = table::tables(rules);
    let mut free: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    // the characters in each table, with the cell they are in
    let mut in_tables: Vec<Vec<(usize, Glyph)>> = vec![Vec::new(); tables.len()];
    for g in glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
        let cell = tables
            .iter()
            .enumerate()
            .find_map(|(t, table)| table.cell_at(cx, cy).map(|c| (t, c)));
        match cell {
            Some((t, c)) => in_tables[t].push((c, *g)),
            None => free.push(*g),
        }
    }
    let mut sorted = Vec::new();
    let lines = lines(&free, &mut sorted);
    let unit = unit(glyphs);
    let mut vertical: Vec<&Rule> = rules.iter().filter(|r| !r.horizontal).collect();
    vertical.sort_by(|a, b| a.at.total_cmp(&b.at));
    // lines and tables, top to bottom
    let mut items: Vec<(f32, Option<&Line>, Option<usize>)> = lines
        .iter()
        .map(|l| (l.top, Some(l), None))
        .chain(
            tables
                .iter()
                .enumerate()
                .map(|(k, t)| (t.top(), None, Some(k))),
        )
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    // the right edge of the page's text, where the lines of a paragraph end
    let right = free.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    let mut out = PageOut::default();
    let mut text = String::new();
    let mut cell_glyphs = Vec::new();
    // the line before, and whether it has columns
    let mut prev: Option<(&Line, bool)> = None;
    for (_, line, table) in items {
        if let Some(line) = line {
            text.clear();
            let columns = write_line(&mut text, line, unit, &vertical);
            if let Some((p, p_columns)) = prev {
                let h = p.height().max(line.height()).max(1.0);
                let gap = line.top - p.bottom;
                if !p_columns && !columns && continues(p, line, right) {
                    // the next line of a paragraph: joined to the line before, the
                    // last one written
                    let text = text.trim_start();
                    let words = out.text.ends_with(|c: char| c.is_ascii_alphabetic())
                        && text.starts_with(|c: char| c.is_ascii_alphabetic());
                    if words {
                        out.text.push(' ');
                    }
                    out.text.push_str(text);
                    prev = Some((line, columns));
                    continue;
                }
                // a blank line where the page leaves more than a line's height free
                if gap > 0.9 * h {
                    out.line("");
                }
            }
            out.line(&text);
            prev = Some((line, columns));
        } else if let Some(k) = table {
            let in_cells = Cells::new(&mut in_tables[k], tables[k].cells.len());
            out.line(&table_text(&tables[k], &in_cells, &mut cell_glyphs));
            prev = None;
        }
    }
    out.text
}

/// The characters of a table, cell by cell.
struct Cells {
    glyphs: Vec<Glyph>,
    /// Where each cell's characters end in `glyphs`.
    ends: Vec<usize>,
}

impl Cells {
    /// The characters of `count` cells from (cell, character) pairs, each cell's in
    /// the order they come.
    fn new(placed: &mut [(usize, Glyph)], count: usize) -> Cells {
        placed.sort_by_key(|&(c, _)| c);
        let glyphs = placed.iter().map(|&(_, g)| g).collect();
        let ends = (0..count)
            .map(|c| placed.partition_point(|&(k, _)| k <= c))
            .collect();
        Cells { glyphs, ends }
    }

    /// The characters of cell `k`.
    fn cell(&self, k: usize) -> &[Glyph] {
        &self.glyphs[run(&self.ends, k)]
    }
}

/// The `k`th of runs laid one after another, each ending where `ends` says.
fn run(ends: &[usize], k: usize) -> std::ops::Range<usize> {
    k.checked_sub(1).map_or(0, |j| ends[j])..ends[k]
}

/// The text of a page, line by line.
#[derive(Default)]
struct PageOut {
    text: String,
    /// Whether a line was written (the next one starts with a line break).
    started: bool,
}

impl PageOut {
    /// Write `text` as the next line (or lines).
    fn line(&mut self, text: &str) {
        if self.started {
            self.text.push('\n');
        }
        self.text.push_str(text);
        self.started = true;
    }
}

/// A table in the tab-cell layout: a blank line, then each row's cells one a line
/// behind a tab, each row followed by a blank line.
///
/// An empty cell in a column of labels, right of a label and left of numbers in the
/// same row, is taken as part of that label: word processors draw the grid line of
/// the label columns through rows whose label spans them (`（七）总计` over the
/// columns of `（三）不予公开` and its reasons). Other empty cells stay: they are blank
/// values (or the blank cells of a blank form).
fn table_text(table: &table::Table, cells: &Cells, sorted: &mut Vec<Glyph>) -> String {
    // the cells' texts, one after another in one buffer
    let mut buf = String::new();
    let ends: Vec<usize> = (0..table.cells.len())
        .map(|k| {
            cell_text(&mut buf, cells.cell(k), sorted);
            buf.len()
        })
        .collect();
    let texts: Vec<&str> = (0..ends.len()).map(|k| &buf[run(&ends, k)]).collect();
    let is_number = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c))
    };
    let columns = table.columns();
    // per grid column: cells holding a number, cells holding other text
    let mut kinds = vec![(0usize, 0usize); columns];
    for (k, &(_, c0, _, colspan)) in table.cells.iter().enumerate() {
        if texts[k].trim().is_empty() {
            continue;
        }
        let numeric = is_number(texts[k]);
        for kind in &mut kinds[c0..c0 + colspan] {
            if numeric {
                kind.0 += 1;
            } else {
                kind.1 += 1;
            }
        }
    }
    let label_column = |c: usize| kinds[c].1 > kinds[c].0;
    let mut spans: Vec<(usize, usize, usize, usize)> = table.cells.clone();
    let mut dropped = vec![false; spans.len()];
    for k in 0..spans.len() {
        let (r0, c0, rowspan, colspan) = spans[k];
        if !texts[k].trim().is_empty() || !(c0..c0 + colspan).all(label_column) {
            continue;
        }
        let numbers_right = spans
            .iter()
            .zip(&texts)
            .any(|(&(r, c, rs, _), t)| r == r0 && rs == rowspan && c > c0 && is_number(t));
        if !numbers_right {
            continue;
        }
        // the cell on its left with the same rows, holding a label
        let left = (0..spans.len()).find(|&j| {
            let (r, c, rs, cs) = spans[j];
            !dropped[j]
                && r == r0
                && rs == rowspan
                && c + cs == c0
                && !texts[j].trim().is_empty()
                && !is_number(texts[j])
        });
        if let Some(j) = left {
            spans[j].3 += colspan;
            dropped[k] = true;
        }
    }
    // the cells kept, row by row (in their order within a row)
    let mut kept: Vec<usize> = (0..spans.len()).filter(|&k| !dropped[k]).collect();
    kept.sort_by_key(|&k| spans[k].0);
    let mut kept = kept.into_iter().peekable();
    let mut grid = Grid::default();
    for r in 0..table.rows() {
        grid.row();
        while let Some(k) = kept.next_if(|&k| spans[k].0 == r) {
            let (_, _, rowspan, colspan) = spans[k];
            grid.open(colspan, rowspan);
            if let Some(text) = grid.text() {
                text.push_str(texts[k]);
            }
            grid.close();
        }
    }
    let mut out = TextOut::default();
    out.table(&grid);
    let text = out.finish();
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// Append the text of one table cell to `out`: its lines joined — without a space
/// where a word or number was wrapped (CJK text, digits), with one between Latin
/// words. `sorted` is room for [`lines`].
fn cell_text(out: &mut String, glyphs: &[Glyph], sorted: &mut Vec<Glyph>) {
    let start = out.len();
    for line in lines(glyphs, sorted) {
        // a line starts with its first character (never a space)
        let joins_words = out[start..]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && line
                .glyphs
                .first()
                .is_some_and(|g| g.ch.is_ascii_alphabetic());
        if joins_words {
            out.push(' ');
        }
        let mut prev: Option<&Glyph> = None;
        for g in line.glyphs {
            if let Some(p) = prev {
                if is_word_gap(p, g) {
                    out.push(' ');
                }
            }
            out.push(g.ch);
            prev = Some(g);
        }
    }
}

/// The width of one column of text: half the usual character size (a CJK character
/// is two columns wide, as in a terminal).
fn unit(glyphs: &[Glyph]) -> f32 {
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.size).filter(|s| *s > 0.5).collect();
    if sizes.is_empty() {
        return 5.0;
    }
    let mid = sizes.len() / 2;
    let (_, m, _) = sizes.select_nth_unstable_by(mid, f32::total_cmp);
    (*m / 2.0).max(0.5)
}

/// Group the glyphs into lines, top to bottom. The lines' characters are kept in
/// `sorted` (its contents replaced), one line after another.
fn lines<'g>(glyphs: &[Glyph], sorted: &'g mut Vec<Glyph>) -> Vec<Line<'g>> {
    sorted.clear();
    sorted.extend(
        glyphs
            .iter()
            .filter(|g| !g.ch.is_whitespace() && g.y1 > g.y0 && g.x1 >= g.x0),
    );
    sorted.sort_by(|a, b| {
        ((a.y0 + a.y1) / 2.0)
            .total_cmp(&((b.y0 + b.y1) / 2.0))
            .then(a.x0.total_cmp(&b.x0))
    });
    // each line a run of the sorted characters: (start, end, top, bottom)
    let mut runs: Vec<(usize, usize, f32, f32)> = Vec::new();
    for (i, g) in sorted.iter().enumerate() {
        let c = (g.y0 + g.y1) / 2.0;
        let h = g.y1 - g.y0;
        if let Some((_, end, top, bottom)) = runs.last_mut() {
            let tolerance = 0.3 * h.min(*bottom - *top);
            if (c - (*top + *bottom) / 2.0).abs() <= tolerance {
                *top = top.min(g.y0);
                *bottom = bottom.max(g.y1);
                *end = i + 1;
                continue;
            }
        }
        runs.push((i, i + 1, g.y0, g.y1));
    }
    // each line left to right, the same character drawn twice over itself (fake
    // bold, shadows) once: the kept characters move down to `kept`
    let mut kept = 0;
    for run in &mut runs {
        let (start, end) = (run.0, run.1);
        sorted[start..end].sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let first = kept;
        for i in start..end {
            let g = sorted[i];
            let doubled = kept > first && {
                let a = &sorted[kept - 1];
                a.ch == g.ch && (g.x0 - a.x0).abs() < 0.3 * a.size.max(g.size).max(0.1)
            };
            if !doubled {
                sorted[kept] = g;
                kept += 1;
            }
        }
        (run.0, run.1) = (first, kept);
    }
    sorted.truncate(kept);
    let sorted: &'g [Glyph] = sorted;
    runs.into_iter()
        .map(|(start, end, top, bottom)| Line {
            glyphs: &sorted[start..end],
            top,
            bottom,
        })
        .collect()
}

/// Whether the gap between two characters of a line is a space: a fifth of the font
/// size between letters of one script; between a Latin letter or digit and a CJK
/// character, half of it, since word processors set the two scripts apart by a
/// quarter of the font size where the text has no space (`2023年`, `251000元`).
fn is_word_gap(p: &Glyph, g: &Glyph) -> bool {
    let size = p.size.max(g.size).max(0.1);
    let scripts_meet = (p.ch.is_ascii_alphanumeric() && width(g.ch) == 2)
        || (width(p.ch) == 2 && g.ch.is_ascii_alphanumeric());
    g.x0 - p.x1 >= if scripts_meet { 0.5 } else { 0.2 } * size
}

/// Display width of a character in a terminal: CJK and full-width forms take two
/// columns.
fn width(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 2,
        _ => 1,
    }
}

/// Whether `next` continues the paragraph of `line`: both single runs of text of one
/// size, `line` filled to the right edge of the page's text, `next` right below it
/// (normal leading) and not indented further.
fn continues(line: &Line, next: &Line, right: f32) -> bool {
    let (Some(first), Some(last), Some(next_first)) =
        (line.glyphs.first(), line.glyphs.last(), next.glyphs.first())
    else {
        return false;
    };
    let h = line.height().max(0.1);
    last.x1 >= right - 1.5 * h
        && next.top - line.bottom < 0.9 * h
        && next.top > line.top
        && (next.height() - line.height()).abs() < 0.2 * h
        && next_first.x0 <= first.x0 + h
}

/// Write one line, its columns at their place; whether it has columns (gaps of two
/// spaces or more).
fn write_line(out: &mut String, line: &Line, unit: f32, vertical: &[&Rule]) -> bool {
    let mut columns = false;
    let mut col = 0usize;
    let mut prev: Option<&Glyph> = None;
    for g in line.glyphs {
        let target = (g.x0.max(0.0) / unit).round() as usize;
        match prev {
            None => {
                pad(out, &mut col, target);
            }
            Some(p) => {
                let size = p.size.max(g.size).max(0.1);
                let gap = g.x0 - p.x1;
                // the vertical rules (sorted by position) between the two
                let first = vertical.partition_point(|r| r.at <= p.x1 - 0.2 * size);
                let ruled = vertical[first..]
                    .iter()
                    .take_while(|r| r.at < g.x0 + 0.2 * size)
                    .any(|r| {
                        r.from <= line.bottom
                            && r.to >= line.top
                            && r.at > (p.x0 + p.x1) / 2.0
                            && r.at < (g.x0 + g.x1) / 2.0
                    });
                if gap >= 1.1 * size || (ruled && gap > 0.05 * size) {
                    let want = target.max(col + 2);
                    pad(out, &mut col, want);
                    columns = true;
                } else if is_word_gap(p, g) {
                    out.push(' ');
                    col += 1;
                }
            }
        }
        out.push(g.ch);
        col += width(g.ch);
        prev = Some(g);
    }
    columns
}

fn pad(out: &mut String, col: &mut usize, target: usize) {
    // bounded: a glyph placed far off the page does not make a huge line
    let target = target.min(*col + 400);
    while *col < target {
        out.push(' ');
        *col += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32, advance: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, ch)| Glyph {
                ch,
                x0: x + k as f32 * advance,
                x1: x + k as f32 * advance + size * if ch.is_ascii() { 0.5 } else { 1.0 },
                y0: y - 0.8 * size,
                y1: y + 0.2 * size,
                size,
            })
            .collect()
    }

    #[test]
    fn columns_lines_and_words() {
        let mut g = glyphs("规章", 70.0, 100.0, 10.0, 10.0);
        g.extend(glyphs("0", 200.0, 100.1, 10.0, 5.0));
        g.extend(glyphs("12", 260.0, 99.9, 10.0, 5.0));
        g.extend(glyphs("2023", 70.0, 130.0, 10.0, 5.0));
        g.extend(glyphs("年", 93.0, 130.0, 10.0, 10.0));
        let t = page_text(&g, &[]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3, "{t:?}");
        let cells: Vec<&str> = lines[0]
            .split("  ")
            .filter(|c| !c.trim().is_empty())
            .map(str::trim)
            .collect();
        assert_eq!(cells, vec!["规章", "0", "12"]);
        assert_eq!(lines[1], "");
        assert_eq!(lines[2].trim(), "2023年");
    }

    #[test]
    fn a_rule_between_close_glyphs_separates_columns() {
        let mut g = glyphs("商业", 70.0, 100.0, 10.0, 10.0);
        g.extend(glyphs("企业", 92.0, 100.0, 10.0, 10.0));
        let rule = Rule {
            horizontal: false,
            at: 91.0,
            from: 80.0,
            to: 120.0,
        };
        assert_eq!(page_text(&g, &[]).trim(), "商业 企业");
        let t = page_text(&g, &[rule]);
        assert!(t.trim().starts_with("商业  "), "{t:?}");
    }

    #[test]
    fn the_space_word_processors_set_between_scripts_is_no_space() {
        // digits, then 元 a quarter of the font size further: one word
        let mut g = glyphs("251000", 70.0, 100.0, 10.0, 5.0);
        g.extend(glyphs("元", 102.5, 100.0, 10.0, 10.0));
        assert_eq!(page_text(&g, &[]).trim(), "251000元");
        // Latin words a third of the font size apart: a space
        let mut g = glyphs("ab", 70.0, 100.0, 10.0, 5.0);
        g.extend(glyphs("cd", 83.5, 100.0, 10.0, 5.0));
        assert_eq!(page_text(&g, &[]).trim(), "ab cd");
        // and a real space between scripts (more than half the font size)
        let mut g = glyphs("2023", 70.0, 100.0, 10.0, 5.0);
        g.extend(glyphs("年", 96.0, 100.0, 10.0, 10.0));
        assert_eq!(page_text(&g, &[]).trim(), "2023 年");
    }

    #[test]
    fn cells_keep_their_characters_in_order() {
        let g = glyphs("abcde", 0.0, 10.0, 10.0, 5.0);
        // characters of cells 2, 0, 2, 3, 0 (cell 1 empty)
        let mut placed: Vec<(usize, Glyph)> =
            [2, 0, 2, 3, 0].into_iter().zip(g.iter().copied()).collect();
        let cells = Cells::new(&mut placed, 4);
        let text = |k| cells.cell(k).iter().map(|g| g.ch).collect::<String>();
        assert_eq!([text(0), text(1), text(2), text(3)], ["be", "", "ac", "d"]);
    }

    #[test]
    fn lines_are_runs_of_one_buffer() {
        // two lines given out of order, the upper one with a character drawn twice
        let mut g = glyphs("下行", 70.0, 130.0, 10.0, 10.0);
        g.extend(glyphs("上行", 70.0, 100.0, 10.0, 10.0));
        g.extend(glyphs("行", 80.2, 100.0, 10.0, 10.0));
        let mut sorted = Vec::new();
        let lines = lines(&g, &mut sorted);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.glyphs.iter().map(|g| g.ch).collect())
            .collect();
        assert_eq!(texts, ["上行", "下行"]);
        assert!(lines[0].bottom <= lines[1].top);
        // a cell's text: its lines joined
        let mut out = String::from("kept ");
        cell_text(&mut out, &g, &mut sorted);
        assert_eq!(out, "kept 上行下行");
    }

    #[test]
    fn doubled_glyphs_are_read_once() {
        let mut g = glyphs("总计", 70.0, 100.0, 10.0, 10.0);
        g.extend(glyphs("总计", 70.3, 100.0, 10.0, 10.0));
        assert_eq!(page_text(&g, &[]).trim(), "总计");
    }
}
