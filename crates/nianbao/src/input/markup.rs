//! Tags and text of the two markup inputs: HTML pages and DOCX's `word/document.xml`.
//!
//! The adapters read a few elements (tables, rows, cells, blocks, the elements to
//! skip) and a few attributes, so this scanner only finds tags and text: `memchr` to
//! the next `<`, a tag's name, and its attributes as one slice, read only when asked
//! ([`attr`]). Comments, declarations and processing instructions are passed over.
//!
//! - **HTML** follows the WHATWG tokenizer for what the adapter reads: the states of a
//!   tag and its attributes (a `>` inside a quoted value does not end the tag), the
//!   forms of comments and bogus comments, a `<` that opens nothing as text, a tag cut
//!   off by the end of the page dropped, and the content of `script`, `style`,
//!   `title` and the other raw-text elements read as text up to their own end tag (as
//!   a tokenizer that switches state by the tag name, like html5gum's
//!   `naively_switch_states`, reads it). Character references are decoded by
//!   [`decode_html`]. A test checks the items against html5gum's tokens.
//! - **XML** is the well-formed subset DOCX writes: `CDATA` sections are text, and a
//!   construct cut off by the end, or an end tag that does not close the element that
//!   is open, is an error ([`Scanner::error`]). An adapter may pass over the content
//!   of an element it does not read ([`Scanner::skip_element`]), which is then found
//!   by its end tag and not checked.

use crate::swar;

/// One item of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item<'a> {
    /// A start tag: its name as written, its attributes (read them with [`attr`]) and
    /// whether it closes itself (`<br/>`).
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// An end tag, by its name as written.
    End { name: &'a str },
    /// Text whose character references are still to be decoded.
    Text(&'a str),
    /// Text to be taken as it is (HTML raw-text elements, XML `CDATA`).
    Raw(&'a str),
}

/// Which markup the scanner reads.
#[cfg_attr(not(feature = "html"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Html,
    Xml,
}

/// How the content of an HTML element is read after its start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Tags and text.
    Markup,
    /// Text with character references up to the end tag (`title`, `textarea`).
    RcData,
    /// Text as it is up to the end tag (`script`, `style` …).
    RawText,
    /// Everything to the end of the page is text (`plaintext`).
    PlainText,
}

/// The content model a tokenizer switching by tag name gives an HTML element.
fn content_of(name: &str) -> Content {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    // by length first: most tags (`p`, `td`, `tr`, `span`) are none of these
    match name.len() {
        5 if is("title") => Content::RcData,
        8 if is("textarea") => Content::RcData,
        9 if is("plaintext") => Content::PlainText,
        3 if is("xmp") => Content::RawText,
        5 if is("style") => Content::RawText,
        6 if is("script") || is("iframe") => Content::RawText,
        7 if is("noembed") || is("noframe") => Content::RawText,
        8 if is("noscript") => Content::RawText,
        _ => Content::Markup,
    }
}

/// The items of a page, in order.
pub(crate) struct Scanner<'a> {
    src: &'a str,
    at: usize,
    dialect: Dialect,
    /// The element whose content is text up to its end tag, and how it is read.
    text_of: Option<(&'a str, Content)>,
    /// XML: the open elements; the first error met.
    open: Vec<&'a str>,
    error: Option<String>,
    /// XML: the searches for the end tags of the elements passed over, by name.
    #[cfg(feature = "docx")]
    skips: Vec<(&'a str, memchr::memmem::Finder<'static>)>,
}

/// A byte range.
type Span = (usize, usize);

/// The most end-tag searches a scanner keeps for [`Scanner::skip_element`].
#[cfg(feature = "docx")]
const MAX_KEPT_SEARCHES: usize = 32;

const fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The bytes that end a tag's name: white space, `/` and `>`.
static ENDS_NAME: [bool; 256] = crate::text::byte_table!(|b| is_space(b) || b == b'/' || b == b'>');

impl<'a> Scanner<'a> {
    /// A scanner over `src`.
    pub(crate) fn new(src: &'a str, dialect: Dialect) -> Self {
        Scanner {
            src,
            at: 0,
            dialect,
            text_of: None,
            open: Vec::new(),
            error: None,
            #[cfg(feature = "docx")]
            skips: Vec::new(),
        }
    }

    #[cfg(feature = "docx")]
    /// The first error met (XML only): a construct cut off by the end of the
    /// document, or an end tag that does not match the element that is open.
    pub(crate) fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    #[cfg(feature = "docx")]
    /// XML: pass over the content of the element whose start tag was the last item
    /// (one that does not close itself) and over its end tag, as if they had been
    /// read. For elements whose content the reader does not use (the formatting of
    /// runs, paragraphs and cells, a DOCX's bulk): only the tags of the element's own
    /// name are looked at, found by a vector search, so the rest of its content is not
    /// checked. Elements of its name inside it are counted (a tracked change's
    /// `<w:pPrChange>` holds the `<w:pPr>` before the change), and its end tag must
    /// come, else the element is not closed, an error: a missing end tag inside is
    /// found that way, as a search for the next end tag would find a later element's.
    pub(crate) fn skip_element(&mut self) {
        let Some(&name) = self.open.last() else {
            return;
        };
        let b = self.src.as_bytes();
        // most such elements are empty (`<w:rPr></w:rPr>`): no search for them
        let end =
            if b[self.at..].starts_with(b"</") && b[self.at + 2..].starts_with(name.as_bytes()) {
                Some(self.at)
            } else {
                self.end_tag(name)
            };
        let Some(end) = end else {
            self.fail(format!("the element <{name}> is not closed"));
            return;
        };
        // the end tag read as any other (it pops the element)
        self.at = end + 2;
        let _ = self.tag(true);
    }

    #[cfg(feature = "docx")]
    /// The offset of the end tag (`</w:rPr>`, `</w:rPr >`) that closes the element
    /// `name` whose content starts at `self.at`, past the elements of that name inside
    /// it; its tags are found by a vector search for the name, kept per name.
    fn end_tag(&mut self, name: &'a str) -> Option<usize> {
        let b = self.src.as_bytes();
        let made;
        let finder = match self.skips.iter().position(|(n, _)| *n == name) {
            Some(i) => &self.skips[i].1,
            None => {
                let finder = memchr::memmem::Finder::new(name).into_owned();
                // a document names a few such elements; one that names thousands (a
                // prefix each) is not searched for in a list that long, nor kept
                if self.skips.len() < MAX_KEPT_SEARCHES {
                    self.skips.push((name, finder));
                    &self.skips[self.skips.len() - 1].1
                } else {
                    made = finder;
                    &made
                }
            }
        };
        let mut depth = 1usize;
        let mut at = self.at;
        loop {
            let p = at + finder.find(&b[at..])?;
            at = p + name.len();
            // the name whole (not `w:rPrChange`), right after `</` or `<`
            if !b.get(at).is_some_and(|&c| ENDS_NAME[usize::from(c)]) {
                continue;
            }
            if b[..p].ends_with(b"</") {
                depth -= 1;
                if depth == 0 {
                    return Some(p - 2);
                }
            } else if b[..p].ends_with(b"<") {
                let (close, empty) = xml_tag_end(&b[at..])?;
                depth += usize::from(!empty);
                at += close + 1;
            }
        }
    }

    /// Stop with an error (XML).
    fn fail(&mut self, what: String) -> Option<Item<'a>> {
        self.error.get_or_insert(what);
        self.open.clear();
        self.at = self.src.len();
        None
    }

    /// The offset just after the first `pat` at or after `from`, if any.
    fn after(&self, from: usize, pat: &[u8]) -> Option<usize> {
        memchr::memmem::find(&self.src.as_bytes()[from..], pat).map(|p| from + p + pat.len())
    }

    /// The offset just after the next `>` at or after `from`, or the end.
    fn after_gt(&self, from: usize) -> usize {
        memchr::memchr(b'>', &self.src.as_bytes()[from..]).map_or(self.src.len(), |p| from + p + 1)
    }

    /// The content of a raw-text or RCDATA element, up to its end tag.
    fn element_text(&mut self, name: &'a str, content: Content) -> Option<Item<'a>> {
        let b = self.src.as_bytes();
        let start = self.at;
        let mut from = start;
        let end = loop {
            let Some(p) = memchr::memmem::find(&b[from..], b"</") else {
                break b.len();
            };
            let p = from + p;
            let name_end = p + 2 + name.len();
            let closes = b
                .get(p + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && b.get(name_end)
                    .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
            if closes {
                break p;
            }
            from = p + 2;
        };
        self.text_of = None;
        self.at = end;
        if end == start {
            return None;
        }
        let text = &self.src[start..end];
        Some(match content {
            Content::RcData => Item::Text(text),
            _ => Item::Raw(text),
        })
    }

    /// A tag at `self.at` (just after `<`, or `</` when `end`), whose name starts there.
    /// Inlined where each dialect reads its tags, which leaves one copy for each
    /// without the other's branches: a page is mostly tags.
    #[inline(always)]
    fn tag(&mut self, end: bool) -> Option<Item<'a>> {
        let b = self.src.as_bytes();
        let start = self.at;
        let name_len = swar::find(b, start, &ENDS_NAME, |x| {
            swar::below(x, 0x21) | swar::eq(x, b'/') | swar::eq(x, b'>')
        })
        .map_or(b.len() - start, |end| end - start);
        let name = &self.src[start..start + name_len];
        if name.is_empty() {
            return self.fail("a tag has no name".into());
        }
        let attrs_at = start + name_len;
        // most tags end right after their name (`<td>`, `</p>`, `<w:b/>`)
        let found = match (b.get(attrs_at), b.get(attrs_at + 1)) {
            (Some(b'>'), _) => Some((0, false)),
            (Some(b'/'), Some(b'>')) => Some((1, true)),
            _ => match self.dialect {
                Dialect::Html => html_tag_end(&b[attrs_at..]),
                Dialect::Xml => xml_tag_end(&b[attrs_at..]),
            },
        };
        let Some((close, empty)) = found else {
            // cut off by the end: HTML drops the tag
            self.at = b.len();
            return match self.dialect {
                Dialect::Html => None,
                Dialect::Xml => self.fail(format!("the tag <{name}> is not closed")),
            };
        };
        // `close` is the offset of `>`; the attributes end before it (and before `/`)
        let attrs = &self.src[attrs_at..attrs_at + close];
        let attrs = if empty {
            &attrs[..attrs.len().saturating_sub(1)]
        } else {
            attrs
        };
        self.at = attrs_at + close + 1;
        if end {
            if self.dialect == Dialect::Xml && self.open.pop() != Some(name) {
                return self.fail(format!("the end tag </{name}> closes no open element"));
            }
            return Some(Item::End { name });
        }
        match self.dialect {
            Dialect::Xml if !empty => self.open.push(name),
            Dialect::Html => match content_of(name) {
                Content::Markup => {}
                Content::PlainText => self.text_of = Some(("", Content::PlainText)),
                c => self.text_of = Some((name, c)),
            },
            Dialect::Xml => {}
        }
        Some(Item::Start { name, attrs, empty })
    }

    /// What starts with `<` at `self.at` (HTML).
    fn html_markup(&mut self) -> Option<Item<'a>> {
        let b = self.src.as_bytes();
        let i = self.at;
        match (b.get(i + 1), b.get(i + 2)) {
            (Some(c), _) if c.is_ascii_alphabetic() => {
                self.at = i + 1;
                self.tag(false)
            }
            (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => {
                self.at = i + 2;
                self.tag(true)
            }
            // `</>` is nothing
            (Some(b'/'), Some(b'>')) => {
                self.at = i + 3;
                None
            }
            (Some(b'!'), _) if b[i + 2..].starts_with(b"--") => {
                self.at = html_comment_end(b, i + 4);
                None
            }
            // a bogus comment (`<?xml …>`, `<!DOCTYPE …>`, `</ x>`) to the next `>`
            (Some(b'!' | b'?'), _) | (Some(b'/'), Some(_)) => {
                self.at = self.after_gt(i + 2);
                None
            }
            // a `<` that opens nothing is text
            _ => {
                self.at = i + 1;
                Some(Item::Text("<"))
            }
        }
    }

    /// What starts with `<` at `self.at` (XML).
    fn xml_markup(&mut self) -> Option<Item<'a>> {
        let b = self.src.as_bytes();
        let i = self.at;
        let rest = &b[i..];
        // tags first: a document is nearly all tags
        let (skip_to, what) = match rest.get(1) {
            Some(b'/') => {
                self.at = i + 2;
                return self.tag(true);
            }
            Some(b'!' | b'?') => {
                if rest.starts_with(b"<!--") {
                    (self.after(i + 4, b"-->"), "comment")
                } else if rest.starts_with(b"<![CDATA[") {
                    let Some(end) = self.after(i + 9, b"]]>") else {
                        return self.fail("a CDATA section is not closed".into());
                    };
                    self.at = end;
                    return Some(Item::Raw(&self.src[i + 9..end - 3]));
                } else if rest.starts_with(b"<?") {
                    (self.after(i + 2, b"?>"), "processing instruction")
                } else {
                    (self.after(i + 2, b">"), "declaration")
                }
            }
            Some(_) => {
                self.at = i + 1;
                return self.tag(false);
            }
            None => return self.fail("the document ends with `<`".into()),
        };
        match skip_to {
            Some(end) => {
                self.at = end;
                None
            }
            None => self.fail(format!("a {what} is not closed")),
        }
    }

    /// The item at `self.at`, or `None` when what is there gives none (a comment, an
    /// empty element text, an error).
    fn step(&mut self) -> Option<Item<'a>> {
        let b = self.src.as_bytes();
        if let Some((name, content)) = self.text_of {
            if content == Content::PlainText {
                let text = &self.src[self.at..];
                self.at = b.len();
                return Some(Item::Raw(text));
            }
            return self.element_text(name, content);
        }
        // tags often follow each other: look for the next `<` only after text
        let next = if b[self.at] == b'<' {
            Some(0)
        } else {
            memchr::memchr(b'<', &b[self.at..])
        };
        match next {
            Some(0) => match self.dialect {
                Dialect::Html => self.html_markup(),
                Dialect::Xml => self.xml_markup(),
            },
            Some(p) => {
                let text = &self.src[self.at..self.at + p];
                self.at += p;
                Some(Item::Text(text))
            }
            None => {
                let text = &self.src[self.at..];
                self.at = b.len();
                Some(Item::Text(text))
            }
        }
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        // a loop, not recursion: a page of a million comments is read in constant stack
        while self.at < self.src.len() {
            if let Some(item) = self.step() {
                return Some(item);
            }
        }
        if let Some(name) = self.open.last() {
            let what = format!("the element <{name}> is not closed");
            self.fail(what);
        }
        None
    }
}

/// Where an HTML comment whose text starts at `from` ends (just after it): at `-->`
/// or `--!>`, at once for `<!-->` and `<!--->`, or at the end of the page.
fn html_comment_end(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while let Some(p) = memchr::memmem::find(&b[at..], b"--") {
        let mut i = at + p + 2;
        // `--->`: the dashes before `>` all belong to the end
        while b.get(i) == Some(&b'-') {
            i += 1;
        }
        match (b.get(i), b.get(i + 1)) {
            (Some(b'>'), _) => return i + 1,
            (Some(b'!'), Some(b'>')) => return i + 2,
            _ => at = i,
        }
    }
    b.len()
}

/// Read the attributes of a tag, from just after its name, calling `each(name, value)`
/// for every attribute: the spans of its name and of its value as written, without
/// its quotes. Returns the offset of the `>` that ends the tag and whether a `/`
/// right before it closes the tag, or `None` when the text ends first. These are the
/// WHATWG tokenizer's attribute states, read a name or a value at a time.
fn attributes(b: &[u8], each: &mut dyn FnMut(Span, Option<Span>)) -> Option<(usize, bool)> {
    let skip_spaces = |i: usize| {
        b.get(i..)
            .and_then(|r| r.iter().position(|&c| !is_space(c)))
            .map_or(b.len(), |n| i + n)
    };
    let mut i = 0;
    loop {
        // before a name: the end of the tag, a `/` (closing it only right before
        // `>`, else nothing), or a name
        i = skip_spaces(i);
        match *b.get(i)? {
            b'>' => return Some((i, false)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((i + 1, true)),
            b'/' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        // a name (a `=` first is one of its characters)
        let from = i;
        i = attribute_name_end(b, i + 1).unwrap_or(b.len());
        let name = (from, i);
        i = skip_spaces(i);
        if b.get(i) != Some(&b'=') {
            // an attribute without a value; what follows is read from the top
            each(name, None);
            if i >= b.len() {
                return None;
            }
            continue;
        }
        i = skip_spaces(i + 1);
        let Some(&c) = b.get(i) else {
            each(name, None);
            return None;
        };
        match c {
            b'"' | b'\'' => {
                let close = closing(b, i)?;
                each(name, Some((i + 1, close)));
                i = close + 1;
            }
            b'>' => {
                each(name, None);
                return Some((i, false));
            }
            _ => {
                let end = swar::find(b, i, &ENDS_VALUE, |x| {
                    swar::below(x, 0x21) | swar::eq(x, b'>')
                })
                .unwrap_or(b.len());
                each(name, Some((i, end)));
                i = end;
            }
        }
    }
}

/// Where an HTML tag ends, from just after its name (see [`attributes`]). Only a
/// quoted value can hold a `>`: without a quote before the first `>`, that `>` ends
/// the tag.
fn html_tag_end(b: &[u8]) -> Option<(usize, bool)> {
    // most pages write their attributes plainly
    if let Some(end) = plain_attributes(b, &mut |_, _| {}) {
        return end;
    }
    match swar::find_exact(b, 0, gt_or_quote)? {
        // without a `/` before it, that `>` ends the tag, which does not close itself
        // (a `/` elsewhere closes nothing)
        p if b[p] == b'>' && (p == 0 || b[p - 1] != b'/') => Some((p, false)),
        p if b[p] == b'>' => attributes(&b[..=p], &mut |_, _| {}),
        _ => attributes(b, &mut |_, _| {}),
    }
}

/// `>` and the quotes in a word (see [`swar`]).
fn gt_or_quote(x: u64) -> u64 {
    swar::eq(x, b'>') | swar::eq(x, b'"') | swar::eq(x, b'\'')
}

/// The offset of the quote that closes the value opened by the quote at `open`.
#[inline(always)]
fn closing(b: &[u8], open: usize) -> Option<usize> {
    let quote = b[open];
    swar::find_exact(b, open + 1, |x| swar::eq(x, quote))
}

/// The bytes that end an attribute's name: white space, `/`, `>` and `=`.
static ENDS_ATTR_NAME: [bool; 256] =
    crate::text::byte_table!(|b| is_space(b) || matches!(b, b'/' | b'>' | b'='));

/// The bytes that end an unquoted value: white space and `>`.
static ENDS_VALUE: [bool; 256] = crate::text::byte_table!(|b| is_space(b) || b == b'>');

/// Where an attribute's name that goes on at `from` ends, as the attribute states
/// read it: at white space, `/`, `>` or `=`.
#[inline(always)]
fn attribute_name_end(b: &[u8], from: usize) -> Option<usize> {
    swar::find(b, from, &ENDS_ATTR_NAME, |x| {
        swar::below(x, 0x21) | swar::eq(x, b'/') | swar::eq(x, b'>') | swar::eq(x, b'=')
    })
}

/// [`attributes`] for the attributes most pages write (`class="x" nowrap
/// style='y'`): each after white space, each value quoted right after its `=`; what
/// [`attributes`] gives and calls `each` with for them (`Some(None)` when the text
/// ends first). Where the attributes take another form, `None`, after calling `each`
/// for the attributes before it, as [`attributes`] does first: it then reads them
/// all.
fn plain_attributes(
    b: &[u8],
    each: &mut impl FnMut(Span, Option<Span>),
) -> Option<Option<(usize, bool)>> {
    let mut i = 0;
    loop {
        let spaces = i;
        i += b[i..].iter().take_while(|&&c| is_space(c)).count();
        match (b.get(i), b.get(i + 1)) {
            (None, _) => return Some(None),
            (Some(b'>'), _) => return Some(Some((i, false))),
            (Some(b'/'), Some(b'>')) => return Some(Some((i + 1, true))),
            // a `/` or `=` here, or no white space before a name
            (Some(b'/' | b'='), _) => return None,
            _ if i == spaces => return None,
            _ => {}
        }
        // a name (cut off by the end: `attributes` says so)
        let name = i;
        i = attribute_name_end(b, i + 1)?;
        if b[i] == b'=' {
            let quote = *b.get(i + 1)?;
            if !matches!(quote, b'"' | b'\'') {
                return None;
            }
            let Some(close) = closing(b, i + 1) else {
                return Some(None);
            };
            each((name, i), Some((i + 2, close)));
            i = close + 1;
        } else {
            // without a value, unless a `=` follows after white space
            let next = i + b[i..].iter().take_while(|&&c| is_space(c)).count();
            if b.get(next) == Some(&b'=') {
                return None;
            }
            each((name, i), None);
        }
    }
}

/// Where a well-formed XML tag ends, from just after its name: the first `>` outside
/// a quoted value, and whether a `/` closes the tag.
fn xml_tag_end(b: &[u8]) -> Option<(usize, bool)> {
    // eight bytes at a time (tags are short, shorter than a vector search needs to
    // pay off), a quoted value passed over by a search of its own
    let mut i = 0;
    loop {
        i = swar::find_exact(b, i, gt_or_quote)?;
        match b[i] {
            b'>' => return Some((i, i > 0 && b[i - 1] == b'/')),
            _ => i = closing(b, i)? + 1,
        }
    }
}

/// The values of the attributes called `keys`, in one pass (see [`attr`]).
pub(crate) fn attr_values<'a, const N: usize>(
    attrs: &'a str,
    keys: [&str; N],
    dialect: Dialect,
) -> [Option<&'a str>; N] {
    let b = attrs.as_bytes();
    let mut found: [Option<Option<Span>>; N] = [None; N];
    // the first value of each key is kept: the attributes that the plain reading
    // reads before it gives up are read again, and kept once
    let mut each = |(from, to): Span, value: Option<Span>| {
        // a name ends at ASCII (white space, `/`, `>`, `=`): a character boundary
        let name = attrs.get(from..to).unwrap_or("");
        for (k, f) in keys.iter().zip(found.iter_mut()) {
            let hit = match dialect {
                Dialect::Html => name.eq_ignore_ascii_case(k),
                Dialect::Xml => local(name) == *k,
            };
            if hit && f.is_none() {
                *f = Some(value);
            }
        }
    };
    if plain_attributes(b, &mut each).is_none() {
        attributes(b, &mut each);
    }
    found.map(|f| f.map(|v| v.map_or("", |(a, z)| attrs.get(a..z).unwrap_or(""))))
}

/// The value of the first attribute called `key` (ASCII case-insensitive in HTML; in
/// XML with any namespace prefix, `w:val` for `val`), as written.
#[cfg(feature = "docx")]
pub(crate) fn attr<'a>(attrs: &'a str, key: &str, dialect: Dialect) -> Option<&'a str> {
    let [value] = attr_values(attrs, [key], dialect);
    value
}

/// A name without its namespace prefix (`w:t` → `t`).
pub(crate) fn local(name: &str) -> &str {
    // names are a few bytes: a loop, not a vector search
    match name.bytes().position(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

#[cfg(feature = "html")]
/// Whether `hay` holds `word` (ASCII lower case) in any case: a cheap test before
/// reading attributes, which most tags do not have.
pub(crate) fn has_word(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else {
        return true;
    };
    // most tags have no attributes
    if h.len() < w.len() {
        return false;
    }
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|i| {
        h.get(i..i + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    })
}

#[cfg(feature = "html")]
/// An HTML tag name in lower case (borrowed when it already is).
pub(crate) fn lower(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(name.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

#[cfg(feature = "html")]
/// Append HTML text with its character references decoded. The common ones (`&nbsp;`,
/// `&amp;`, quotes and dashes, numeric references to ordinary characters) are decoded
/// here; any other goes to html5gum, which knows every name of the HTML standard and
/// its rules for references without `;`.
pub(crate) fn decode_html(out: &mut String, text: &str) {
    // the next `&`: in a short text by a plain loop (a cell of `&nbsp;`, a number),
    // where `memchr` costs more to set up than the search
    let amp = |s: &str| match s.len() {
        0..16 => s.bytes().position(|b| b == b'&'),
        _ => memchr::memchr(b'&', s.as_bytes()),
    };
    let mut rest = text;
    while let Some(p) = amp(rest) {
        out.push_str(&rest[..p]);
        let r = &rest[p..];
        // `&nbsp;` first: pages fill their empty cells with it
        if let Some(after) = r.strip_prefix("&nbsp;") {
            out.push('\u{a0}');
            rest = after;
            continue;
        }
        // the reference: `&`, letters, digits and `#`, then perhaps `;`
        let mut n = 1 + r.as_bytes()[1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        if r.as_bytes().get(n) == Some(&b';') {
            n += 1;
        }
        let chunk = &r[..n];
        match common_reference(chunk) {
            Some(c) => out.push(c),
            None => whatwg_reference(out, chunk),
        }
        rest = &r[n..];
    }
    out.push_str(rest);
}

#[cfg(feature = "html")]
/// A character reference that needs no table of the standard: the usual names, and a
/// numeric reference with `;` to a character the standard does not replace.
fn common_reference(chunk: &str) -> Option<char> {
    let body = chunk.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || digits.len() > 7 {
            return None;
        }
        let v = u32::from_str_radix(digits, radix).ok()?;
        // 0, C1 controls (mapped to windows-1252), surrogates and beyond: the standard's
        if v == 0 || (0x80..=0x9f).contains(&v) {
            return None;
        }
        return char::from_u32(v);
    }
    Some(match body {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "emsp" => '\u{2003}',
        "ensp" => '\u{2002}',
        _ => return None,
    })
}

#[cfg(feature = "html")]
/// Decode one character reference (or text that only looks like one) as the WHATWG
/// tokenizer does in text.
fn whatwg_reference(out: &mut String, chunk: &str) {
    for token in html5gum::Tokenizer::new(chunk).flatten() {
        if let html5gum::Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s));
        }
    }
}

#[cfg(feature = "docx")]
/// Append XML text with its references decoded: the five named entities and numeric
/// references (`&#20013;`, `&#x4e2d;`); another name is dropped. A `&` that starts no
/// reference (`AT&T`, not well-formed) is kept as it is, and so is the text after it.
pub(crate) fn decode_xml(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(p) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..p]);
        let r = &rest[p + 1..];
        // a reference: a name (letters, digits, `#`, `_`, `-`, `.`, `:`) right before `;`
        let name_len = r
            .bytes()
            .take_while(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'#' | b'_' | b'-' | b'.' | b':')
            })
            .count();
        if name_len == 0 || r.as_bytes().get(name_len) != Some(&b';') {
            out.push('&');
            rest = r;
            continue;
        }
        let name = &r[..name_len];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|num| {
                let v = match num.strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => num.parse(),
                };
                v.ok().and_then(char::from_u32)
            }),
        };
        if let Some(c) = c {
            out.push(c);
        }
        rest = &r[name_len + 1..];
    }
    out.push_str(rest);
}

#[cfg(all(test, feature = "html", feature = "docx"))]
mod tests {
    use super::*;

    fn start<'a>(name: &'a str, attrs: &'a str, empty: bool) -> Item<'a> {
        Item::Start { name, attrs, empty }
    }

    fn items(s: &str, d: Dialect) -> Vec<Item<'_>> {
        Scanner::new(s, d).collect()
    }

    #[test]
    fn tags_attributes_and_text() {
        let page = r#"<P class="a>b" x=1/>t&amp;<br/><!-- <td> -->u<a =x>v</P >"#;
        assert_eq!(
            items(page, Dialect::Html),
            vec![
                start("P", r#" class="a>b" x=1/"#, false),
                Item::Text("t&amp;"),
                start("br", "", true),
                Item::Text("u"),
                start("a", " =x", false),
                Item::Text("v"),
                Item::End { name: "P" },
            ]
        );
        assert_eq!(
            attr(r#" class="a>b" x=1/"#, "CLASS", Dialect::Html),
            Some("a>b")
        );
        assert_eq!(attr(r#" class="a>b" x=1/"#, "x", Dialect::Html), Some("1/"));
        assert_eq!(attr(" =x", "=x", Dialect::Html), Some(""));
        assert_eq!(attr(r#" w:val="2""#, "val", Dialect::Xml), Some("2"));
    }

    #[test]
    fn plain_attributes_end_where_the_attribute_states_end_them() {
        // on every text of up to six bytes over what attributes are made of; and the
        // attributes it reads are those the states read: all of them, or the first
        // ones where it leaves the text to `attributes`
        let mut read = 0;
        for t in crate::text::all_texts(" a1=\"'/>", 6) {
            let b = t.as_bytes();
            let (mut plain, mut states) = (Vec::new(), Vec::new());
            let by_states = attributes(b, &mut |n, v| states.push((n, v)));
            match plain_attributes(b, &mut |n, v| plain.push((n, v))) {
                Some(end) => {
                    assert_eq!((end, &plain), (by_states, &states), "{t:?}");
                    read += 1;
                }
                None => assert_eq!(plain[..], states[..plain.len()], "{t:?}"),
            }
        }
        // the texts it reads itself, not only those it leaves to `attributes`
        assert!(read > 10_000, "{read}");
        let tag = br#" colspan="2" nowrap style='width:47px;'>"#;
        let mut names = Vec::new();
        let end = plain_attributes(tag, &mut |(a, z), _| names.push(&tag[a..z]));
        assert_eq!(end, Some(Some((tag.len() - 1, false))));
        assert_eq!(names, [&b"colspan"[..], b"nowrap", b"style"]);
    }

    #[test]
    fn raw_text_and_what_opens_nothing() {
        let page = "<script>if (a<b) x='</td>';</script>1 < 2<title>A&amp;B</title></>";
        assert_eq!(
            items(page, Dialect::Html),
            vec![
                start("script", "", false),
                Item::Raw("if (a<b) x='</td>';"),
                Item::End { name: "script" },
                Item::Text("1 "),
                Item::Text("<"),
                Item::Text(" 2"),
                start("title", "", false),
                Item::Text("A&amp;B"),
                Item::End { name: "title" },
            ]
        );
        // a tag cut off by the end of the page is dropped
        assert_eq!(
            items("a<td class=\"x", Dialect::Html),
            vec![Item::Text("a")]
        );
    }

    #[test]
    fn xml_errors() {
        for (xml, error) in [
            ("<a><b>x</a>", "</a> closes no open element"),
            ("<a>x", "<a> is not closed"),
            ("<a x=\"1>", "<a> is not closed"),
            ("<a><!-- x", "comment is not closed"),
        ] {
            let mut s = Scanner::new(xml, Dialect::Xml);
            s.by_ref().for_each(drop);
            assert!(
                s.error().is_some_and(|e| e.contains(error)),
                "{xml}: {:?}",
                s.error()
            );
        }
        let mut s = Scanner::new("<?xml v?><a><![CDATA[<x>]]></a>", Dialect::Xml);
        assert_eq!(s.nth(1), Some(Item::Raw("<x>")));
    }

    #[test]
    fn elements_passed_over() {
        // the items of a document whose `w:pPr` elements are passed over, and its error
        let read = |xml: &'static str| {
            let mut s = Scanner::new(xml, Dialect::Xml);
            let mut seen = Vec::new();
            while let Some(item) = s.next() {
                match item {
                    Item::Start {
                        name: "w:pPr",
                        empty: false,
                        ..
                    } => s.skip_element(),
                    _ => seen.push(item),
                }
            }
            (seen, s.error().map(str::to_owned))
        };
        let p = |inner: Vec<Item<'static>>| {
            let mut items = vec![start("w:p", "", false)];
            items.extend(inner);
            items.push(Item::End { name: "w:p" });
            items
        };
        // content of any kind, an element whose name begins with the name, elements of
        // the name inside (a tracked change's properties before it), an end tag with
        // white space, an element that is empty
        for xml in [
            "<w:p><w:pPr><w:jc w:val=\"x\"/><w:pPrChange><w:pPr/></w:pPrChange></w:pPr><w:r>a</w:r></w:p>",
            "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr w:x=\"y\"><w:jc/></w:pPr><w:pPr\n/></w:pPrChange></w:pPr><w:r>a</w:r></w:p>",
            "<w:p><w:pPr><w:tabs><w:tab w:pos=\"1\"/></w:tabs></w:pPr ><w:r>a</w:r></w:p>",
        ] {
            let inner = vec![start("w:r", "", false), Item::Text("a"), Item::End { name: "w:r" }];
            assert_eq!(read(xml), (p(inner), None), "{xml}");
        }
        assert_eq!(read("<w:p><w:pPr></w:pPr></w:p>"), (p(vec![]), None));
        // the content is not checked
        assert_eq!(
            read("<w:p><w:pPr><w:jc w:val=\"a>b\" <</w:pPr></w:p>"),
            (p(vec![]), None)
        );
        // a document that names thousands of such elements, each by a prefix of its
        // own: past the searches kept, each is found by a search made for it
        let many: String = (0..5000)
            .map(|k| format!("<p{k}:pPr><x/></p{k}:pPr>"))
            .collect();
        let doc = format!("<w:p>{many}</w:p>");
        let mut s = Scanner::new(&doc, Dialect::Xml);
        let mut starts = 0;
        while let Some(item) = s.next() {
            if let Item::Start {
                name, empty: false, ..
            } = item
            {
                starts += 1;
                if name.ends_with(":pPr") {
                    s.skip_element();
                }
            }
        }
        assert_eq!((starts, s.error()), (5001, None));
        // but the element must end
        for (xml, error) in [
            ("<w:p><w:pPr><w:jc/>", "<w:pPr> is not closed"),
            // a missing end tag: a search for the next end tag would find the next
            // paragraph's, and pass over this one's end and the next one's text
            (
                "<w:p><w:pPr><w:jc/></w:p><w:p><w:pPr></w:pPr><w:r>a</w:r></w:p>",
                "<w:pPr> is not closed",
            ),
            (
                "<w:p><w:pPr></w:pPrX></w:p>",
                "</w:pPrX> closes no open element",
            ),
        ] {
            let error_of = read(xml).1;
            assert!(
                error_of.as_deref().is_some_and(|e| e.contains(error)),
                "{xml}: {error_of:?}"
            );
        }
    }

    #[test]
    fn references() {
        let decode = |s: &str| {
            let mut out = String::new();
            decode_html(&mut out, s);
            out
        };
        assert_eq!(decode("a&nbsp;b&#20013;&#x6587;&lt"), "a\u{a0}b中文<");
        assert_eq!(
            decode("&notit; &ampx &#128; &#0; &zzz;"),
            "¬it; &x € \u{fffd} &zzz;"
        );
        let mut out = String::new();
        decode_xml(&mut out, "a&amp;b&#x4e2d;&unknown;c");
        assert_eq!(out, "a&b中c");
        let mut out = String::new();
        decode_xml(&mut out, "AT&T 报告; &#20013;& x;");
        assert_eq!(out, "AT&T 报告; 中& x;");
    }

    /// What the adapters read of a page: tags by name (lower case in HTML) with the
    /// attributes they ask for, and text with references decoded (adjacent pieces
    /// joined).
    #[derive(Debug, PartialEq)]
    enum Seen {
        Start(String, bool, Vec<(String, String)>),
        End(String),
        Text(String),
    }

    const READ: [&str; 5] = ["class", "id", "colspan", "rowspan", "val"];

    fn push_text(seen: &mut Vec<Seen>, text: &str) {
        // the standard reads CR LF and CR as LF; the adapters collapse all white space
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        match seen.last_mut() {
            Some(Seen::Text(t)) => t.push_str(text),
            _ if text.is_empty() => {}
            _ => seen.push(Seen::Text(text.to_string())),
        }
    }

    fn scanned(page: &str) -> Vec<Seen> {
        let mut seen = Vec::new();
        for item in Scanner::new(page, Dialect::Html) {
            match item {
                Item::Start { name, attrs, empty } => {
                    let read = READ
                        .iter()
                        .filter_map(|k| {
                            let raw = attr(attrs, k, Dialect::Html)?;
                            let mut v = String::new();
                            decode_html(&mut v, raw);
                            Some((k.to_string(), v))
                        })
                        .collect();
                    seen.push(Seen::Start(lower(name).into_owned(), empty, read));
                }
                Item::End { name } => seen.push(Seen::End(lower(name).into_owned())),
                Item::Text(t) => {
                    let mut s = String::new();
                    decode_html(&mut s, t);
                    push_text(&mut seen, &s);
                }
                Item::Raw(t) => push_text(&mut seen, t),
            }
        }
        seen
    }

    /// The same, by html5gum's WHATWG tokenizer switching state by tag name.
    fn tokenized(page: &str) -> Vec<Seen> {
        let mut emitter = html5gum::DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut seen = Vec::new();
        let text = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
        for token in html5gum::Tokenizer::new_with_emitter(page, emitter).flatten() {
            match token {
                html5gum::Token::StartTag(t) => {
                    let read = READ
                        .iter()
                        .filter_map(|k| {
                            let v = t.attributes.get(k.as_bytes())?;
                            Some((k.to_string(), text(v)))
                        })
                        .collect();
                    seen.push(Seen::Start(text(&t.name), t.self_closing, read));
                }
                html5gum::Token::EndTag(t) => seen.push(Seen::End(text(&t.name))),
                html5gum::Token::String(s) => push_text(&mut seen, &text(&s)),
                _ => {}
            }
        }
        seen
    }

    fn html_pages() -> Vec<(String, String)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        [
            "tests/fixtures/series/shanghai-bangongting-2019.html",
            "../shared/corpus/real/shanghai-bangongting-2019.html",
            "examples/web/index.html",
        ]
        .iter()
        .filter_map(|p| {
            Some((
                p.to_string(),
                std::fs::read_to_string(format!("{root}/{p}")).ok()?,
            ))
        })
        .collect()
    }

    #[test]
    fn html_reads_as_the_whatwg_tokenizer_reads_it() {
        let pages = html_pages();
        assert!(pages.len() >= 3);
        for (path, page) in pages {
            let seen = scanned(&page);
            assert!(seen.len() > 20, "{path}");
            assert_eq!(seen, tokenized(&page), "{path}");
        }
    }

    /// Pieces of pages, the odd ones included, for pages made of them.
    const PIECES: [&str; 50] = [
        "<td>",
        "</td>",
        "<TD colspan=2>",
        "<td rowspan=\"3\" class='nav x'>",
        "<br/>",
        "<p>",
        "</p >",
        "<table>",
        "</table>",
        "text",
        "中文",
        " ",
        "\n",
        "\r\n",
        "&nbsp;",
        "&amp",
        "&#20013;",
        "&#x80;",
        "&notit;",
        "&zz;",
        "&",
        "#",
        ";",
        "<!-- c -->",
        "<!-->",
        "<!--->",
        "--!>",
        "-->",
        "<",
        ">",
        "</",
        "/",
        "=",
        "\"",
        "'",
        "<!DOCTYPE html>",
        "<?xml v?>",
        "<script>",
        "</script>",
        "<style>",
        "</style >",
        "<title>",
        "</title>",
        "<a b=\"x>y\" c=d/ e>",
        "<a =\"x>\">",
        "<a b==c>",
        "<x y=/>",
        "<p/ >",
        "<td colspan = '2' rowspan=\"&#50;\">",
        "<td\nclass=nav>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn made_pages_read_as_the_whatwg_tokenizer_reads_them(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let page: String = picks.iter().map(|i| PIECES[*i]).collect();
            proptest::prop_assert_eq!(scanned(&page), tokenized(&page), "{}", page);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Any text, markup-like or not, is scanned to its end without a panic.
        #[test]
        fn any_text_is_scanned(text in "[<>/!?=\"'&#;a-z0-9 \\-\\[\\]CDAT中é\u{a0}]{0,60}") {
            for dialect in [Dialect::Html, Dialect::Xml] {
                let mut scanner = Scanner::new(&text, dialect);
                for item in scanner.by_ref() {
                    if let Item::Start { attrs, .. } = item {
                        let _ = attr_values(attrs, ["class", "val"], dialect);
                    }
                    if let Item::Text(t) = item {
                        let mut out = String::new();
                        decode_html(&mut out, t);
                        decode_xml(&mut out, t);
                    }
                }
                let _ = scanner.error();
            }
        }
    }

    #[test]
    fn common_references_decode_as_the_standard_says() {
        let mut names: Vec<String> = [
            "nbsp", "amp", "lt", "gt", "quot", "apos", "ldquo", "rdquo", "lsquo", "rsquo", "mdash",
            "ndash", "hellip", "middot", "times", "emsp", "ensp",
        ]
        .iter()
        .map(|n| format!("&{n};"))
        .collect();
        for v in (0..0x3000u32)
            .step_by(7)
            .chain([0x80, 0x9f, 0xd800, 0xfffe, 0x10ffff, 0x110000])
        {
            names.push(format!("&#{v};"));
            names.push(format!("&#x{v:X};"));
        }
        for r in names {
            let mut ours = String::new();
            decode_html(&mut ours, &r);
            let mut theirs = String::new();
            whatwg_reference(&mut theirs, &r);
            assert_eq!(ours, theirs, "{r}");
        }
    }

    /// What the DOCX adapter reads of an XML document (`val` its only attribute).
    fn scanned_xml(xml: &str) -> Vec<Seen> {
        let mut seen = Vec::new();
        let mut items = Scanner::new(xml, Dialect::Xml);
        for item in items.by_ref() {
            match item {
                Item::Start { name, attrs, empty } => {
                    let val = attr(attrs, "val", Dialect::Xml).map(|v| ("val".into(), v.into()));
                    seen.push(Seen::Start(name.into(), empty, val.into_iter().collect()));
                }
                Item::End { name } => seen.push(Seen::End(name.into())),
                Item::Text(t) => {
                    let mut s = String::new();
                    decode_xml(&mut s, t);
                    push_text(&mut seen, &s);
                }
                Item::Raw(t) => push_text(&mut seen, t),
            }
        }
        assert_eq!(items.error(), None);
        seen
    }

    /// The same, by quick-xml.
    fn read_by_quick_xml(xml: &str) -> Vec<Seen> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut seen = Vec::new();
        loop {
            let event = reader.read_event().unwrap();
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let val = e
                        .attributes()
                        .flatten()
                        .find(|a| local(a.key.as_ref()) == "val")
                        .map(|a| ("val".to_string(), a.value.to_string()));
                    let name = e.name().as_ref().to_string();
                    seen.push(Seen::Start(
                        name,
                        matches!(event, Event::Empty(_)),
                        val.into_iter().collect(),
                    ));
                }
                Event::End(e) => seen.push(Seen::End(e.name().as_ref().to_string())),
                Event::Text(t) => push_text(&mut seen, t),
                Event::CData(t) => push_text(&mut seen, t),
                Event::GeneralRef(r) => {
                    let c = r.resolve_char_ref().unwrap().map(String::from);
                    let name: &str = r;
                    let named = match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    push_text(&mut seen, &c.unwrap_or_else(|| named.into()));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        seen
    }

    #[test]
    fn documents_read_as_quick_xml_reads_them() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut read = 0;
        for path in [
            "tests/fixtures/series/shanghai-bangongting-2019.docx",
            "tests/fixtures/series/template-2021-blank.docx",
            "../shared/corpus/real/shanghai-bangongting-2019.docx",
        ] {
            let Ok(bytes) = std::fs::read(format!("{root}/{path}")) else {
                continue;
            };
            use std::io::Read;
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            zip.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            let seen = scanned_xml(&xml);
            assert!(seen.len() > 100, "{path}");
            assert_eq!(seen, read_by_quick_xml(&xml), "{path}");
            read += 1;
        }
        assert!(read >= 2);
        let made = "<?xml version=\"1.0\"?><!-- x --><w:p a='1' w:val=\"x&amp;y\"><w:t>&lt;a&#x4e2d;&#20013;<![CDATA[<b>&amp;]]></w:t><w:br/></w:p>";
        assert_eq!(scanned_xml(made), read_by_quick_xml(made));
    }
}
