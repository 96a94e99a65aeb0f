//! `nianbao parse --parquet`: the file's schema is the library's typed schema, every
//! row equals the `--jsonl` output for the same file, failed files are rows with their
//! error, and rows are written in bounded row groups.
#![cfg(feature = "parquet")]

use std::path::{Path, PathBuf};
use std::process::Command;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use nianbao::flat::ColumnType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("parquet-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn nianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

/// Every batch of a Parquet file, and its number of row groups.
fn read(path: &Path) -> (Vec<RecordBatch>, usize) {
    let file = std::fs::File::open(path).expect("the Parquet file");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("a Parquet file");
    let groups = builder.metadata().num_row_groups();
    let batches = builder
        .build()
        .expect("reader")
        .collect::<Result<Vec<_>, _>>()
        .expect("batches");
    (batches, groups)
}

/// The value at a dotted path of a JSON object (`Null` when absent).
fn at<'a>(json: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .try_fold(json, |v, k| v.get(k))
        .unwrap_or(&Value::Null)
}

/// Days since 1970-01-01 of `YYYY-MM-DD`, counted day by day (independent of
/// `nianbao::flat::date_days`).
fn days(date: &str) -> i32 {
    let (y, rest) = date.split_at(4);
    let (y, m, d): (i32, u32, u32) = (
        y.parse().unwrap(),
        rest[1..3].parse().unwrap(),
        rest[4..6].parse().unwrap(),
    );
    let leap = |y: i32| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let year_days: i32 = (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum();
    let months = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    year_days + months[..m as usize - 1].iter().sum::<i32>() + d as i32 - 1
}

#[test]
fn every_row_equals_the_jsonl_of_its_file() {
    let dir = scratch("rows");
    let out = dir.join("out.parquet");
    let fixtures = repo().join("tests/fixtures");
    let fixtures = fixtures.to_str().unwrap();
    let missing = dir.join("missing.txt");
    let missing = missing.to_str().unwrap();
    let run = nianbao(&[
        "parse",
        "--parquet",
        out.to_str().unwrap(),
        fixtures,
        missing,
    ]);
    assert_eq!(
        run.status.code(),
        Some(2),
        "a file is missing and one is not a report"
    );
    assert!(run.stdout.is_empty());
    let jsonl = nianbao(&["parse", "--jsonl", fixtures, missing]);
    let lines: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let (batches, _) = read(&out);
    let schema = nianbao::flat::dataset_schema();
    assert_eq!(batches.len(), 1, "the fixtures fit one batch");
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), lines.len());
    assert!(lines.len() > 15);
    let batch_schema = batch.schema();
    let names: Vec<&str> = batch_schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    let want: Vec<&str> = schema.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, want);

    let mut compared = 0;
    for (row, line) in lines.iter().enumerate() {
        assert_eq!(
            batch.column(0).as_string::<i32>().value(row),
            line["file"].as_str().unwrap()
        );
        let report = line.get("report");
        for (i, column) in schema.iter().enumerate().skip(1) {
            let array = batch.column(i);
            let name = column.name.as_str();
            let want: Value = match (name, report) {
                ("error", None) => line["error"]["code"].clone(),
                ("error_message", None) => line["error"]["message"].clone(),
                ("diagnostics", Some(r)) => r["diagnostics"].clone(),
                (_, None) | ("error" | "error_message", _) => Value::Null,
                ("sections", Some(r)) => Value::from(
                    r["sections"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s["number"].to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                ("errors" | "warnings" | "error_codes", Some(r)) => {
                    let severity = if name == "warnings" {
                        "warning"
                    } else {
                        "error"
                    };
                    let of: Vec<&Value> = r["diagnostics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|d| d["severity"] == severity)
                        .collect();
                    if name == "error_codes" {
                        Value::from(
                            of.iter()
                                .map(|d| d["code"].as_str().unwrap())
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    } else {
                        Value::from(of.len())
                    }
                }
                (_, Some(r)) => at(r, name).clone(),
            };
            if array.is_null(row) {
                assert!(
                    want.is_null() || name == "diagnostics" && report.is_none(),
                    "{name} row {row}: null, want {want}"
                );
                continue;
            }
            compared += 1;
            match column.ty {
                ColumnType::Int => assert_eq!(
                    Some(array.as_primitive::<Int64Type>().value(row)),
                    want.as_i64(),
                    "{name} row {row}"
                ),
                ColumnType::Money => assert_eq!(
                    Some(array.as_primitive::<Float64Type>().value(row)),
                    want.as_f64(),
                    "{name} row {row}"
                ),
                ColumnType::Text => assert_eq!(
                    Some(array.as_string::<i32>().value(row)),
                    want.as_str(),
                    "{name} row {row}"
                ),
                ColumnType::Date => assert_eq!(
                    array.as_primitive::<Date32Type>().value(row),
                    days(want.as_str().unwrap()),
                    "{name} row {row}"
                ),
                ColumnType::Diagnostics => {
                    let items = array.as_list::<i32>().value(row);
                    let items = items.as_struct();
                    let want = want.as_array().unwrap();
                    assert_eq!(items.len(), want.len());
                    for (j, d) in want.iter().enumerate() {
                        assert_eq!(
                            items.column(0).as_string::<i32>().value(j),
                            d["code"].as_str().unwrap()
                        );
                        assert_eq!(
                            items.column(1).as_string::<i32>().value(j),
                            d["severity"].as_str().unwrap()
                        );
                        assert_eq!(
                            items.column(2).as_string::<i32>().value(j),
                            d["message"].as_str().unwrap()
                        );
                        let line = items.column(3).as_primitive::<Int64Type>();
                        assert_eq!(
                            (!line.is_null(j)).then(|| line.value(j)),
                            d["line"].as_i64()
                        );
                    }
                }
            }
        }
    }
    assert!(compared > 3000, "{compared} values compared");
    // the failed inputs
    let error = batch.column_by_name("error").unwrap().as_string::<i32>();
    let codes: Vec<&str> = (0..batch.num_rows())
        .filter(|&r| !error.is_null(r))
        .map(|r| error.value(r))
        .collect();
    assert!(
        codes.contains(&"io") && codes.contains(&"pre_2019_template"),
        "{codes:?}"
    );
}

#[test]
fn rows_go_out_in_row_groups() {
    let dir = scratch("groups");
    let out = dir.join("out.parquet");
    // Inputs that fail fast (missing files): more than one row group of them.
    let names: Vec<String> = (0..4100)
        .map(|i| dir.join(format!("missing-{i}.txt")).display().to_string())
        .collect();
    let mut args = vec!["parse", "--parquet", out.to_str().unwrap()];
    args.extend(names.iter().map(String::as_str));
    let run = nianbao(&args);
    assert_eq!(run.status.code(), Some(2));
    let (batches, groups) = read(&out);
    assert_eq!(groups, 2, "4096 rows a group");
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, 4100);
    let last = batches.last().unwrap();
    let path = last.column(0).as_string::<i32>();
    assert_eq!(path.value(last.num_rows() - 1), names[4099]);
}

#[test]
fn an_unwritable_output_is_an_error() {
    let dir = scratch("unwritable");
    let out = dir.join("no/such/dir/out.parquet");
    let report = repo().join("tests/fixtures/qijiang-gongan-2024.txt");
    let run = nianbao(&[
        "parse",
        "--parquet",
        out.to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("cannot create") && err.contains("out.parquet"),
        "{err}"
    );
}
