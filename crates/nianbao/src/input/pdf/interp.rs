//! The content stream interpreter: the text operators (`BT`/`ET`, `Tf`, `Tm`, `Td`,
//! `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`, `Ts`, `Tj`, `TJ`, `'`, `"`), the graphics state
//! (`cm`, `q`/`Q`), form XObjects (`Do`), and the paths that draw table rules — into
//! positioned characters and rule segments on the page, in page space with the
//! origin at the top left and y growing downwards (the page's `/Rotate` applied).

use std::collections::HashMap;

use hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Resources};

use super::content::{Item, Op, Ops};
use super::font::Font;
use super::stream::{decode, subtype, Budget};
use super::Limits;
use crate::Error;

/// An affine transform `[a b c d e f]`: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mat([f64; 6]);

impl Mat {
    const IDENTITY: Mat = Mat([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn from_numbers(n: [f64; 6]) -> Mat {
        if n.iter().all(|v| v.is_finite()) {
            Mat(n)
        } else {
            Mat::IDENTITY
        }
    }

    /// This transform, then `next` (PDF's `self × next`).
    fn then(self, next: Mat) -> Mat {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = next.0;
        Mat([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f64, y: f64) -> Mat {
        Mat([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A character on the page: its text and its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub ch: char,
    /// Left, top, right, bottom (page space, y down).
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// The font size on the page (the box's height for upright text).
    pub size: f32,
}

/// A horizontal or vertical rule drawn on the page (a table border).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// Whether it runs left to right (else top to bottom).
    pub horizontal: bool,
    /// Its position across: y of a horizontal rule, x of a vertical one.
    pub at: f32,
    /// Where it starts and ends along its direction.
    pub from: f32,
    pub to: f32,
}

/// What one page holds for the text reader.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images drawn (for telling a scan from a page without text).
    pub images: usize,
    /// Characters whose text no font table gave.
    pub unknown: usize,
    /// The fonts those characters were in.
    pub unknown_fonts: Vec<String>,
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Mat,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    font: Option<usize>,
    size: f64,
    rise: f64,
}

/// The most font names a content stream remembers (a page uses a few).
const MAX_FONT_NAMES: usize = 64;

/// The fonts loaded so far, shared by the pages of a document.
#[derive(Default)]
pub(crate) struct Fonts {
    by_id: HashMap<ObjectIdentifier, usize>,
    list: Vec<Font>,
}

/// State shared by the pages of one document: fonts, budgets.
pub(crate) struct Doc<'l> {
    pub limits: &'l Limits,
    pub budget: Budget,
    pub fonts: Fonts,
    pub operators: usize,
    pub glyphs: usize,
}

struct Run<'d, 'l> {
    doc: &'d mut Doc<'l>,
    out: PageContent,
    text: String,
    /// Path being built: segments in page space.
    path: Vec<((f64, f64), (f64, f64))>,
    start: (f64, f64),
    current: (f64, f64),
    /// Forms being drawn (against cycles).
    forms: Vec<ObjectIdentifier>,
}

/// Read the text and rules of one page.
pub(crate) fn page(page: &Page<'_>, doc: &mut Doc<'_>) -> Result<PageContent, Error> {
    let base = Mat::from_numbers(page.initial_transform(true).as_coeffs());
    let content = page_content(page, doc)?;
    let mut run = Run {
        doc,
        out: PageContent::default(),
        text: String::new(),
        path: Vec::new(),
        start: (0.0, 0.0),
        current: (0.0, 0.0),
        forms: Vec::new(),
    };
    let gs = GState {
        ctm: base,
        tc: 0.0,
        tw: 0.0,
        th: 1.0,
        tl: 0.0,
        font: None,
        size: 0.0,
        rise: 0.0,
    };
    run.stream(&content, page.resources(), gs)?;
    Ok(run.out)
}

/// The page's content streams, decoded and joined.
fn page_content(page: &Page<'_>, doc: &mut Doc<'_>) -> Result<Vec<u8>, Error> {
    let dict = page.raw();
    let mut out = Vec::new();
    if let Some(s) = dict.get::<Stream<'_>>(b"Contents") {
        out = decode(&s, doc.limits, &mut doc.budget)?;
    } else if let Some(a) = dict.get::<Array<'_>>(b"Contents") {
        for s in a.iter::<Stream<'_>>().take(10_000) {
            out.extend(decode(&s, doc.limits, &mut doc.budget)?);
            out.push(b'\n');
        }
    }
    Ok(out)
}

impl Run<'_, '_> {
    fn stream(&mut self, data: &[u8], res: &Resources<'_>, mut gs: GState) -> Result<(), Error> {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Mat::IDENTITY;
        let mut tlm = Mat::IDENTITY;
        let mut ops = Ops::new(data);
        // the font of each name this stream sets (`Tf`): the resources do not change
        // within a stream, and looking one up parses its object again
        let mut fonts: Vec<(Vec<u8>, Option<usize>)> = Vec::new();
        let mut hex = Vec::new();
        while let Some(op) = ops.next() {
            self.doc.operators += 1;
            if self.doc.operators > self.doc.limits.operators {
                return Err(Error::PdfLimit(format!(
                    "the PDF's pages draw more than {} operations; a report has a few thousand",
                    self.doc.limits.operators
                )));
            }
            match op {
                Op::Save if stack.len() < 256 => stack.push(gs.clone()),
                Op::Restore => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                Op::Transform(t) => gs.ctm = Mat::from_numbers(t).then(gs.ctm),
                Op::BeginText => {
                    tm = Mat::IDENTITY;
                    tlm = Mat::IDENTITY;
                }
                Op::CharSpacing(v) => gs.tc = v,
                Op::WordSpacing(v) => gs.tw = v,
                Op::Scaling(v) => gs.th = v / 100.0,
                Op::Leading(v) => gs.tl = v,
                Op::Rise(v) => gs.rise = v,
                Op::Font(name, size) => {
                    gs.size = size;
                    gs.font = match fonts.iter().find(|(n, _)| n.as_slice() == name) {
                        Some(&(_, font)) => font,
                        None => {
                            let font = match res.get_font(&Name::new_unescaped(name)) {
                                Some(d) => self.font(&d)?,
                                None => None,
                            };
                            if fonts.len() < MAX_FONT_NAMES {
                                fonts.push((name.to_vec(), font));
                            }
                            font
                        }
                    };
                }
                Op::NextLine(x, y) => {
                    tlm = Mat::translate(x, y).then(tlm);
                    tm = tlm;
                }
                Op::NextLineSetLeading(x, y) => {
                    gs.tl = -y;
                    tlm = Mat::translate(x, y).then(tlm);
                    tm = tlm;
                }
                Op::NextLineByLeading => {
                    tlm = Mat::translate(0.0, -gs.tl).then(tlm);
                    tm = tlm;
                }
                Op::TextMatrix(m) => {
                    tlm = Mat::from_numbers(m);
                    tm = tlm;
                }
                Op::Show(t) => self.show(t.bytes(&mut hex), &gs, &mut tm),
                Op::NextLineShow(t) => {
                    tlm = Mat::translate(0.0, -gs.tl).then(tlm);
                    tm = tlm;
                    self.show(t.bytes(&mut hex), &gs, &mut tm);
                }
                Op::ShowSpaced(aw, ac, t) => {
                    gs.tw = aw;
                    gs.tc = ac;
                    tlm = Mat::translate(0.0, -gs.tl).then(tlm);
                    tm = tlm;
                    self.show(t.bytes(&mut hex), &gs, &mut tm);
                }
                Op::ShowTexts(texts) => texts.for_each(|item| match item {
                    Item::Text(t) => self.show(t.bytes(&mut hex), &gs, &mut tm),
                    Item::Adjust(n) => {
                        let adj = -n / 1000.0 * gs.size;
                        tm = if self.vertical(&gs) {
                            Mat::translate(0.0, adj).then(tm)
                        } else {
                            Mat::translate(adj * gs.th, 0.0).then(tm)
                        };
                    }
                }),
                Op::XObject(name) => {
                    if let Some(s) = res.get_x_object(&Name::new_unescaped(name)) {
                        self.x_object(&s, res, &gs)?;
                    }
                }
                Op::InlineImage => self.out.images += 1,
                Op::MoveTo(x, y) => {
                    self.start = gs.ctm.apply(x, y);
                    self.current = self.start;
                }
                Op::LineTo(x, y) => {
                    let to = gs.ctm.apply(x, y);
                    self.segment(self.current, to);
                    self.current = to;
                }
                Op::CurveTo(x, y) => self.current = gs.ctm.apply(x, y),
                Op::ClosePath => {
                    self.segment(self.current, self.start);
                    self.current = self.start;
                }
                Op::Rect([x, y, w, h]) => {
                    let p = [
                        gs.ctm.apply(x, y),
                        gs.ctm.apply(x + w, y),
                        gs.ctm.apply(x + w, y + h),
                        gs.ctm.apply(x, y + h),
                    ];
                    for k in 0..4 {
                        self.segment(p[k], p[(k + 1) % 4]);
                    }
                    self.start = p[0];
                    self.current = p[0];
                }
                Op::Stroke => self.rules(true),
                Op::Fill => self.rules(false),
                Op::EndPath => self.path.clear(),
                Op::Save | Op::Other => {}
            }
        }
        Ok(())
    }

    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        if self.path.len() < 10_000 {
            self.path.push((a, b));
        }
    }

    /// Keep the axis-parallel segments of the path just painted as rules: every one
    /// when stroked; when filled, the long sides of a thin shape (a rule drawn as a
    /// filled rectangle).
    fn rules(&mut self, stroked: bool) {
        let path = std::mem::take(&mut self.path);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &((ax, ay), (bx, by)) in &path {
            x0 = x0.min(ax).min(bx);
            x1 = x1.max(ax).max(bx);
            y0 = y0.min(ay).min(by);
            y1 = y1.max(ay).max(by);
        }
        if path.is_empty() || self.out.rules.len() > 100_000 {
            return;
        }
        if stroked {
            for ((ax, ay), (bx, by)) in path {
                if (ay - by).abs() < 0.5 && (ax - bx).abs() > 0.5 {
                    self.out.rules.push(Rule {
                        horizontal: true,
                        at: ((ay + by) / 2.0) as f32,
                        from: ax.min(bx) as f32,
                        to: ax.max(bx) as f32,
                    });
                } else if (ax - bx).abs() < 0.5 && (ay - by).abs() > 0.5 {
                    self.out.rules.push(Rule {
                        horizontal: false,
                        at: ((ax + bx) / 2.0) as f32,
                        from: ay.min(by) as f32,
                        to: ay.max(by) as f32,
                    });
                }
            }
        } else {
            // a thin shape: its long axis is the rule
            let (w, h) = (x1 - x0, y1 - y0);
            let rule = if h < 2.5 && w > 2.5 {
                Some((true, (y0 + y1) / 2.0, x0, x1))
            } else if w < 2.5 && h > 2.5 {
                Some((false, (x0 + x1) / 2.0, y0, y1))
            } else {
                None
            };
            if let Some((horizontal, at, from, to)) = rule {
                self.out.rules.push(Rule {
                    horizontal,
                    at: at as f32,
                    from: from as f32,
                    to: to as f32,
                });
            }
        }
    }

    fn font(&mut self, dict: &Dict<'_>) -> Result<Option<usize>, Error> {
        let fonts = &mut self.doc.fonts;
        if let Some(id) = dict.obj_id() {
            if let Some(&k) = fonts.by_id.get(&id) {
                return Ok(Some(k));
            }
        }
        if fonts.list.len() >= 4096 {
            return Ok(None);
        }
        let font = Font::load(dict, self.doc.limits, &mut self.doc.budget)?;
        let fonts = &mut self.doc.fonts;
        fonts.list.push(font);
        let k = fonts.list.len() - 1;
        if let Some(id) = dict.obj_id() {
            fonts.by_id.insert(id, k);
        }
        Ok(Some(k))
    }

    fn vertical(&self, gs: &GState) -> bool {
        gs.font
            .and_then(|k| self.doc.fonts.list.get(k))
            .is_some_and(|f| f.vertical)
    }

    /// Show a string: one glyph per character of each code's text, advancing `tm`.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Mat) {
        let Some(font) = gs.font.and_then(|k| self.doc.fonts.list.get(k)) else {
            return;
        };
        let vertical = font.vertical;
        let size = gs.size;
        let mut text = std::mem::take(&mut self.text);
        let mut glyphs = std::mem::take(&mut self.out.glyphs);
        let mut unknown = 0usize;
        let max_glyphs = self.doc.limits.glyphs;
        let mut count = self.doc.glyphs;
        font.show(bytes, &mut text, |t, shown| {
            let m = tm.then(gs.ctm);
            let width = f64::from(shown.width);
            if !shown.known {
                t.clear();
                t.push('\u{FFFD}');
            }
            // the glyph's box in text space
            let (bx0, by0, bx1, by1) = if vertical {
                let w = width * size;
                (-w / 2.0, -size, w / 2.0, 0.0)
            } else {
                let w = width * size * gs.th;
                (0.0, gs.rise - 0.2 * size, w, gs.rise + 0.8 * size)
            };
            let corners = [
                m.apply(bx0, by0),
                m.apply(bx1, by0),
                m.apply(bx1, by1),
                m.apply(bx0, by1),
            ];
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in corners {
                x0 = x0.min(x);
                x1 = x1.max(x);
                y0 = y0.min(y);
                y1 = y1.max(y);
            }
            // the font size on the page: the length of the text's vertical unit
            let (ux, uy) = (m.0[2] * size, m.0[3] * size);
            let page_size = (ux * ux + uy * uy).sqrt() as f32;
            if !shown.known {
                unknown += 1;
            }
            let chars = t.chars().filter(|c| !c.is_control()).count().max(1);
            let step = (x1 - x0) / chars as f64;
            for (k, ch) in t.chars().filter(|c| !c.is_control()).enumerate() {
                count += 1;
                if count > max_glyphs || !x0.is_finite() || !y0.is_finite() {
                    break;
                }
                let ch = super::compat::unify(ch);
                glyphs.push(Glyph {
                    ch,
                    x0: (x0 + step * k as f64) as f32,
                    x1: (x0 + step * (k + 1) as f64) as f32,
                    y0: y0 as f32,
                    y1: y1 as f32,
                    size: page_size,
                });
            }
            // advance
            let spacing = gs.tc + if shown.word_space { gs.tw } else { 0.0 };
            *tm = if vertical {
                Mat::translate(0.0, -size + spacing).then(*tm)
            } else {
                Mat::translate((width * size + spacing) * gs.th, 0.0).then(*tm)
            };
        });
        self.doc.glyphs = count;
        if unknown > 0 {
            self.out.unknown += unknown;
            if !self.out.unknown_fonts.contains(&font.name) && self.out.unknown_fonts.len() < 8 {
                self.out.unknown_fonts.push(font.name.clone());
            }
        }
        self.out.glyphs = glyphs;
        self.text = text;
    }

    fn x_object(&mut self, s: &Stream<'_>, res: &Resources<'_>, gs: &GState) -> Result<(), Error> {
        match subtype(s).as_deref() {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                let id = s.obj_id();
                if self.forms.contains(&id) || self.forms.len() >= self.doc.limits.form_depth {
                    return Ok(());
                }
                let mut inner = gs.clone();
                if let Some(m) = s.dict().get::<[f64; 6]>(b"Matrix") {
                    inner.ctm = Mat::from_numbers(m).then(gs.ctm);
                }
                let data = decode(s, self.doc.limits, &mut self.doc.budget)?;
                let own = s.dict().get::<Dict<'_>>(b"Resources").map(Resources::new);
                self.forms.push(id);
                let saved_path = std::mem::take(&mut self.path);
                let result = self.stream(&data, own.as_ref().unwrap_or(res), inner);
                self.path = saved_path;
                self.forms.pop();
                result?;
            }
            _ => {}
        }
        Ok(())
    }
}
