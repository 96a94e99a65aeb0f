//! The audit functions of `nianbao._native`: [`nianbao::audit`] for Python. Conversion
//! only: report files are parsed here (on every core, the GIL released, so that the
//! findings keep each cell's line and column), report dicts are read back into the
//! model (without positions), the options become [`nianbao::audit::Options`], and the
//! [`nianbao::audit::Audit`] goes back as dicts in its JSON shape. The typed classes
//! are built in `python/nianbao/_audit.py`.
//!
//! - `audit(items, hierarchy=None, aliases=None, kinds=None, text_reuse_threshold=0.5,
//!   threads=None)` → `(audit dict, [(item index, exception)])`: each item is a pair
//!   `(source, report dict)` or `(source, os.PathLike)`; a file that cannot be read or
//!   parsed is left out of the audit and returned with its exception;
//! - `audit_rows(audit)`, `audit_columns()` → [`nianbao::audit::rows`];
//! - `audit_html(audit, fragment=False)`, `audit_css()` → [`nianbao::audit::html`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use nianbao::audit::{self as core, Audit, BodyKind, Input as AuditInput, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::{
    batch_tick, check_progress, failure_to_py, guarded, parse_error, run_all, thread_count,
    Failure, Input,
};

/// The `audit` dict of the Python side, read back into the model.
fn audit_from_py(value: &Bound<'_, PyAny>) -> PyResult<Audit> {
    pythonize::depythonize(value).map_err(|e| {
        PyValueError::new_err(format!("not the dict of an audit (Audit.to_dict()): {e}"))
    })
}

fn kind(value: &str) -> PyResult<BodyKind> {
    value.parse().map_err(|e: String| PyValueError::new_err(e))
}

/// The options: `hierarchy` as CSV text or `(parent, child)` pairs, `aliases` as CSV
/// text or a dict, `kinds` as a dict of `"government"` / `"department"`.
fn options(
    py: Python<'_>,
    hierarchy: Option<&Bound<'_, PyAny>>,
    aliases: Option<&Bound<'_, PyAny>>,
    kinds: Option<BTreeMap<String, String>>,
    text_reuse_threshold: f64,
) -> PyResult<Options> {
    let mut options = Options::default();
    let csv = |e: nianbao::Error| parse_error(py, e.code(), e.to_string(), None);
    if !(0.0..=1.0).contains(&text_reuse_threshold) {
        return Err(PyValueError::new_err(format!(
            "text_reuse_threshold must be from 0 to 1, got {text_reuse_threshold}"
        )));
    }
    options.text_reuse_threshold = text_reuse_threshold;
    if let Some(h) = hierarchy {
        if let Ok(text) = h.cast::<PyString>() {
            options.read_hierarchy_csv(text.to_str()?).map_err(csv)?;
        } else {
            options.hierarchy = h.extract::<Vec<(String, String)>>().map_err(|_| {
                PyTypeError::new_err("hierarchy must be CSV text or (parent, child) pairs of str")
            })?;
        }
    }
    if let Some(a) = aliases {
        if let Ok(text) = a.cast::<PyString>() {
            options.read_aliases_csv(text.to_str()?).map_err(csv)?;
        } else {
            options.aliases = a.extract::<BTreeMap<String, String>>().map_err(|_| {
                PyTypeError::new_err("aliases must be CSV text or a dict of str to str")
            })?;
        }
    }
    for (name, k) in kinds.unwrap_or_default() {
        options.kinds.insert(name, kind(&k)?);
    }
    Ok(options)
}

/// One item: a report dict (read now) or a file to parse (later, in parallel).
enum Item {
    Report(Box<nianbao::Report>),
    Path(PathBuf),
}

/// `audit(items, hierarchy=None, aliases=None, kinds=None, text_reuse_threshold=0.5,
/// threads=None, progress=None)`: see the module documentation; `progress(done, total)`
/// is called while the files are parsed, as in `parse_files`.
#[pyfunction]
#[pyo3(signature = (items, hierarchy=None, aliases=None, kinds=None, text_reuse_threshold=0.5, threads=None, progress=None))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of the Python function
pub(crate) fn audit<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    hierarchy: Option<&Bound<'py, PyAny>>,
    aliases: Option<&Bound<'py, PyAny>>,
    kinds: Option<BTreeMap<String, String>>,
    text_reuse_threshold: f64,
    threads: Option<i64>,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let options = options(py, hierarchy, aliases, kinds, text_reuse_threshold)?;
    let threads = thread_count(threads)?;
    check_progress(py, progress.as_ref())?;
    let mut sources = Vec::new();
    let mut parsed: Vec<Item> = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let (source, what): (String, Bound<'py, PyAny>) = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "audit() item {i}: expected a pair (source, nianbao.Report, report dict or os.PathLike)"
            ))
        })?;
        if let Ok(report) = what.cast::<crate::model::Report>() {
            // A nianbao.Report holds the Rust report: no conversion.
            parsed.push(Item::Report(Box::new(report.get().report().clone())));
        } else if what.is_instance_of::<PyDict>() {
            let at = format!("audit() item {i} ({source})");
            let report = crate::model::report_from_plain(&what, &crate::model::Where::root(&at))?;
            parsed.push(Item::Report(Box::new(report)));
        } else {
            let path: PathBuf = what.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "audit() item {i} ({source}): expected a nianbao.Report, a report dict or a path"
                ))
            })?;
            parsed.push(Item::Path(path));
        }
        sources.push(source);
    }
    let paths: Vec<Input> = parsed
        .iter()
        .filter_map(|p| match p {
            Item::Path(p) => Some(Input::Path(p.clone())),
            Item::Report(_) => None,
        })
        .collect();
    let (result, failures) = py.detach(|| {
        // Ctrl-C stops the parsing of the files (a KeyboardInterrupt)
        let tick = batch_tick(progress.as_ref(), paths.len());
        let mut outcomes = run_all(&paths, threads, tick)?.into_iter();
        let mut reports: Vec<(usize, nianbao::Report)> = Vec::new();
        let mut failures: Vec<(usize, Failure)> = Vec::new();
        for (i, item) in parsed.into_iter().enumerate() {
            match item {
                Item::Report(r) => reports.push((i, *r)),
                Item::Path(_) => match outcomes.next() {
                    Some(Ok(r)) => reports.push((i, r)),
                    Some(Err(f)) => failures.push((i, f)),
                    None => {}
                },
            }
        }
        let result = guarded(|| {
            Ok::<_, Failure>(core::audit(
                reports
                    .iter()
                    .map(|(i, r)| AuditInput::new(sources[*i].clone(), r)),
                &options,
            ))
        });
        Ok::<_, PyErr>((result, failures))
    })?;
    let result = result.map_err(|f| failure_to_py(py, f, None))?;
    let dict = pythonize::pythonize(py, &result)?;
    let failed = PyList::empty(py);
    for (i, failure) in failures {
        let path = match items.get_item(i).and_then(|item| item.get_item(1)) {
            Ok(p) => p.extract::<PathBuf>().ok(),
            Err(_) => None,
        };
        let err = failure_to_py(py, failure, path.as_deref());
        failed.append((i, err.into_value(py)))?;
    }
    PyTuple::new(py, [dict, failed.into_any()])
}

/// `audit_rows(audit)`: one dict per finding, keyed by [`core::rows::COLUMNS`].
#[pyfunction]
pub(crate) fn audit_rows<'py>(audit: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let py = audit.py();
    let audit = audit_from_py(audit)?;
    let out = PyList::empty(py);
    for f in &audit.findings {
        let dict = PyDict::new(py);
        for (column, value) in core::rows::COLUMNS.iter().zip(core::rows::row(f)) {
            dict.set_item(column, crate::flat_value_to_py(py, value)?)?;
        }
        out.append(dict)?;
    }
    Ok(out)
}

/// `audit_columns()`: the column names of `audit_rows`.
#[pyfunction]
pub(crate) fn audit_columns() -> Vec<&'static str> {
    core::rows::COLUMNS.to_vec()
}

/// `audit_html(audit, fragment=False)`: the readable audit report.
#[pyfunction]
#[pyo3(signature = (audit, fragment=false))]
pub(crate) fn audit_html(audit: &Bound<'_, PyAny>, fragment: bool) -> PyResult<String> {
    let audit = audit_from_py(audit)?;
    Ok(if fragment {
        core::html::fragment(&audit)
    } else {
        core::html::document(&audit)
    })
}

/// `audit_css()`: the style sheet of the audit report.
#[pyfunction]
pub(crate) fn audit_css() -> &'static str {
    core::html::CSS
}

/// Register the functions in the module `nianbao._native`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(audit_rows, m)?)?;
    m.add_function(wrap_pyfunction!(audit_columns, m)?)?;
    m.add_function(wrap_pyfunction!(audit_html, m)?)?;
    m.add_function(wrap_pyfunction!(audit_css, m)?)?;
    Ok(())
}
