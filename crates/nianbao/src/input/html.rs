//! HTML pages → text: the real table structure (rowspan/colspan, `<br>` inside a
//! cell, `&nbsp;`), headings and paragraphs as lines; scripts, styles and portal
//! navigation skipped.
//!
//! Tags and text come from [`markup::Scanner`], which follows the WHATWG tokenizer
//! for what is read here and passes over everything else without looking at it;
//! the few tree rules a report needs (tables, cells, blocks) are kept here.

use std::borrow::Cow;

use super::markup::{self, Dialect, Item, Scanner};
use super::{Grid, TextOut};

/// Elements whose content is never part of the report.
const SKIP: [&[u8]; 10] = [
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"head",
    b"nav",
    b"header",
    b"footer",
    b"aside",
    b"select",
];

/// Elements that end a line.
const BLOCKS: [&[u8]; 22] = [
    b"p",
    b"div",
    b"br",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"section",
    b"article",
    b"blockquote",
    b"pre",
    b"dd",
    b"dt",
    b"dl",
    b"hr",
    b"center",
    b"form",
];

/// Class or id words of portal navigation and chrome.
const CHROME: [&str; 6] = ["nav", "menu", "breadcrumb", "footer", "share", "toolbar"];

/// The values of some attributes with their character references decoded.
fn attr_values<'a, const N: usize>(attrs: &'a str, keys: [&str; N]) -> [Option<Cow<'a, str>>; N] {
    markup::attr_values(attrs, keys, Dialect::Html).map(|v| {
        v.map(|raw| {
            if raw.contains('&') {
                let mut out = String::with_capacity(raw.len());
                markup::decode_html(&mut out, raw);
                Cow::Owned(out)
            } else {
                Cow::Borrowed(raw)
            }
        })
    })
}

/// Whether a tag's `class` or `id` names portal navigation or chrome.
fn is_chrome(attrs: &str) -> bool {
    if !markup::has_word(attrs, "class") && !markup::has_word(attrs, "id") {
        return false;
    }
    attr_values(attrs, ["class", "id"])
        .iter()
        .flatten()
        .any(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| CHROME.iter().any(|c| w.eq_ignore_ascii_case(c)))
        })
}

/// A cell's `colspan` and `rowspan`: each 1 unless a number from 1 (at most 1000).
fn spans_of(attrs: &str) -> (usize, usize) {
    if !markup::has_word(attrs, "span") {
        return (1, 1);
    }
    let span = |v: &Option<Cow<str>>| {
        v.as_ref()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .map_or(1, |n| n.min(1000))
    };
    let [col, row] = attr_values(attrs, ["colspan", "rowspan"]);
    (span(&col), span(&row))
}

/// Convert an HTML page to the text layout the grammar reads.
pub(crate) fn to_text(html: &str) -> String {
    // a page's text is usually less than half its bytes: the rest is markup
    let mut out = TextOut::with_capacity(html.len() / 2);
    let mut para = String::new();
    let mut tables: Vec<Grid> = Vec::new();
    // the element being skipped and how deep inside it we are
    let mut skipping: Option<(Cow<str>, usize)> = None;
    // the page's <title>: the report's title when its body has none
    let mut title: Option<String> = None;
    let mut in_title = false;
    // whether the title's line is written (at the top, as soon as the title ends,
    // when nothing is written before it: the page's text is then not copied to put
    // the line before it)
    let mut title_written = false;

    for item in Scanner::new(html, Dialect::Html) {
        match item {
            Item::Start { name, empty, .. }
                if title.is_none() && name.eq_ignore_ascii_case("title") =>
            {
                in_title = !empty;
                title = Some(String::new());
            }
            Item::End { name } if in_title && name.eq_ignore_ascii_case("title") => {
                in_title = false;
                if out.is_empty() {
                    if let Some(line) = title.as_deref().and_then(title_line) {
                        out.line(&line);
                    }
                    title_written = true;
                }
            }
            Item::Text(s) | Item::Raw(s) if in_title => {
                if let Some(t) = title.as_mut() {
                    push_text(t, item, s);
                }
            }
            Item::Start { name, attrs, empty } => {
                let name = markup::lower(name);
                let name = name.as_ref();
                if let Some((skip, depth)) = skipping.as_mut() {
                    if skip == name && !empty {
                        *depth += 1;
                    }
                    continue;
                }
                if SKIP.contains(&name.as_bytes())
                    || (name != "table" && tables.is_empty() && is_chrome(attrs))
                {
                    if !empty && !is_void(name.as_bytes()) {
                        skipping = Some((Cow::Owned(name.to_string()), 0));
                    }
                    continue;
                }
                match name {
                    "table" => {
                        flush(&mut out, &mut para, &mut tables);
                        tables.push(Grid::default());
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.close();
                            t.row();
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = tables.last_mut() {
                            t.close();
                            if !t.has_rows() {
                                t.row();
                            }
                            let (colspan, rowspan) = spans_of(attrs);
                            t.open(colspan, rowspan);
                        }
                    }
                    // inside a cell a break only joins the lines (商业<br>企业)
                    n if BLOCKS.contains(&n.as_bytes())
                        && tables.last().is_none_or(|t| !t.is_open()) =>
                    {
                        flush(&mut out, &mut para, &mut tables);
                    }
                    _ => {}
                }
            }
            Item::End { name } => {
                let name = markup::lower(name);
                let name = name.as_ref();
                if let Some((skip, depth)) = skipping.as_mut() {
                    if skip == name {
                        if *depth == 0 {
                            skipping = None;
                        } else {
                            *depth -= 1;
                        }
                    }
                    continue;
                }
                match name {
                    "table" => {
                        if let Some(mut t) = tables.pop() {
                            t.close();
                            out.table_ended(&t, tables.last_mut());
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = tables.last_mut() {
                            t.close();
                        }
                    }
                    n if BLOCKS.contains(&n.as_bytes())
                        && tables.last().is_none_or(|t| !t.is_open()) =>
                    {
                        flush(&mut out, &mut para, &mut tables);
                    }
                    _ => {}
                }
            }
            Item::Text(s) | Item::Raw(s) => {
                if skipping.is_some() {
                    continue;
                }
                match tables.last_mut() {
                    Some(t) => {
                        if let Some(cell) = t.text() {
                            push_text(cell, item, s);
                        }
                    }
                    None => push_text(&mut para, item, s),
                }
            }
        }
    }
    while let Some(mut t) = tables.pop() {
        t.close();
        out.table(&t);
    }
    out.paragraph(&para);
    let text = out.finish();
    match title.as_deref().and_then(title_line) {
        Some(line) if !title_written => format!("{line}\n{text}"),
        _ => text,
    }
}

/// The `<title>` as a portal's 标题 line (the metadata reader takes the body's own
/// title first), its white space collapsed; none for an empty title.
fn title_line(title: &str) -> Option<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then(|| format!("标题: {t}"))
}

/// Append the text of an item: references decoded, except in raw text.
fn push_text(out: &mut String, item: Item, text: &str) {
    match item {
        Item::Raw(_) => out.push_str(text),
        _ => markup::decode_html(out, text),
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br" | b"img" | b"meta" | b"link" | b"input" | b"hr" | b"col" | b"wbr" | b"area" | b"base"
    )
}

fn flush(out: &mut TextOut, para: &mut String, tables: &mut [Grid]) {
    if tables.is_empty() {
        out.paragraph(para);
        para.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_chrome() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <div class=\"nav-bar\">首页 &gt; 年报</div><p>一、总体情况</p><p>正文<br>第二行</p>\
            <table><tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td></tr>\
            <tr><td>（二）部分<br>公开</td><td>&nbsp;</td></tr></table><script>var a=1;</script></body></html>";
        assert_eq!(
            to_text(html),
            "标题: x\n一、总体情况\n正文\n第二行\n\n\t三、本年度办理结果\n\t（一）予以公开\n\t1\n\n\t\n\t（二）部分公开\n\t\n\n"
        );
    }

    #[test]
    fn the_title_of_the_page() {
        let html = "<html><head><title> 某某区司法局2024年政府信息公开工作年度报告 \n - 某某区人民政府</title></head><body><p>一、总体情况</p></body></html>";
        assert!(to_text(html)
            .starts_with("标题: 某某区司法局2024年政府信息公开工作年度报告 - 某某区人民政府\n"));
        assert!(to_text("<p>一、总体情况</p>").starts_with("一、"));
        // the line on top whether the title comes first, after the text, or is cut
        // off; none for an empty title
        assert_eq!(
            to_text("<title>甲 乙</title><p>正文</p>"),
            "标题: 甲 乙\n正文\n"
        );
        assert_eq!(to_text("<p>正文</p><title>甲</title>"), "标题: 甲\n正文\n");
        assert_eq!(to_text("<p>正文</p><title>甲"), "标题: 甲\n正文\n");
        assert_eq!(to_text("<title> \n </title><p>正文</p>"), "正文\n");
        // only the first title is the page's
        assert_eq!(
            to_text("<title>甲</title><title>乙</title>"),
            "标题: 甲\n乙\n"
        );
    }
}
