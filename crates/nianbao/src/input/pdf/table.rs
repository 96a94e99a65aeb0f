//! Tables from their ruling lines: where a page draws the borders of a table (as
//! word processors do), the borders give the cells exactly — a blank cell stays a
//! cell, a number wrapped in a narrow column stays one number, a merged cell is one
//! cell — so the table is written in the tab-cell layout of DOCX files (one cell a
//! line behind a tab, a blank line between rows), which the grammar reads. Text
//! outside ruled tables keeps the space-aligned layout.
//!
//! The rules of a page are cleaned (near-parallel double lines and pieces of one line
//! merged), joined into connected groups of horizontal and vertical lines; a group
//! with at least two cells is a table. Its row and column boundaries are the
//! positions of its lines; two neighbouring grid cells form one merged cell where no
//! rule separates them.

use super::interp::Rule;

/// Lines this close (in points) are one line.
const SNAP: f32 = 2.0;

/// The most tables read from one page.
const MAX_TABLES: usize = 100;

/// A merged segment: position across, and extent along.
#[derive(Debug, Clone, Copy)]
struct Seg {
    at: f32,
    from: f32,
    to: f32,
}

/// A table found on a page.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Column boundaries, left to right.
    xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    ys: Vec<f32>,
    /// The cells: (first row, first column, rows, columns), in row-major order of
    /// their top-left grid cell.
    pub cells: Vec<(usize, usize, usize, usize)>,
    /// The cell each grid cell belongs to, row-major.
    owner: Vec<usize>,
}

impl Table {
    /// The top of the table.
    pub(crate) fn top(&self) -> f32 {
        self.ys[0]
    }

    /// The number of grid rows.
    pub(crate) fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// The number of grid columns.
    pub(crate) fn columns(&self) -> usize {
        self.xs.len() - 1
    }

    /// The cell a point lies in.
    pub(crate) fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let (cols, rows) = (self.xs.len() - 1, self.ys.len() - 1);
        if x < self.xs[0] || x > self.xs[cols] || y < self.ys[0] || y > self.ys[rows] {
            return None;
        }
        let c = self.xs.partition_point(|b| *b <= x).clamp(1, cols) - 1;
        let r = self.ys.partition_point(|b| *b <= y).clamp(1, rows) - 1;
        self.owner.get(r * cols + c).copied()
    }
}

/// Cluster rules of one direction into merged segments.
fn merge(mut rules: Vec<Seg>) -> Vec<Seg> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Seg> = Vec::new();
    let mut group: Vec<Seg> = Vec::new();
    let flush = |group: &mut Vec<Seg>, out: &mut Vec<Seg>| {
        if group.is_empty() {
            return;
        }
        let at = group.iter().map(|s| s.at).sum::<f32>() / group.len() as f32;
        group.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Seg> = None;
        for s in group.drain(..) {
            match cur.as_mut() {
                Some(c) if s.from <= c.to + SNAP => c.to = c.to.max(s.to),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Seg { at, ..s });
                }
            }
        }
        out.extend(cur);
    };
    for r in rules {
        if group.first().is_some_and(|g| r.at - g.at > SNAP) {
            flush(&mut group, &mut out);
        }
        group.push(r);
    }
    flush(&mut group, &mut out);
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Sorted positions with those closer than [`SNAP`] merged.
fn boundaries(mut at: Vec<f32>) -> Vec<f32> {
    at.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for a in at {
        match out.last() {
            Some(l) if a - l <= SNAP => {}
            _ => out.push(a),
        }
    }
    out
}

/// The tables the rules of a page draw.
pub(crate) fn tables(rules: &[Rule]) -> Vec<Table> {
    let seg = |r: &Rule| Seg {
        at: r.at,
        from: r.from,
        to: r.to,
    };
    let h = merge(rules.iter().filter(|r| r.horizontal).map(seg).collect());
    let v = merge(rules.iter().filter(|r| !r.horizontal).map(seg).collect());
    // a page of a report draws a few hundred rules; thousands are a drawing, not
    // tables (and would only cost time)
    if h.len() < 2 || v.len() < 2 || h.len() > 2000 || v.len() > 2000 {
        return Vec::new();
    }
    // connected groups: a horizontal and a vertical line that touch
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let touch = b.at >= a.from - SNAP
                && b.at <= a.to + SNAP
                && a.at >= b.from - SNAP
                && a.at <= b.to + SNAP;
            if touch {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Seg>, Vec<Seg>)> = Vec::new();
    for k in 0..h.len() + v.len() {
        let root = find(&mut parent, k);
        let g = match groups.iter_mut().position(|g| g.0 == root) {
            Some(i) => &mut groups[i],
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.last_mut().expect("just pushed")
            }
        };
        if k < h.len() {
            g.1.push(h[k]);
        } else {
            g.2.push(v[k - h.len()]);
        }
    }
    let mut tables: Vec<Table> = groups
        .into_iter()
        .filter_map(|(_, hs, vs)| grid(&hs, &vs))
        .collect();
    tables.truncate(MAX_TABLES);
    tables
}

/// Whether some segment at `at` covers most of `from..to`.
/// `segs` is sorted by position.
fn ruled(segs: &[Seg], at: f32, from: f32, to: f32) -> bool {
    let need = (to - from) * 0.6;
    let start = segs.partition_point(|s| s.at < at - SNAP);
    segs[start..]
        .iter()
        .take_while(|s| s.at <= at + SNAP)
        .any(|s| (s.to.min(to) - s.from.max(from)) >= need)
}

/// The table of one connected group of lines, if it has at least two cells.
fn grid(hs: &[Seg], vs: &[Seg]) -> Option<Table> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let mut ys = boundaries(hs.iter().map(|s| s.at).collect());
    let mut xs = boundaries(vs.iter().map(|s| s.at).collect());
    // lines that run past the outermost lines across them close the table there: a
    // table printed wider than the page is clipped, and loses its outer border
    let outer = |edges: &mut Vec<f32>, segs: &[Seg]| {
        let lo = segs.iter().map(|s| s.from).fold(f32::MAX, f32::min);
        let hi = segs.iter().map(|s| s.to).fold(f32::MIN, f32::max);
        if edges.first().is_some_and(|f| lo < f - SNAP) {
            edges.insert(0, lo);
        }
        if edges.last().is_some_and(|l| hi > l + SNAP) {
            edges.push(hi);
        }
    };
    outer(&mut xs, hs);
    outer(&mut ys, vs);
    let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if rows == 0 || cols == 0 || rows * cols < 2 || rows * cols > 5000 {
        return None;
    }
    // merge grid cells not separated by a rule
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !ruled(vs, xs[c + 1], ys[r], ys[r + 1]) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !ruled(hs, ys[r + 1], xs[c], xs[c + 1]) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut root_cell: Vec<Option<usize>> = vec![None; rows * cols];
    let mut owner = vec![0usize; rows * cols];
    let mut extent: Vec<(usize, usize, usize, usize, usize)> = Vec::new(); // r0 c0 r1 c1 count
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let k = match root_cell[root] {
                Some(k) => k,
                None => {
                    extent.push((r, c, r, c, 0));
                    root_cell[root] = Some(extent.len() - 1);
                    extent.len() - 1
                }
            };
            let e = &mut extent[k];
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
            e.4 += 1;
            owner[r * cols + c] = k;
        }
    }
    // every merged cell must be a rectangle; otherwise the rules do not make a table
    for &(r0, c0, r1, c1, n) in &extent {
        if (r1 - r0 + 1) * (c1 - c0 + 1) != n {
            return None;
        }
        cells.push((r0, c0, r1 - r0 + 1, c1 - c0 + 1));
    }
    if cells.len() < 2 {
        return None;
    }
    Some(Table {
        xs,
        ys,
        cells,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }
    fn v(at: f32, from: f32, to: f32) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn a_grid_with_a_merged_cell() {
        // 2 rows × 3 columns; the first column's two cells are one (no rule between)
        let rules = [
            h(100.0, 50.0, 350.0),
            h(100.4, 50.0, 350.0), // a double line
            h(130.0, 150.0, 350.0),
            h(160.0, 50.0, 200.0),
            h(160.0, 199.0, 350.0), // a line drawn in two pieces
            v(50.0, 100.0, 160.0),
            v(150.0, 100.0, 160.0),
            v(250.0, 100.0, 160.0),
            v(350.0, 100.0, 160.0),
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.rows(), 2);
        assert_eq!(
            t.cells,
            vec![
                (0, 0, 2, 1),
                (0, 1, 1, 1),
                (0, 2, 1, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1)
            ]
        );
        assert_eq!(t.cell_at(60.0, 150.0), Some(0));
        assert_eq!(t.cell_at(300.0, 150.0), Some(4));
        assert_eq!(t.cell_at(40.0, 150.0), None);
    }

    #[test]
    fn a_table_clipped_at_the_page_edge_keeps_its_last_column() {
        let rules = [
            h(100.0, 50.0, 400.0),
            h(130.0, 50.0, 400.0),
            h(160.0, 50.0, 400.0),
            v(50.0, 100.0, 160.0),
            v(150.0, 100.0, 160.0),
            v(250.0, 100.0, 160.0),
        ];
        let t = &tables(&rules)[0];
        assert_eq!(t.columns(), 3);
        assert_eq!(t.cell_at(390.0, 150.0), Some(5));
    }

    #[test]
    fn a_frame_or_an_underline_is_no_table() {
        let frame = [
            h(10.0, 10.0, 500.0),
            h(800.0, 10.0, 500.0),
            v(10.0, 10.0, 800.0),
            v(500.0, 10.0, 800.0),
        ];
        assert!(tables(&frame).is_empty());
        assert!(tables(&[h(100.0, 50.0, 300.0)]).is_empty());
    }
}
