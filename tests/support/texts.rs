//! The report texts the measurements run over: every `.txt` and `.md` file under
//! `<repo>/../shared/corpus` (when it is there) and `<repo>/tests/fixtures`, the
//! corpus first, its documentation (`README.md`, `SOURCES.md`) left out and identical
//! copies counted once. Used by `benches/parse.rs`, `benches/memory.rs` and
//! `tests/memory.rs` (included by `#[path]`).
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One report text.
pub struct Text {
    /// Its file name.
    pub name: String,
    /// Its content.
    pub text: String,
    /// Whether it comes from `../shared/corpus` (not `tests/fixtures`).
    pub in_corpus: bool,
}

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The report texts, in the order above (sorted by path within each directory).
pub fn report_texts() -> Vec<Text> {
    let repo = repo();
    let fixtures = repo.join("tests/fixtures");
    let mut paths = Vec::new();
    // the corpus first: a fixture that copies a corpus file is counted as the corpus's
    text_files(&repo.join("../shared/corpus"), &mut paths);
    text_files(&fixtures, &mut paths);
    let mut seen = HashSet::new();
    let mut texts = Vec::new();
    for path in paths {
        let (Ok(text), Some(name)) = (
            std::fs::read_to_string(&path),
            path.file_name().and_then(|n| n.to_str()),
        ) else {
            continue;
        };
        if name.eq_ignore_ascii_case("README.md") || name.eq_ignore_ascii_case("SOURCES.md") {
            continue;
        }
        if seen.insert(text.clone()) {
            texts.push(Text {
                name: name.to_string(),
                in_corpus: !path.starts_with(&fixtures),
                text,
            });
        }
    }
    texts
}

/// The `.txt` and `.md` files under `dir`, recursively, in sorted order.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}
