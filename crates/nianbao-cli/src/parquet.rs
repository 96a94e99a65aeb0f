//! `nianbao parse --parquet OUT.parquet`: one typed row per input in a Parquet file.
//!
//! The columns and their types are the library's ([`nianbao::flat::dataset_schema`]):
//! `path`, the flat columns (counts and years `int64`, money `float64`, text `utf8`,
//! the date of issue `date32`), `error`, `error_message` and `diagnostics` (a list of
//! structs). Rows are written in row groups of [`ROW_GROUP`] as they come, so at most
//! one row group of rows is held in memory.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
    StructBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use nianbao::flat::{ColumnType, Value};
use nianbao::Report;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::input::Failure;

/// Rows per row group.
pub const ROW_GROUP: usize = 4096;

/// Rows held in the Arrow builders before they go to the Parquet writer, which encodes
/// them into the row group in progress: the builders hold a quarter of a row group's
/// text (diagnostic messages, paths), not all of it. Equal to the writer's batch size
/// (`WriterProperties::write_batch_size`, 1024), so pages are cut where a whole row
/// group handed over at once would cut them, and the file is the same.
const BATCH: usize = 1024;

/// The fields of one diagnostic.
fn diagnostic_fields() -> Fields {
    Fields::from(vec![
        Field::new("code", DataType::Utf8, true),
        Field::new("severity", DataType::Utf8, true),
        Field::new("message", DataType::Utf8, true),
        Field::new("line", DataType::Int64, true),
        Field::new("column", DataType::Int64, true),
        Field::new("page", DataType::Int64, true),
    ])
}

/// The Arrow type of a column type.
fn data_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Int => DataType::Int64,
        ColumnType::Money => DataType::Float64,
        ColumnType::Text => DataType::Utf8,
        ColumnType::Date => DataType::Date32,
        ColumnType::Diagnostics => DataType::List(Arc::new(Field::new(
            "item",
            DataType::Struct(diagnostic_fields()),
            true,
        ))),
    }
}

/// The Arrow schema of the Parquet file: every column of
/// [`nianbao::flat::dataset_schema`], nullable.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(
        nianbao::flat::dataset_schema()
            .into_iter()
            .map(|c| Field::new(c.name, data_type(c.ty), true))
            .collect::<Vec<_>>(),
    ))
}

/// One column being filled.
enum Column {
    Int(Int64Builder),
    Money(Float64Builder),
    Text(StringBuilder),
    Date(Date32Builder),
    Diagnostics(ListBuilder<StructBuilder>),
}

impl Column {
    fn new(ty: ColumnType) -> Self {
        match ty {
            ColumnType::Int => Column::Int(Int64Builder::new()),
            ColumnType::Money => Column::Money(Float64Builder::new()),
            ColumnType::Text => Column::Text(StringBuilder::new()),
            ColumnType::Date => Column::Date(Date32Builder::new()),
            ColumnType::Diagnostics => Column::Diagnostics(
                ListBuilder::new(StructBuilder::from_fields(diagnostic_fields(), 0)).with_field(
                    Field::new("item", DataType::Struct(diagnostic_fields()), true),
                ),
            ),
        }
    }

    fn null(&mut self) {
        match self {
            Column::Int(b) => b.append_null(),
            Column::Money(b) => b.append_null(),
            Column::Text(b) => b.append_null(),
            Column::Date(b) => b.append_null(),
            Column::Diagnostics(b) => b.append_null(),
        }
    }

    fn text(&mut self, value: &str) {
        match self {
            Column::Text(b) => b.append_value(value),
            other => other.null(),
        }
    }

    /// A flat value, under the column's type.
    fn flat(&mut self, value: &Value) {
        match (self, value) {
            (Column::Int(b), Value::Int(i)) => b.append_value(*i),
            (Column::Money(b), Value::Amount(a)) => b.append_value(a.to_f64()),
            (Column::Text(b), Value::Text(t)) => b.append_value(t),
            (Column::Date(b), Value::Text(t)) => b.append_option(nianbao::flat::date_days(t)),
            (column, _) => column.null(),
        }
    }

    fn diagnostics(&mut self, diagnostics: &[nianbao::Diagnostic]) {
        let Column::Diagnostics(list) = self else {
            return self.null();
        };
        let items = list.values();
        for d in diagnostics {
            let line = |v: Option<u32>| v.map(i64::from);
            if let Some(b) = items.field_builder::<StringBuilder>(0) {
                b.append_value(&d.code);
            }
            if let Some(b) = items.field_builder::<StringBuilder>(1) {
                b.append_value(d.severity.as_str());
            }
            if let Some(b) = items.field_builder::<StringBuilder>(2) {
                b.append_value(&d.message);
            }
            for (i, v) in [(3, line(d.line)), (4, line(d.column)), (5, line(d.page))] {
                if let Some(b) = items.field_builder::<Int64Builder>(i) {
                    b.append_option(v);
                }
            }
            items.append(true);
        }
        list.append(true);
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Int(b) => Arc::new(b.finish()),
            Column::Money(b) => Arc::new(b.finish()),
            Column::Text(b) => Arc::new(b.finish()),
            Column::Date(b) => Arc::new(b.finish()),
            Column::Diagnostics(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::Int(b) => b.len(),
            Column::Money(b) => b.len(),
            Column::Text(b) => b.len(),
            Column::Date(b) => b.len(),
            Column::Diagnostics(b) => b.len(),
        }
    }
}

/// A Parquet file being written, one row per input.
pub struct Writer {
    schema: SchemaRef,
    columns: Vec<Column>,
    writer: ArrowWriter<File>,
}

impl Writer {
    /// Create (or truncate) the file at `path`.
    pub fn create(path: &Path) -> Result<Self, String> {
        let file =
            File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let schema = schema();
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let columns = nianbao::flat::dataset_schema()
            .into_iter()
            .map(|c| Column::new(c.ty))
            .collect();
        Ok(Writer {
            schema,
            columns,
            writer,
        })
    }

    /// Add the row of one input: its report, or why it gave none.
    pub fn push(&mut self, path: &str, result: Result<&Report, &Failure>) -> Result<(), String> {
        let last = self.columns.len() - 1;
        let (first, rest) = self.columns.split_at_mut(1);
        first[0].text(path);
        let (flat, tail) = rest.split_at_mut(last - 3);
        match result {
            Ok(report) => {
                for (column, value) in flat.iter_mut().zip(nianbao::flat::values(report)) {
                    column.flat(&value);
                }
                tail[0].null();
                tail[1].null();
                tail[2].diagnostics(&report.diagnostics);
            }
            Err(failure) => {
                for column in flat.iter_mut() {
                    column.null();
                }
                tail[0].text(failure.code());
                tail[1].text(&failure.message());
                tail[2].null();
            }
        }
        if self.columns[0].len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Write the rows held so far.
    fn flush(&mut self) -> Result<(), String> {
        if self.columns[0].len() == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| format!("cannot build a batch of rows: {e}"))?;
        self.writer
            .write(&batch)
            .map_err(|e| format!("cannot write the Parquet file: {e}"))
    }

    /// Write the remaining rows and the file's footer.
    pub fn finish(mut self) -> Result<(), String> {
        self.flush()?;
        self.writer
            .close()
            .map(|_| ())
            .map_err(|e| format!("cannot finish the Parquet file: {e}"))
    }
}
