//! The operators of a content stream that the interpreter acts on, with their
//! operands ([`Ops`]).
//!
//! A report's pages draw some 15,000 operators, and reading them was a third of a
//! PDF's read: `hayro-syntax`'s reader builds a typed object for every operand on the
//! way. This module reads the forms producers write by itself: numbers, names, strings
//! without escapes, hexadecimal strings, the arrays of `TJ`, the properties of marked
//! content (`<</MCID 0>>`). At the first instruction it is not sure to read as that
//! reader does (a comment, a dictionary of more than names, numbers and strings, an
//! inline image, an escape in a string or a name, operands that do not fit their
//! operator, anything malformed), it hands the rest of the stream to `hayro-syntax`'s
//! reader. The operators are then those `hayro-syntax` alone gives, which a test checks
//! on every stream of the test PDFs, on made streams and on any bytes.

use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{Array, Number, Object};

/// A string operand as written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Text<'b> {
    /// Its bytes.
    Bytes(&'b [u8]),
    /// Hexadecimal digits without white space (`<0010>`), two to a byte; a last lone
    /// digit is the high half of a byte.
    Hex(&'b [u8]),
}

impl<'b> Text<'b> {
    /// The string's bytes, decoded into `buf` when written in hexadecimal.
    pub(super) fn bytes<'s>(self, buf: &'s mut Vec<u8>) -> &'s [u8]
    where
        'b: 's,
    {
        match self {
            Text::Bytes(b) => b,
            Text::Hex(digits) => {
                buf.clear();
                buf.extend(digits.chunks(2).map(|pair| {
                    hex_digit(pair[0]) << 4 | pair.get(1).map_or(0, |&d| hex_digit(d))
                }));
                buf
            }
        }
    }
}

/// An item of a `TJ` array.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'b> {
    /// A string shown.
    Text(Text<'b>),
    /// A number: the position adjusted by that many thousandths of the font size.
    Adjust(f64),
}

/// The operand of `TJ`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Texts<'b> {
    /// The array's content, as read here (strings and numbers only).
    Lexed(&'b [u8]),
    /// The array as `hayro-syntax` read it.
    Read(&'b Array<'b>),
}

impl Texts<'_> {
    /// Call `each` with every string and number of the array, in order (anything else
    /// in it is passed over).
    pub(super) fn for_each(self, mut each: impl FnMut(Item<'_>)) {
        match self {
            Texts::Lexed(inner) => {
                // read whole before: strings and numbers up to its end
                let mut at = 0;
                while let Some((item, end)) = item(inner, skip_white(inner, at)) {
                    each(item);
                    at = end;
                }
            }
            Texts::Read(array) => {
                for object in array.iter::<Object<'_>>() {
                    match object {
                        Object::String(s) => each(Item::Text(Text::Bytes(s.as_bytes()))),
                        Object::Number(n) => each(Item::Adjust(finite(n))),
                        _ => {}
                    }
                }
            }
        }
    }
}

/// An operator the interpreter acts on, with its operands; numbers as `f64`, a
/// number that is not finite as 0.
#[derive(Debug, Clone, Copy)]
pub(super) enum Op<'b> {
    /// `q`
    Save,
    /// `Q`
    Restore,
    /// `cm`
    Transform([f64; 6]),
    /// `BT`
    BeginText,
    /// `Tc`
    CharSpacing(f64),
    /// `Tw`
    WordSpacing(f64),
    /// `Tz`, in per cent as written.
    Scaling(f64),
    /// `TL`
    Leading(f64),
    /// `Ts`
    Rise(f64),
    /// `Tf`: the font's name in the resources, and the size.
    Font(&'b [u8], f64),
    /// `Td`
    NextLine(f64, f64),
    /// `TD`
    NextLineSetLeading(f64, f64),
    /// `T*`
    NextLineByLeading,
    /// `Tm`
    TextMatrix([f64; 6]),
    /// `Tj`
    Show(Text<'b>),
    /// `'`
    NextLineShow(Text<'b>),
    /// `"`: word spacing, character spacing, the string.
    ShowSpaced(f64, f64, Text<'b>),
    /// `TJ`
    ShowTexts(Texts<'b>),
    /// `Do`: the XObject's name in the resources.
    XObject(&'b [u8]),
    /// `BI` … `EI`
    InlineImage,
    /// `m`
    MoveTo(f64, f64),
    /// `l`
    LineTo(f64, f64),
    /// `c`, `v`, `y`: the curve's end point.
    CurveTo(f64, f64),
    /// `h`
    ClosePath,
    /// `re`: x, y, width, height.
    Rect([f64; 4]),
    /// `S`, `s`
    Stroke,
    /// `f`, `F`, `f*`, `B`, `B*`, `b`, `b*`
    Fill,
    /// `n`
    EndPath,
    /// Any other operator (`ET`, colours, clipping, marked content …).
    Other,
}

/// The operators of a content stream, in order (see the module's text).
pub(super) struct Ops<'a> {
    data: &'a [u8],
    /// Where the next instruction starts, while this module reads.
    at: usize,
    /// `hayro-syntax`'s reader, once it has taken over.
    read: Option<TypedIter<'a>>,
    /// The operands of the instruction being read.
    operands: Vec<Operand<'a>>,
}

/// An operand read here.
#[derive(Debug, Clone, Copy)]
enum Operand<'a> {
    Number(f64),
    Name(&'a [u8]),
    Text(Text<'a>),
    /// The content of an array of strings and numbers.
    Array(&'a [u8]),
    /// A dictionary of names, numbers and strings (a marked-content tag's
    /// properties, `<</MCID 0>>`), which no operator read here takes.
    Dict,
}

/// What reading one instruction gave.
enum Step<'a> {
    Op(Op<'a>),
    /// The end of the stream.
    End,
    /// A form this module does not read as `hayro-syntax` would for sure.
    Unsure,
}

/// The most operands `hayro-syntax` keeps for an operator; past them it stops reading
/// the stream.
const MAX_OPERANDS: usize = 33;

impl<'a> Ops<'a> {
    /// The operators of `data`.
    pub(super) fn new(data: &'a [u8]) -> Self {
        Ops {
            data,
            at: 0,
            read: None,
            operands: Vec::with_capacity(8),
        }
    }

    /// The operators of `data` as `hayro-syntax` alone reads them.
    #[cfg(test)]
    fn by_hayro(data: &'a [u8]) -> Self {
        Ops {
            read: Some(TypedIter::new(data)),
            ..Ops::new(data)
        }
    }

    /// The next operator, or `None` at the end of the stream.
    pub(super) fn next(&mut self) -> Option<Op<'_>> {
        if self.read.is_none() {
            let start = self.at;
            match self.lex() {
                Step::Op(op) => return Some(op),
                Step::End => return None,
                // from this instruction on, as hayro-syntax reads it
                Step::Unsure => self.read = Some(TypedIter::new(&self.data[start..])),
            }
        }
        self.read.as_mut()?.next().map(typed)
    }

    /// Read the instruction at `self.at`: its operands, then its operator.
    fn lex(&mut self) -> Step<'a> {
        let d = self.data;
        self.operands.clear();
        loop {
            let at = skip_white(d, self.at);
            let Some(&first) = d.get(at) else {
                self.at = at;
                return Step::End;
            };
            let (operand, end) = match first {
                b'/' => match name(d, at) {
                    Some((name, end)) => (Operand::Name(name), end),
                    None => return Step::Unsure,
                },
                b'[' => match array_end(d, at) {
                    Some(end) => (Operand::Array(&d[at + 1..end - 1]), end),
                    None => return Step::Unsure,
                },
                b'<' if d.get(at + 1) == Some(&b'<') => match dict_end(d, at) {
                    Some(end) => (Operand::Dict, end),
                    None => return Step::Unsure,
                },
                _ if is_regular(first) && !starts_number(first) => {
                    let end = regular_end(d, at);
                    self.at = end;
                    return self.operator(&d[at..end]);
                }
                _ => match item(d, at) {
                    Some((Item::Text(t), end)) => (Operand::Text(t), end),
                    Some((Item::Adjust(n), end)) => (Operand::Number(n), end),
                    None => return Step::Unsure,
                },
            };
            if self.operands.len() == MAX_OPERANDS {
                return Step::Unsure;
            }
            self.operands.push(operand);
            self.at = end;
        }
    }

    /// The operator `op` with the operands read, when they are the ones it takes.
    fn operator(&self, op: &'a [u8]) -> Step<'a> {
        use Operand::{Array as A, Name as N, Number as F, Text as T};
        // the operators as slice patterns (`[b'T', b'j']` for `Tj`), which compile
        // into a switch on the length and the bytes, not a comparison each
        let op = match (op, self.operands.as_slice()) {
            // operators without operands take none, whatever stands before them
            ([b'q'], _) => Op::Save,
            ([b'Q'], _) => Op::Restore,
            ([b'B', b'T'], _) => Op::BeginText,
            ([b'T', b'*'], _) => Op::NextLineByLeading,
            ([b'h'], _) => Op::ClosePath,
            ([b'S' | b's'], _) => Op::Stroke,
            ([b'f' | b'F' | b'B' | b'b'] | [b'f' | b'B' | b'b', b'*'], _) => Op::Fill,
            ([b'n'], _) => Op::EndPath,
            ([b'c', b'm'], &[F(a), F(b), F(c), F(d), F(e), F(f)]) => {
                Op::Transform([a, b, c, d, e, f])
            }
            ([b'T', b'm'], &[F(a), F(b), F(c), F(d), F(e), F(f)]) => {
                Op::TextMatrix([a, b, c, d, e, f])
            }
            ([b'T', b'c'], &[F(v)]) => Op::CharSpacing(v),
            ([b'T', b'w'], &[F(v)]) => Op::WordSpacing(v),
            ([b'T', b'z'], &[F(v)]) => Op::Scaling(v),
            ([b'T', b'L'], &[F(v)]) => Op::Leading(v),
            ([b'T', b's'], &[F(v)]) => Op::Rise(v),
            ([b'T', b'f'], &[N(name), F(size)]) => Op::Font(name, size),
            ([b'T', b'd'], &[F(x), F(y)]) => Op::NextLine(x, y),
            ([b'T', b'D'], &[F(x), F(y)]) => Op::NextLineSetLeading(x, y),
            ([b'm'], &[F(x), F(y)]) => Op::MoveTo(x, y),
            ([b'l'], &[F(x), F(y)]) => Op::LineTo(x, y),
            ([b'c'], &[F(_), F(_), F(_), F(_), F(x), F(y)]) => Op::CurveTo(x, y),
            ([b'v' | b'y'], &[F(_), F(_), F(x), F(y)]) => Op::CurveTo(x, y),
            ([b'r', b'e'], &[F(x), F(y), F(w), F(h)]) => Op::Rect([x, y, w, h]),
            ([b'T', b'j'], &[T(t)]) => Op::Show(t),
            ([b'\''], &[T(t)]) => Op::NextLineShow(t),
            ([b'"'], &[F(aw), F(ac), T(t)]) => Op::ShowSpaced(aw, ac, t),
            ([b'T', b'J'], &[A(inner)]) => Op::ShowTexts(Texts::Lexed(inner)),
            ([b'D', b'o'], &[N(name)]) => Op::XObject(name),
            // the operators above with other operands (hayro-syntax takes the last
            // ones that fit, or stops), an inline image, an escape in the operator
            (
                [b'c', b'm']
                | [b'r', b'e']
                | [b'D', b'o']
                | [b'B', b'I']
                | [b'T', b'm' | b'c' | b'w' | b'z' | b'L' | b's' | b'f' | b'd' | b'D' | b'j' | b'J']
                | [b'm' | b'l' | b'c' | b'v' | b'y' | b'\'' | b'"'],
                _,
            ) => return Step::Unsure,
            (op, _) if op.contains(&b'#') => return Step::Unsure,
            _ => Op::Other,
        };
        Step::Op(op)
    }
}

/// An operator as `hayro-syntax` read it.
fn typed<'b>(op: TypedInstruction<'b, '_>) -> Op<'b> {
    use TypedInstruction as T;
    let n = finite;
    match op {
        T::SaveState(_) => Op::Save,
        T::RestoreState(_) => Op::Restore,
        T::Transform(t) => Op::Transform([n(t.0), n(t.1), n(t.2), n(t.3), n(t.4), n(t.5)]),
        T::BeginText(_) => Op::BeginText,
        T::CharacterSpacing(v) => Op::CharSpacing(n(v.0)),
        T::WordSpacing(v) => Op::WordSpacing(n(v.0)),
        T::HorizontalScaling(v) => Op::Scaling(n(v.0)),
        T::TextLeading(v) => Op::Leading(n(v.0)),
        T::TextRise(v) => Op::Rise(n(v.0)),
        T::TextFont(f) => Op::Font(f.0.as_ref(), n(f.1)),
        T::NextLine(v) => Op::NextLine(n(v.0), n(v.1)),
        T::NextLineAndSetLeading(v) => Op::NextLineSetLeading(n(v.0), n(v.1)),
        T::NextLineUsingLeading(_) => Op::NextLineByLeading,
        T::SetTextMatrix(m) => Op::TextMatrix([n(m.0), n(m.1), n(m.2), n(m.3), n(m.4), n(m.5)]),
        T::ShowText(s) => Op::Show(Text::Bytes(s.0.as_bytes())),
        T::NextLineAndShowText(s) => Op::NextLineShow(Text::Bytes(s.0.as_bytes())),
        T::ShowTextWithParameters(p) => Op::ShowSpaced(n(p.0), n(p.1), Text::Bytes(p.2.as_bytes())),
        T::ShowTexts(a) => Op::ShowTexts(Texts::Read(a.0)),
        T::XObject(x) => Op::XObject(x.0.as_ref()),
        T::InlineImage(_) => Op::InlineImage,
        T::MoveTo(p) => Op::MoveTo(n(p.0), n(p.1)),
        T::LineTo(p) => Op::LineTo(n(p.0), n(p.1)),
        T::CubicTo(p) => Op::CurveTo(n(p.4), n(p.5)),
        T::CubicStartTo(p) => Op::CurveTo(n(p.2), n(p.3)),
        T::CubicEndTo(p) => Op::CurveTo(n(p.2), n(p.3)),
        T::ClosePath(_) => Op::ClosePath,
        T::RectPath(r) => Op::Rect([n(r.0), n(r.1), n(r.2), n(r.3)]),
        T::StrokePath(_) | T::CloseAndStrokePath(_) => Op::Stroke,
        T::FillPathNonZero(_)
        | T::FillPathNonZeroCompatibility(_)
        | T::FillPathEvenOdd(_)
        | T::FillAndStrokeNonZero(_)
        | T::FillAndStrokeEvenOdd(_)
        | T::CloseFillAndStrokeNonZero(_)
        | T::CloseFillAndStrokeEvenOdd(_) => Op::Fill,
        T::EndPath(_) => Op::EndPath,
        _ => Op::Other,
    }
}

/// A number's value, 0 when it is not finite.
fn finite(n: Number) -> f64 {
    let f = n.as_f64();
    if f.is_finite() {
        f
    } else {
        0.0
    }
}

/// PDF's white space: NUL, tab, line feed, form feed, carriage return, space (here,
/// in the CMap reader, and after a file's `%%EOF`).
pub(super) const fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// The bytes that are neither white space nor a delimiter (`()<>[]{}/%`).
static REGULAR: [bool; 256] = crate::text::byte_table!(|b| !is_white(b)
    && !matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    ));

/// Whether `b` is a regular byte, of a name or a word (here and in the CMap reader).
pub(super) fn is_regular(b: u8) -> bool {
    REGULAR[usize::from(b)]
}

/// Whether `b` starts a number.
const fn starts_number(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'.' | b'+' | b'-')
}

/// Where the white space from `at` ends.
fn skip_white(d: &[u8], mut at: usize) -> usize {
    while d.get(at).is_some_and(|&b| is_white(b)) {
        at += 1;
    }
    at
}

/// Where the run of regular bytes from `at` ends.
fn regular_end(d: &[u8], mut at: usize) -> usize {
    while d.get(at).is_some_and(|&b| is_regular(b)) {
        at += 1;
    }
    at
}

/// 10⁰ … 10¹⁸, the divisors of a number's decimals (as `hayro-syntax` divides).
const POWERS_OF_10: [f64; 19] = [
    1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18,
];

/// A number at `at` of the form `[+-]digits[.digits]` (one to eighteen digits, not
/// followed by a regular byte), and where it ends; its value as `hayro-syntax` gives
/// it (an integer without a point, else the digits divided by a power of ten).
fn number(d: &[u8], at: usize) -> Option<(f64, usize)> {
    let mut i = at;
    let negative = match d.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut digits = |i: &mut usize| {
        let start = *i;
        while let Some(v) = d.get(*i).map(|b| b.wrapping_sub(b'0')).filter(|&v| v < 10) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(v));
            *i += 1;
        }
        *i - start
    };
    let mut count = digits(&mut i);
    let mut decimals = None;
    if d.get(i) == Some(&b'.') {
        i += 1;
        let n = digits(&mut i);
        decimals = Some(n);
        count += n;
    }
    if count == 0 || count > 18 || d.get(i).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    // below 10¹⁸: no wrapping, and exact as an i64
    let value = match decimals {
        None => {
            let v = mantissa as i64;
            (if negative { -v } else { v }) as f64
        }
        Some(k) => {
            let v = mantissa as f64 / POWERS_OF_10[k];
            if negative {
                -v
            } else {
                v
            }
        }
    };
    Some((value, i))
}

/// A string or a number at `at` (an item of a `TJ` array), and where it ends: a
/// string without escapes or line ends and with balanced parentheses, hexadecimal
/// digits alone, or a [`number`].
fn item(d: &[u8], at: usize) -> Option<(Item<'_>, usize)> {
    match *d.get(at)? {
        b'(' => {
            let mut depth = 0usize;
            for (k, &b) in d[at..].iter().enumerate() {
                match b {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            let end = at + k + 1;
                            return Some((Item::Text(Text::Bytes(&d[at + 1..end - 1])), end));
                        }
                    }
                    b'\\' | b'\r' | b'\n' => return None,
                    _ => {}
                }
            }
            None
        }
        // not a dictionary's `<<`
        b'<' => {
            let len = d[at + 1..]
                .iter()
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            let end = at + 1 + len;
            (d.get(end) == Some(&b'>')).then(|| (Item::Text(Text::Hex(&d[at + 1..end])), end + 1))
        }
        b if starts_number(b) => number(d, at).map(|(v, end)| (Item::Adjust(v), end)),
        _ => None,
    }
}

/// Where the array at `at` (`[`) ends, just past its `]`, when it holds strings and
/// numbers alone.
fn array_end(d: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i = skip_white(d, i);
        match d.get(i)? {
            b']' => return Some(i + 1),
            _ => i = item(d, i)?.1,
        }
    }
}

/// A name at `at` (`/Name`: not empty, without `#` escapes), and where it ends.
fn name(d: &[u8], at: usize) -> Option<(&[u8], usize)> {
    if d.get(at) != Some(&b'/') {
        return None;
    }
    let end = regular_end(d, at + 1);
    let name = &d[at + 1..end];
    (!name.is_empty() && !name.contains(&b'#')).then_some((name, end))
}

/// Where the dictionary at `at` (`<<`) ends, just past its `>>`, when each of its keys
/// is followed by a name, a number or a string, and no `stream` follows it (which
/// would make it a stream's).
fn dict_end(d: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 2;
    loop {
        i = skip_white(d, i);
        if d[i..].starts_with(b">>") {
            i += 2;
            break;
        }
        i = skip_white(d, name(d, i)?.1);
        i = match name(d, i) {
            Some((_, end)) => end,
            None => item(d, i)?.1,
        };
    }
    let after = skip_white(d, i);
    (!d[after..].starts_with(b"stream") && d.get(after) != Some(&b'%')).then_some(i)
}

/// The value of a hexadecimal digit (0 for any other byte: only digits reach here;
/// here and in the CMap reader).
pub(super) fn hex_digit(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the interpreter is given for each operator of `ops`, strings decoded, and
    /// "hayro" where hayro-syntax's reader took over.
    fn seen(mut ops: Ops<'_>) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        let mut ours = ops.read.is_none();
        while let Some(op) = ops.next() {
            let op = match op {
                Op::Show(t) => format!("Tj {:?}", t.bytes(&mut buf)),
                Op::NextLineShow(t) => format!("' {:?}", t.bytes(&mut buf)),
                Op::ShowSpaced(aw, ac, t) => format!("\" {aw:?} {ac:?} {:?}", t.bytes(&mut buf)),
                Op::ShowTexts(texts) => {
                    let mut items = Vec::new();
                    texts.for_each(|item| {
                        items.push(match item {
                            Item::Text(t) => format!("{:?}", t.bytes(&mut buf)),
                            Item::Adjust(n) => format!("{n:?}"),
                        })
                    });
                    format!("TJ {items:?}")
                }
                other => format!("{other:?}"),
            };
            if ours && ops.read.is_some() {
                out.push("hayro".to_string());
                ours = false;
            }
            out.push(op);
            if out.len() > 100_000 {
                break;
            }
        }
        if ours && ops.read.is_some() {
            out.push("hayro".to_string());
        }
        out
    }

    /// Whether this module and hayro-syntax alone read `data` alike.
    fn alike(data: &[u8]) -> Result<(), String> {
        let mut ours = seen(Ops::new(data));
        ours.retain(|op| op != "hayro");
        let theirs = seen(Ops::by_hayro(data));
        if ours == theirs {
            return Ok(());
        }
        let k = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
        Err(format!(
            "operator {k}: {:?} against {:?} (of {} and {})",
            ours.get(k),
            theirs.get(k),
            ours.len(),
            theirs.len()
        ))
    }

    #[test]
    fn the_forms_producers_write() {
        let ops = seen(Ops::new(
            b"q 0.05 0 0 -0.05 464.159 802.49 cm BT\r/FT8 259 Tf\r/GS13 gs 1 0 0 RG\n\
              /P <</MCID 0 /Lang (zh) /T <0A>>>BDC EMC\n\
              <0010>Tj 439.188 -0 TD [(a) -120 <0A1>] TJ (x(y)z)' 1 .5 (w)\" ET \
              10 20 m 30 40 l 0 0 595 842 re f* 1 2 3 4 5 6 c h S /Im1 Do true 1 Q \
              (a\\)b) Tj 7 Tz",
        ));
        assert_eq!(
            ops,
            [
                "Save",
                "Transform([0.05, 0.0, 0.0, -0.05, 464.159, 802.49])",
                "BeginText",
                "Font([70, 84, 56], 259.0)",
                "Other",
                "Other",
                "Other",
                "Other",
                "Tj [0, 16]",
                "NextLineSetLeading(439.188, 0.0)",
                "TJ [\"[97]\", \"-120.0\", \"[10, 16]\"]",
                "' [120, 40, 121, 41, 122]",
                "\" 1.0 0.5 [119]",
                "Other",
                "MoveTo(10.0, 20.0)",
                "LineTo(30.0, 40.0)",
                "Rect([0.0, 0.0, 595.0, 842.0])",
                "Fill",
                "CurveTo(5.0, 6.0)",
                "ClosePath",
                "Stroke",
                "XObject([73, 109, 49])",
                "Other",
                "Restore",
                // an escape in a string: hayro-syntax reads from there on
                "hayro",
                "Tj [97, 41, 98]",
                "Scaling(7.0)",
            ]
        );
    }

    #[test]
    fn numbers_as_hayro_reads_them() {
        for (text, value) in [
            ("0", Some(0.0)),
            ("-0", Some(0.0)),
            ("-0.0", Some(-0.0)),
            ("+12", Some(12.0)),
            ("-12", Some(-12.0)),
            ("-.5", Some(-0.5)),
            ("5.", Some(5.0)),
            ("464.159", Some(464.159)),
            ("123456789012345678", Some(123456789012345678.0)),
            // hayro-syntax reads these by its longer way
            ("1234567890123456789", None),
            (".", None),
            ("-", None),
            ("1.2.3", None),
            ("5-", None),
            ("12Tf", None),
        ] {
            let got = number(text.as_bytes(), 0).map(|(v, end)| (v.to_bits(), end));
            let want = value.map(|v: f64| (v.to_bits(), text.len()));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn hayro_reads_what_is_not_sure() {
        for data in [
            "(a\\)b) Tj",
            "(a\rb) Tj",
            "(a\nb) Tj",
            "(open Tj",
            "<0 1> Tj",
            "<0z> Tj",
            "/A#20B 1 Tf",
            "/ 1 Tf",
            "1.2.3 Tz",
            "5- Tz",
            "- Tz",
            "1234567890123456789 Tz",
            "12Tz",
            "/P <</MCID 0 /A [1]>> BDC",
            "/P <</MCID 0 1 R>> BDC",
            "/P <</MCID 0>> stream",
            "/P <</MCID 0>>%c\nstream",
            "/P <</A#20B 0>> BDC",
            "/P <</A <</B 1>> >> BDC",
            "/P <<1 2>> BDC",
            "% note\nq",
            "[/A] TJ",
            "[(a)%c\n] TJ",
            "[(a) [1]] TJ",
            "BI /W 1 /H 1 ID x EI Q",
            ") q",
            "] q",
            "T#6a q",
            "1 2 Tj",
            "(a) (b) Tj",
            "1 2 3 re",
            "/F1 Tf",
        ] {
            let ops = seen(Ops::new(data.as_bytes()));
            assert_eq!(
                ops.first().map(String::as_str),
                Some("hayro"),
                "{data:?}: {ops:?}"
            );
            assert_eq!(alike(data.as_bytes()), Ok(()), "{data:?}");
        }
    }

    #[test]
    fn operands_up_to_hayros_bound() {
        // hayro-syntax stops reading a stream at an operator's 34th operand
        for n in [32, 33, 34, 40] {
            let data = format!("{} rg (a) Tj 1 0 0 1 0 0 cm", "1 ".repeat(n));
            assert_eq!(alike(data.as_bytes()), Ok(()), "{n} operands");
        }
        assert_eq!(
            seen(Ops::new(b"1 1 1 Tj (a) Tj")),
            ["hayro", "Other", "Tj [97]"]
        );
    }

    /// Every stream of `bytes` (a PDF file), as stored and inflated.
    fn streams(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(p) = memchr::memmem::find(&bytes[from..], b"stream") {
            let start = from + p + 6;
            let start = start
                + bytes[start..]
                    .iter()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count();
            let Some(len) = memchr::memmem::find(&bytes[start..], b"endstream") else {
                break;
            };
            let raw = &bytes[start..start + len];
            if let Ok(inflated) =
                miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(raw, 1 << 22)
            {
                out.push(inflated);
            }
            out.push(raw.to_vec());
            from = start + len + 9;
        }
        out
    }

    #[test]
    fn every_stream_of_the_test_pdfs_reads_as_hayro_reads_it() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut files = Vec::new();
        let mut dirs: Vec<std::path::PathBuf> = ["tests/fixtures", "../shared/corpus", "examples"]
            .iter()
            .map(|d| format!("{root}/{d}").into())
            .collect();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "pdf") {
                    files.push(path);
                }
            }
        }
        // the fuzzer's inputs, where it has run (broken PDFs of every kind; here 33,081
        // streams and 943,142 operators in all)
        let fuzzed = format!("{root}/fuzz/corpus/parse_pdf");
        files.extend(
            std::fs::read_dir(fuzzed)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        );
        let (mut read, mut ops) = (0, 0);
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            for s in streams(&bytes) {
                if let Err(e) = alike(&s) {
                    panic!("{}: a stream of {} bytes: {e}", path.display(), s.len());
                }
                read += 1;
                ops += seen(Ops::new(&s)).len();
            }
        }
        // a real report and the encrypted examples at least (the fixtures alone: 86
        // streams, 16,843 operators; with the corpus, 212 and 64,156)
        assert!(read > 50 && ops > 15_000, "{read} streams, {ops} operators");
    }

    /// Pieces of content streams, well-formed and not.
    const PIECES: &[&str] = &[
        "0",
        "-7",
        "-12.5",
        "+.5",
        ".",
        "-",
        "1.2.3",
        "5-",
        "1234567890123456789",
        "1e5",
        "12Tf",
        "/F1",
        "/",
        "/A#20B",
        "/F1 12 Tf",
        "/A#20B 12 Tf",
        "/A#20B Do",
        "9 rg",
        "/GS13",
        "(a)",
        "(a(b)c)",
        "(a\\)b)",
        "(a\nb)",
        "(a\rb)",
        "(a\r\nb)",
        "(a\\101)",
        "(open",
        "<0010>",
        "<0 1>",
        "<abc>",
        "<zz>",
        "<",
        "<<",
        "<</A 1>>",
        "/P <</MCID 0 >>BDC",
        "<</A /B /C (d) /E <0a>>>",
        "<</A 1 2 R>>",
        "stream",
        ">>",
        ">",
        "[(a) -120 <0010>]",
        "[",
        "]",
        "[1 [2]]",
        "[/A]",
        "[(a)%c\n]",
        "{",
        "}",
        ")",
        "Tj",
        "TJ",
        "Tf",
        "Td",
        "TD",
        "cm",
        "Tm",
        "Tc",
        "Tw",
        "Tz",
        "TL",
        "Ts",
        "re",
        "m",
        "l",
        "c",
        "v",
        "y",
        "h",
        "q",
        "Q",
        "BT",
        "ET",
        "Do",
        "BI",
        "ID",
        "EI",
        "gs",
        "rg",
        "'",
        "\"",
        "T*",
        "W*",
        "f*",
        "S",
        "n",
        "true",
        "null",
        "T#6a",
        "BDC",
        "EMC",
        "% note\n",
        " ",
        "\n",
        "\r",
        "\r\n",
        "\0",
        "\x0c",
        "\t",
        "\u{80}",
        "\u{ff}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn made_streams_read_as_hayro_reads_them(
            pieces in prop::collection::vec((0..PIECES.len(), any::<bool>()), 0..40)
        ) {
            let mut data = Vec::new();
            for (k, spaced) in pieces {
                data.extend_from_slice(PIECES[k].as_bytes());
                if spaced {
                    data.push(b' ');
                }
            }
            prop_assert_eq!(alike(&data), Ok(()), "{:?}", String::from_utf8_lossy(&data));
        }

        #[test]
        fn any_bytes_read_as_hayro_reads_them(data in prop::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(alike(&data), Ok(()));
        }
    }
}
