//! Typed columns for Arrow, without Arrow: the buffers of each column of
//! [`nianbao::flat::dataset_schema`] laid out as the Arrow columnar format has them
//! (validity bitmap, values, offsets), which `nianbao.to_arrow` hands to
//! `pyarrow.Array.from_buffers` as they are. No Python object is made per value, and
//! the Rust extension does not link Arrow.

use std::path::Path;

use nianbao::flat::{ColumnType, Value};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use pyo3::{intern, IntoPyObjectExt};

use crate::model::Report;

/// One row of a dataset: where it comes from and what it holds.
struct Row {
    path: Option<String>,
    what: What,
}

enum What {
    Report(Py<Report>),
    Failed { code: String, message: String },
}

/// A validity bitmap (bit set = value present), least significant bit first.
#[derive(Default)]
struct Validity {
    bits: Vec<u8>,
    len: usize,
    nulls: usize,
}

impl Validity {
    /// The bitmap for `pyarrow.Array.from_buffers`, or None when no value is null.
    fn to_py<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        if self.nulls == 0 {
            py.None().into_bound(py)
        } else {
            PyBytes::new(py, &self.bits).into_any()
        }
    }

    fn push(&mut self, present: bool) {
        if self.len.is_multiple_of(8) {
            self.bits.push(0);
        }
        if present {
            if let Some(last) = self.bits.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        } else {
            self.nulls += 1;
        }
        self.len += 1;
    }
}

/// The values of one column.
enum Values {
    Int(Vec<i64>),
    Money(Vec<f64>),
    Date(Vec<i32>),
    Text { offsets: Vec<i32>, data: Vec<u8> },
}

/// One column being filled.
struct Column {
    validity: Validity,
    values: Values,
}

impl Column {
    fn new(ty: ColumnType) -> Self {
        let values = match ty {
            ColumnType::Int => Values::Int(Vec::new()),
            ColumnType::Money => Values::Money(Vec::new()),
            ColumnType::Date => Values::Date(Vec::new()),
            ColumnType::Text | ColumnType::Diagnostics => Values::Text {
                offsets: vec![0],
                data: Vec::new(),
            },
        };
        Column {
            validity: Validity::default(),
            values,
        }
    }

    fn null(&mut self) {
        self.validity.push(false);
        match &mut self.values {
            Values::Int(v) => v.push(0),
            Values::Money(v) => v.push(0.0),
            Values::Date(v) => v.push(0),
            Values::Text { offsets, data } => offsets.push(data.len() as i32),
        }
    }

    fn int(&mut self, value: Option<i64>) {
        match (&mut self.values, value) {
            (Values::Int(v), Some(i)) => {
                v.push(i);
                self.validity.push(true);
            }
            _ => self.null(),
        }
    }

    fn text(&mut self, value: Option<&str>) -> PyResult<()> {
        match (&mut self.values, value) {
            (Values::Text { offsets, data }, Some(s)) => {
                data.extend_from_slice(s.as_bytes());
                offsets.push(i32::try_from(data.len()).map_err(|_| too_much())?);
                self.validity.push(true);
            }
            _ => self.null(),
        }
        Ok(())
    }

    /// A flat value under this column's type.
    fn flat(&mut self, ty: ColumnType, value: &Value) -> PyResult<()> {
        match (ty, value, &mut self.values) {
            (ColumnType::Int, Value::Int(i), _) => self.int(Some(*i)),
            (ColumnType::Money, Value::Amount(a), Values::Money(v)) => {
                v.push(a.to_f64());
                self.validity.push(true);
            }
            (ColumnType::Date, Value::Text(t), Values::Date(v)) => {
                match nianbao::flat::date_days(t) {
                    Some(d) => {
                        v.push(d);
                        self.validity.push(true);
                    }
                    None => self.null(),
                }
            }
            (ColumnType::Text, Value::Text(t), _) => self.text(Some(t))?,
            _ => self.null(),
        }
        Ok(())
    }

    /// `(validity or None, null count, buffers…)` for `pyarrow.Array.from_buffers`.
    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let validity = self.validity.to_py(py);
        let bytes = |b: Vec<u8>| PyBytes::new(py, &b).into_any();
        let buffers: Vec<Bound<'_, PyAny>> = match self.values {
            Values::Int(v) => vec![bytes(v.iter().flat_map(|x| x.to_ne_bytes()).collect())],
            Values::Money(v) => vec![bytes(v.iter().flat_map(|x| x.to_ne_bytes()).collect())],
            Values::Date(v) => vec![bytes(v.iter().flat_map(|x| x.to_ne_bytes()).collect())],
            Values::Text { offsets, data } => vec![
                bytes(offsets.iter().flat_map(|x| x.to_ne_bytes()).collect()),
                bytes(data),
            ],
        };
        (validity, self.validity.nulls, buffers).into_bound_py_any(py)
    }
}

fn too_much() -> PyErr {
    PyValueError::new_err(
        "more than 2 GiB of text in one column: convert the results in smaller batches",
    )
}

/// The diagnostics column: a list (offsets, validity) of structs whose fields are
/// columns of their own.
struct Diagnostics {
    validity: Validity,
    offsets: Vec<i32>,
    code: Column,
    severity: Column,
    message: Column,
    line: Column,
    column: Column,
    page: Column,
}

impl Diagnostics {
    fn new() -> Self {
        Diagnostics {
            validity: Validity::default(),
            offsets: vec![0],
            code: Column::new(ColumnType::Text),
            severity: Column::new(ColumnType::Text),
            message: Column::new(ColumnType::Text),
            line: Column::new(ColumnType::Int),
            column: Column::new(ColumnType::Int),
            page: Column::new(ColumnType::Int),
        }
    }

    fn push(&mut self, diagnostics: Option<&[nianbao::Diagnostic]>) -> PyResult<()> {
        self.validity.push(diagnostics.is_some());
        for d in diagnostics.unwrap_or_default() {
            self.code.text(Some(&d.code))?;
            self.severity.text(Some(d.severity.as_str()))?;
            self.message.text(Some(&d.message))?;
            self.line.int(d.line.map(i64::from));
            self.column.int(d.column.map(i64::from));
            self.page.int(d.page.map(i64::from));
        }
        let len = self.code.validity.len;
        self.offsets
            .push(i32::try_from(len).map_err(|_| too_much())?);
        Ok(())
    }

    fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        let validity = self.validity.to_py(py);
        let offsets: Vec<u8> = self.offsets.iter().flat_map(|x| x.to_ne_bytes()).collect();
        let count = self.code.validity.len;
        let fields = PyDict::new(py);
        for (name, column) in [
            ("code", self.code),
            ("severity", self.severity),
            ("message", self.message),
            ("line", self.line),
            ("column", self.column),
            ("page", self.page),
        ] {
            fields.set_item(name, column.into_py(py)?)?;
        }
        (
            validity,
            self.validity.nulls,
            PyBytes::new(py, &offsets),
            count,
            fields,
        )
            .into_bound_py_any(py)
    }
}

/// A path given by Python (`str`, `os.PathLike` or `None`) as text.
fn path_text(item: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if item.is_none() {
        return Ok(None);
    }
    let path: std::path::PathBuf = item.extract()?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

/// Read one result of `parse_many` / `parse_files` into a row.
fn row_of(item: &Bound<'_, PyAny>, i: usize) -> PyResult<Row> {
    let py = item.py();
    if let Ok(report) = item.cast::<Report>() {
        let path = report
            .get()
            .path()
            .map(|p: &Path| p.to_string_lossy().into_owned());
        return Ok(Row {
            path,
            what: What::Report(report.clone().unbind()),
        });
    }
    let parse_error = py.import("nianbao._errors")?.getattr("ParseError")?;
    if item.is_instance(&parse_error)? {
        let text =
            |name: &str| -> PyResult<String> { item.getattr(name)?.str().map(|s| s.to_string()) };
        return Ok(Row {
            path: path_text(&item.getattr(intern!(py, "path"))?)?,
            what: What::Failed {
                code: text("code")?,
                message: text("message")?,
            },
        });
    }
    if item.is_instance_of::<pyo3::exceptions::PyOSError>() {
        let filename = item.getattr(intern!(py, "filename"))?;
        let path = if filename.is_instance_of::<PyString>() {
            Some(filename.str()?.to_string())
        } else {
            path_text(&filename).ok().flatten()
        };
        return Ok(Row {
            path,
            what: What::Failed {
                code: "io".into(),
                message: item.str()?.to_string(),
            },
        });
    }
    Err(PyTypeError::new_err(format!(
        "item {i}: expected a nianbao.Report, ParseError or OSError (what parse_files() and \
         parse_many() return), got {}",
        item.get_type().name()?
    )))
}

/// `_dataset(results, paths=None)`: `(rows, [(name, type, buffers), …])` for the
/// columns of [`nianbao::flat::dataset_schema`]; `paths`, when given, is the `path` of
/// each row (one per result).
#[pyfunction]
#[pyo3(signature = (results, paths=None))]
pub(crate) fn _dataset<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
    paths: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut rows = Vec::new();
    for (i, item) in results.try_iter()?.enumerate() {
        rows.push(row_of(&item?, i)?);
    }
    if let Some(paths) = paths {
        let given: Vec<Bound<'_, PyAny>> = paths.try_iter()?.collect::<PyResult<_>>()?;
        if given.len() != rows.len() {
            return Err(PyValueError::new_err(format!(
                "paths has {} items for {} results: give one path per result",
                given.len(),
                rows.len()
            )));
        }
        for (row, path) in rows.iter_mut().zip(given) {
            row.path = path_text(&path)?;
        }
    }
    let schema = nianbao::flat::dataset_schema();
    let built = py.detach(|| build(&schema, &rows));
    let (columns, diagnostics) = built?;
    let out = pyo3::types::PyList::empty(py);
    for (column, c) in schema.iter().zip(columns) {
        out.append((column.name.as_str(), column.ty.as_str(), c.into_py(py)?))?;
    }
    if let Some(last) = schema.last() {
        out.append((
            last.name.as_str(),
            last.ty.as_str(),
            diagnostics.into_py(py)?,
        ))?;
    }
    (rows.len(), out).into_bound_py_any(py)
}

/// Fill the columns (without the GIL: the reports are frozen Rust values).
fn build(schema: &[nianbao::flat::Column], rows: &[Row]) -> PyResult<(Vec<Column>, Diagnostics)> {
    // path, the flat columns, error, error_message; then diagnostics on its own.
    let flat = schema.len() - 4;
    let mut columns: Vec<Column> = schema[..schema.len() - 1]
        .iter()
        .map(|c| Column::new(c.ty))
        .collect();
    let mut diagnostics = Diagnostics::new();
    for row in rows {
        columns[0].text(row.path.as_deref())?;
        match &row.what {
            What::Report(report) => {
                let report = report.get().report();
                let values = nianbao::flat::values(report);
                for ((column, spec), value) in columns[1..=flat]
                    .iter_mut()
                    .zip(&schema[1..=flat])
                    .zip(&values)
                {
                    column.flat(spec.ty, value)?;
                }
                columns[flat + 1].null();
                columns[flat + 2].null();
                diagnostics.push(Some(&report.diagnostics))?;
            }
            What::Failed { code, message } => {
                for column in &mut columns[1..=flat] {
                    column.null();
                }
                columns[flat + 1].text(Some(code))?;
                columns[flat + 2].text(Some(message))?;
                diagnostics.push(None)?;
            }
        }
    }
    Ok((columns, diagnostics))
}
