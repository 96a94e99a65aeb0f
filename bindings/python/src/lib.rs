//! The native part of the Python package `nianbao`: the extension module
//! `nianbao._native`.
//!
//! It converts and nothing else. The parsing is [`nianbao::parse_report`] (text) and
//! [`nianbao::parse_bytes`] (bytes and files: any text encoding, HTML, DOCX); this module
//! hands the [`nianbao::Report`] to Python as plain dicts (serde, via `pythonize`, so
//! they have exactly the JSON shape of the crate's serialisation), turns
//! [`nianbao::Error`] into `nianbao.ParseError`, and runs batches on every core with the
//! GIL released. The typed classes (`nianbao.Report`, …) are built from the dicts in
//! the Python part of the package (`python/nianbao`).
//!
//! Functions (all documented for Python in `python/nianbao/_native.pyi`):
//! - `parse_report(text)`, `parse_bytes(data)`, `parse_file(path)` → dict, or raise
//!   `ParseError` / `OSError`;
//! - `to_text(data)` → the text the parser reads for some bytes ([`nianbao::to_text`]);
//! - `parse_many(items, threads=None)` → list of dicts and exception instances, in input
//!   order (`str` is report text, `bytes` the bytes of a report file, `os.PathLike` a
//!   file path);
//! - `flat_rows(dicts)`, `columns()` → the CLI's flat rows ([`nianbao::flat`]);
//! - `audit(…)`, `audit_rows`, `audit_columns`, `audit_html`, `audit_css` → the checks
//!   across reports ([`nianbao::audit`]; see `src/audit.rs`).
//!
//! No Rust panic reaches Python: every call into the core runs under
//! [`std::panic::catch_unwind`], and a panic becomes `ParseError` with code `internal`.
#![cfg(not(target_family = "wasm"))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod audit;

use std::any::Any;
use std::io::Read;
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};

/// The code of `ParseError` for a panic caught inside the core (a bug in nianbao).
const INTERNAL: &str = "internal";

/// One item of a batch: the text of a report, its bytes, or the path of a file
/// holding one.
#[derive(Debug)]
enum Input {
    /// The text itself (a Python `str`).
    Text(String),
    /// The bytes of a report file (a Python `bytes`), for [`nianbao::parse_bytes`].
    Bytes(Vec<u8>),
    /// A file to read (a Python `os.PathLike`).
    Path(PathBuf),
}

impl Input {
    fn path(&self) -> Option<&Path> {
        match self {
            Input::Text(_) | Input::Bytes(_) => None,
            Input::Path(p) => Some(p),
        }
    }
}

/// Why an input gave no report.
#[derive(Debug)]
enum Failure {
    /// The core refused the input (`code` is [`nianbao::Error::code`]), or panicked
    /// (`code` is [`INTERNAL`]).
    Parse { code: &'static str, message: String },
    /// The file could not be read; becomes the matching `OSError` subclass.
    Io(std::io::Error),
}

impl From<nianbao::Error> for Failure {
    fn from(e: nianbao::Error) -> Self {
        Failure::Parse {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// What one input gives.
type Outcome = Result<nianbao::Report, Failure>;

/// Run `f` (a call into the core) so that a panic becomes [`Failure::Parse`] with
/// code [`INTERNAL`] instead of unwinding into Python.
fn guarded<T, E: Into<Failure>>(f: impl FnOnce() -> Result<T, E>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(Into::into),
        Err(payload) => Err(Failure::Parse {
            code: INTERNAL,
            message: format!(
                "internal error in nianbao (please report it with the input): {}",
                panic_message(payload.as_ref())
            ),
        }),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "panic without message"
    }
}

/// Read a report file, refusing (without reading it) one larger than the core accepts.
fn read_report_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut file = std::fs::File::open(path).map_err(Failure::Io)?;
    let size = file.metadata().map_err(Failure::Io)?.len();
    let limit = nianbao::MAX_INPUT_BYTES;
    if size > limit as u64 {
        return Err(nianbao::Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        }
        .into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(Failure::Io)?;
    Ok(bytes)
}

fn parse_text(text: &str) -> Outcome {
    guarded(|| nianbao::parse_report(text))
}

/// Parse the bytes of a report: text in any encoding the core detects, an HTML page or
/// a DOCX file ([`nianbao::parse_bytes`]).
fn parse_data(bytes: &[u8]) -> Outcome {
    guarded(|| nianbao::parse_bytes(bytes))
}

fn parse_path(path: &Path) -> Outcome {
    parse_data(&read_report_file(path)?)
}

fn run(input: &Input) -> Outcome {
    match input {
        Input::Text(text) => parse_text(text),
        Input::Bytes(bytes) => parse_data(bytes),
        Input::Path(path) => parse_path(path),
    }
}

/// Parse every input on up to `threads` threads; the outcomes are in input order.
///
/// The threads take the next unparsed input from a shared counter, so a slow report
/// does not hold up the others.
fn run_all(inputs: &[Input], threads: NonZeroUsize) -> Vec<Outcome> {
    let workers = threads.get().min(inputs.len());
    if workers <= 1 {
        return inputs.iter().map(run).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { break };
            done.push((i, run(input)));
        }
        done
    };
    let mut slots: Vec<Option<Outcome>> = inputs.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        // A thread that cannot be started leaves its share to the others (and to this
        // thread, which works too).
        let handles: Vec<_> = (1..workers)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        for (i, outcome) in work() {
            slots[i] = Some(outcome);
        }
        for handle in handles {
            // `run` catches panics, so a worker only fails on a bug here; its inputs
            // are then reported as internal errors below.
            if let Ok(done) = handle.join() {
                for (i, outcome) in done {
                    slots[i] = Some(outcome);
                }
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.unwrap_or_else(|| {
                Err(Failure::Parse {
                    code: INTERNAL,
                    message: "internal error in nianbao: a worker thread stopped".into(),
                })
            })
        })
        .collect()
}

/// The number of threads for `threads=None`: every core this process may use.
fn default_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

// ---------------------------------------------------------------------------------
// Conversion to Python.

static PARSE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static PATH_LIKE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `nianbao.ParseError(message, code, path)` (defined in `python/nianbao/_errors.py`).
fn parse_error(py: Python<'_>, code: &str, message: String, path: Option<&Path>) -> PyErr {
    let path = path.map(Path::as_os_str);
    match PARSE_ERROR
        .import(py, "nianbao._errors", "ParseError")
        .and_then(|cls| cls.call1((message, code, path)))
    {
        Ok(err) => PyErr::from_value(err),
        Err(e) => e,
    }
}

/// The `OSError` subclass Python itself raises for `e` (`FileNotFoundError`, …), with
/// its `filename`.
fn os_error(e: std::io::Error, path: Option<&Path>) -> PyErr {
    let path = path.map(|p| p.as_os_str().to_os_string());
    match e.raw_os_error() {
        Some(errno) => {
            let text = e.to_string();
            let suffix = format!(" (os error {errno})");
            let strerror = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
            PyOSError::new_err((errno, strerror, path))
        }
        None => PyOSError::new_err(e.to_string()),
    }
}

fn failure_to_py(py: Python<'_>, failure: Failure, path: Option<&Path>) -> PyErr {
    match failure {
        Failure::Parse { code, message } => parse_error(py, code, message, path),
        Failure::Io(e) => os_error(e, path),
    }
}

fn report_to_py<'py>(py: Python<'py>, report: &nianbao::Report) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, report)?)
}

fn outcome_to_py<'py>(
    py: Python<'py>,
    outcome: Outcome,
    path: Option<&Path>,
) -> PyResult<Bound<'py, PyAny>> {
    match outcome {
        Ok(report) => report_to_py(py, &report),
        Err(failure) => Err(failure_to_py(py, failure, path)),
    }
}

/// Tell the items of a batch apart: `str` is text, `bytes` the bytes of a file,
/// `os.PathLike` a path.
fn collect_inputs(items: &Bound<'_, PyAny>) -> PyResult<Vec<Input>> {
    let py = items.py();
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "parse_many() takes a list of reports, not one str; use parse_report(text) for one",
        ));
    }
    if items.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "parse_many() takes a list of reports, not one bytes object; use parse_bytes(data) \
             for one",
        ));
    }
    let path_like = PATH_LIKE.import(py, "os", "PathLike")?;
    let mut inputs = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(text) = item.cast::<PyString>() {
            inputs.push(Input::Text(text.to_str()?.to_owned()));
        } else if let Ok(bytes) = item.cast::<PyBytes>() {
            inputs.push(Input::Bytes(bytes.as_bytes().to_vec()));
        } else if item.is_instance(path_like)? {
            inputs.push(Input::Path(item.extract()?));
        } else {
            return Err(PyTypeError::new_err(format!(
                "parse_many() item {i}: expected str (the text of a report), bytes (the \
                 bytes of a report file) or os.PathLike (the path of a file, e.g. \
                 pathlib.Path), got {}",
                item.get_type().name()?
            )));
        }
    }
    Ok(inputs)
}

/// `parse_report(text)`: parse the text of a report; a dict, or `ParseError`.
#[pyfunction]
fn parse_report<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let outcome = py.detach(|| parse_text(text));
    outcome_to_py(py, outcome, None)
}

/// `parse_bytes(data)`: parse the bytes of a report (text in UTF-8, UTF-16 or
/// GBK/GB18030, an HTML page, a DOCX file); a dict, or `ParseError`.
#[pyfunction]
fn parse_bytes<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let outcome = py.detach(|| parse_data(data));
    outcome_to_py(py, outcome, None)
}

/// `to_text(data)`: the text [`parse_bytes`] reads for `data` (decoded; HTML and DOCX
/// in the tab-cell layout), to which diagnostics' line numbers refer; or `ParseError`.
#[pyfunction]
fn to_text(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    py.detach(|| guarded(|| nianbao::to_text(data)))
        .map_err(|f| failure_to_py(py, f, None))
}

/// `parse_file(path)`: read a report file (as [`parse_bytes`]) and parse it; a dict, or
/// `ParseError` / `OSError`.
#[pyfunction]
fn parse_file<'py>(py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
    let outcome = py.detach(|| parse_path(&path));
    outcome_to_py(py, outcome, Some(&path))
}

/// `parse_many(items, threads=None)`: parse a batch on `threads` threads (default: every
/// core) with the GIL released; dicts and exception instances in input order.
#[pyfunction]
#[pyo3(signature = (items, threads=None))]
fn parse_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyList>> {
    let threads = match threads {
        None => default_threads(),
        Some(n) => usize::try_from(n)
            .ok()
            .and_then(NonZeroUsize::new)
            .ok_or_else(|| {
                PyValueError::new_err(format!("threads must be at least 1 (or None), got {n}"))
            })?,
    };
    let inputs = collect_inputs(items)?;
    let outcomes = py.detach(|| run_all(&inputs, threads));
    let out = PyList::empty(py);
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome_to_py(py, outcome, input.path()) {
            Ok(report) => out.append(report)?,
            Err(err) => out.append(err.into_value(py))?,
        }
    }
    Ok(out)
}

/// `flat_rows(reports)`: the flat row ([`nianbao::flat::row`]) of each report dict
/// (the shape of `Report.to_dict()`), as dicts keyed by the CLI's column names.
#[pyfunction]
fn flat_rows<'py>(reports: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let py = reports.py();
    let out = PyList::empty(py);
    for (i, item) in reports.try_iter()?.enumerate() {
        let report: nianbao::Report = pythonize::depythonize(&item?).map_err(|e| {
            PyValueError::new_err(format!(
                "report {i} does not have the shape of a nianbao report: {e}"
            ))
        })?;
        let row = guarded(|| Ok::<_, Failure>(nianbao::flat::row(&report)))
            .map_err(|f| failure_to_py(py, f, None))?;
        let dict = PyDict::new(py);
        for (column, value) in row {
            dict.set_item(column, flat_value_to_py(py, value)?)?;
        }
        out.append(dict)?;
    }
    Ok(out)
}

fn flat_value_to_py(py: Python<'_>, value: nianbao::flat::Value) -> PyResult<Bound<'_, PyAny>> {
    use nianbao::flat::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        // The same number as in the report's dict (the core's serialisation of Amount).
        Value::Amount(a) => pythonize::pythonize(py, &a)?,
        Value::Text(t) => t.into_pyobject(py)?.into_any(),
    })
}

/// `columns()`: the column names of [`flat_rows`], in order ([`nianbao::flat::columns`]).
#[pyfunction]
fn columns(py: Python<'_>) -> PyResult<Vec<String>> {
    guarded(|| Ok::<_, Failure>(nianbao::flat::columns())).map_err(|f| failure_to_py(py, f, None))
}

/// `_internal_error_selftest()`: panics inside the guard that protects every core call,
/// so the tests can see that a panic arrives as `ParseError(code="internal")`.
#[pyfunction]
fn _internal_error_selftest(py: Python<'_>) -> PyResult<()> {
    let outcome = py.detach(|| {
        guarded(|| -> Result<(), nianbao::Error> {
            panic!("deliberate panic from nianbao._native._internal_error_selftest")
        })
    });
    outcome.map_err(|f| failure_to_py(py, f, None))
}

/// The extension module `nianbao._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_report, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(to_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(flat_rows, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(_internal_error_selftest, m)?)?;
    audit::register(m)?;
    m.add("MAX_INPUT_BYTES", nianbao::MAX_INPUT_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory for one test's files.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("nianbao-python-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_panic_in_the_core_becomes_an_internal_failure() {
        let r: Result<(), Failure> = guarded(|| -> Result<(), nianbao::Error> { panic!("boom") });
        match r {
            Err(Failure::Parse { code, message }) => {
                assert_eq!(code, INTERNAL);
                assert!(message.contains("boom"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn core_errors_keep_their_code_and_message() {
        let r: Result<(), Failure> = guarded(|| Err(nianbao::Error::Empty));
        match r {
            Err(Failure::Parse { code, message }) => {
                assert_eq!(code, "empty");
                assert_eq!(message, nianbao::Error::Empty.to_string());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    /// The repository's fixtures.
    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
    }

    #[test]
    fn files_are_read_as_bytes_in_any_encoding() {
        let utf8 = std::fs::read_to_string(fixtures().join("qijiang-gongan-2024.txt")).unwrap();
        let from_text = parse_text(&utf8).unwrap();
        let gb18030 = fixtures().join("encodings/qijiang-gongan-2024.gb18030.txt");
        assert!(std::str::from_utf8(&std::fs::read(&gb18030).unwrap()).is_err());
        assert_eq!(parse_path(&gb18030).unwrap(), from_text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(utf8.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(run(&Input::Bytes(utf16)).unwrap(), from_text);
    }

    #[test]
    fn bytes_the_core_refuses_keep_its_code() {
        for (bytes, code) in [
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".as_slice(), "unsupported"),
            (b"abc\xff\xfe\xff", "encoding"),
            (b" \n\t", "empty"),
        ] {
            match parse_data(bytes) {
                Err(Failure::Parse { code: got, message }) => {
                    assert_eq!(got, code, "{message}");
                    assert_eq!(
                        message,
                        nianbao::parse_bytes(bytes).unwrap_err().to_string()
                    );
                }
                other => panic!("{bytes:?}: unexpected {other:?}"),
            }
        }
    }

    #[test]
    fn a_missing_file_is_an_io_failure() {
        let dir = scratch("missing");
        let outcome = parse_path(&dir.join("missing.txt"));
        let _ = std::fs::remove_dir_all(&dir);
        match outcome {
            Err(Failure::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn run_all_keeps_input_order_on_every_thread_count() {
        // Every input fails differently: input i holds i + 1 control bytes, and the
        // core's message counts them. Files, bytes and text take turns.
        let dir = scratch("order");
        let inputs: Vec<Input> = (0..97)
            .map(|i| {
                let bytes = vec![1u8; i + 1];
                match i % 3 {
                    0 => {
                        let path = dir.join(format!("{i}.txt"));
                        std::fs::write(&path, bytes).unwrap();
                        Input::Path(path)
                    }
                    1 => Input::Bytes(bytes),
                    _ => Input::Text(String::from_utf8(bytes).unwrap()),
                }
            })
            .collect();
        let message = |outcome: &Outcome| match outcome {
            Err(Failure::Parse { code, message }) => {
                assert_eq!(*code, "binary", "{message}");
                message.clone()
            }
            other => panic!("unexpected {other:?}"),
        };
        let expected: Vec<String> = inputs.iter().map(|input| message(&run(input))).collect();
        let distinct: std::collections::HashSet<&String> = expected.iter().collect();
        assert_eq!(
            distinct.len(),
            expected.len(),
            "the inputs must fail differently"
        );
        for threads in [1, 2, 3, 8, 200] {
            let got = run_all(&inputs, NonZeroUsize::new(threads).unwrap());
            let got: Vec<String> = got.iter().map(message).collect();
            assert_eq!(got, expected, "threads {threads}");
        }
        assert!(run_all(&[], NonZeroUsize::MIN).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
