//! HTML pages → text: the real table structure (rowspan/colspan, `<br>` inside a
//! cell, `&nbsp;`), headings and paragraphs as lines; scripts, styles and portal
//! navigation skipped.
//!
//! Tokenised with `html5gum`, a WHATWG-conformant HTML tokenizer in safe Rust with
//! no dependencies of its own (small in WebAssembly); the few tree rules a report
//! needs (tables, cells, blocks) are kept here.

use html5gum::{emitters::default::DefaultEmitter, Emitter, ForwardingEmitter, Token, Tokenizer};

use super::{GridCell, TextOut};

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

struct Table {
    rows: Vec<Vec<GridCell>>,
    cell: Option<GridCell>,
}

/// html5gum's default emitter without HTML parse errors: the text of any page is read,
/// so the tokenizer need not check every character against the HTML syntax (which
/// took a tenth of the reading).
struct Quiet(DefaultEmitter);

impl ForwardingEmitter for Quiet {
    type Token = Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Convert an HTML page to the text layout the grammar reads.
pub(crate) fn to_text(html: &str) -> String {
    let mut inner = DefaultEmitter::default();
    inner.naively_switch_states(true);
    let emitter = Quiet(inner);
    let mut out = TextOut::default();
    let mut para = String::new();
    let mut tables: Vec<Table> = Vec::new();
    // the element being skipped and how deep inside it we are
    let mut skipping: Option<(Vec<u8>, usize)> = None;
    // the page's <title>: the report's title when its body has none
    let mut title: Option<String> = None;
    let mut in_title = false;

    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) if tag.name.as_slice() == b"title" && title.is_none() => {
                in_title = !tag.self_closing;
                title = Some(String::new());
            }
            Token::EndTag(tag) if tag.name.as_slice() == b"title" && in_title => {
                in_title = false;
            }
            Token::String(s) if in_title => {
                if let Some(t) = title.as_mut() {
                    t.push_str(&String::from_utf8_lossy(&s));
                }
            }
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                if let Some((skip, depth)) = skipping.as_mut() {
                    if skip.as_slice() == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                let attr = |k: &[u8]| {
                    tag.attributes
                        .iter()
                        .find(|(n, _)| n.as_slice() == k)
                        .map(|(_, v)| String::from_utf8_lossy(v).to_ascii_lowercase())
                };
                let chrome = [attr(b"class"), attr(b"id")].iter().flatten().any(|v| {
                    v.split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|w| CHROME.contains(&w))
                });
                if SKIP.contains(&name) || (chrome && name != b"table" && tables.is_empty()) {
                    if !tag.self_closing && !is_void(name) {
                        skipping = Some((name.to_vec(), 0));
                    }
                    continue;
                }
                let span = |k: &[u8]| {
                    attr(k)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .filter(|n| *n >= 1)
                        .map_or(1, |n| n.min(1000))
                };
                match name {
                    b"table" => {
                        flush(&mut out, &mut para, &mut tables);
                        tables.push(Table {
                            rows: Vec::new(),
                            cell: None,
                        });
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            close_cell(t);
                            t.rows.push(Vec::new());
                        }
                    }
                    b"td" | b"th" => {
                        if let Some(t) = tables.last_mut() {
                            close_cell(t);
                            if t.rows.is_empty() {
                                t.rows.push(Vec::new());
                            }
                            t.cell = Some(GridCell {
                                colspan: span(b"colspan"),
                                rowspan: span(b"rowspan"),
                                ..GridCell::default()
                            });
                        }
                    }
                    // inside a cell a break only joins the lines (商业<br>企业)
                    n if BLOCKS.contains(&n) && tables.last().is_none_or(|t| t.cell.is_none()) => {
                        flush(&mut out, &mut para, &mut tables);
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                if let Some((skip, depth)) = skipping.as_mut() {
                    if skip.as_slice() == name {
                        if *depth == 0 {
                            skipping = None;
                        } else {
                            *depth -= 1;
                        }
                    }
                    continue;
                }
                match name {
                    b"table" => {
                        if let Some(mut t) = tables.pop() {
                            close_cell(&mut t);
                            match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                                // a table inside a cell: its text joins the cell
                                Some(cell) => {
                                    for c in t.rows.iter().flatten() {
                                        cell.text.push(' ');
                                        cell.text.push_str(&c.text);
                                    }
                                }
                                None => out.table(&t.rows),
                            }
                        }
                    }
                    b"td" | b"th" => {
                        if let Some(t) = tables.last_mut() {
                            close_cell(t);
                        }
                    }
                    n if BLOCKS.contains(&n) && tables.last().is_none_or(|t| t.cell.is_none()) => {
                        flush(&mut out, &mut para, &mut tables);
                    }
                    _ => {}
                }
            }
            Token::String(s) => {
                if skipping.is_some() {
                    continue;
                }
                let text = String::from_utf8_lossy(&s);
                match tables.last_mut() {
                    Some(t) => {
                        if let Some(cell) = t.cell.as_mut() {
                            cell.text.push_str(&text);
                        }
                    }
                    None => para.push_str(&text),
                }
            }
            _ => {}
        }
    }
    while let Some(mut t) = tables.pop() {
        close_cell(&mut t);
        out.table(&t.rows);
    }
    out.paragraph(&para);
    let text = out.finish();
    // the <title> as a portal's 标题 line (the metadata reader takes the body's own
    // title first)
    match title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
        Some(t) if !t.is_empty() => format!("标题: {t}\n{text}"),
        _ => text,
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br" | b"img" | b"meta" | b"link" | b"input" | b"hr" | b"col" | b"wbr" | b"area" | b"base"
    )
}

fn close_cell(t: &mut Table) {
    if let Some(cell) = t.cell.take() {
        match t.rows.last_mut() {
            Some(row) => row.push(cell),
            None => t.rows.push(vec![cell]),
        }
    }
}

fn flush(out: &mut TextOut, para: &mut String, tables: &mut [Table]) {
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
    }
}
