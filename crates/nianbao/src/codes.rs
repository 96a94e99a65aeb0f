//! Every diagnostic code, what it checks and its severity.
//!
//! Codes are stable, dotted, and start with what they concern. Messages are in
//! Chinese and name the cells and values; `line` / `column` point at the cell (or the
//! row label) concerned.
//!
//! | code | severity | what it means |
//! |---|---|---|
//! | `input.truncated` | warning | a PDF ([`crate::parse_bytes`]) does not end as a PDF does (no `%%EOF` in its last 1,024 bytes): cut short in a download or a copy, its last pages are probably missing; what its pages give is read. Without a line. |
//! | `applications.balance` | error | part 三, one column: 一 + 二 ≠ （七）总计 + 四 (the identity printed in the table's corner) |
//! | `applications.outcomes_sum` | error | part 三, one column: （七）总计 ≠ （一）+（二）+ Σ（三）+ Σ（四）+ Σ（五）+ Σ（六） |
//! | `applications.row_total` | error | part 三, one row: 总计 ≠ the sum of the six applicant columns |
//! | `applications.not_assessable` | info | one of the identities above has a blank operand and cannot be checked |
//! | `applications.row_missing` | warning | a row of the template was not found in part 三 |
//! | `applications.row_incomplete` | warning | a row of part 三 has fewer or more cells than the template; its cells are `null` |
//! | `applications.other_handling_single_row` | warning | a 2021 table prints （六）其他处理 as one row; stored in `other_handling.other` |
//! | `reviews.group_total` | error | part 四, one group: 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结 |
//! | `reviews.not_assessable` | info | a part-四 identity has a blank operand and cannot be checked |
//! | `reviews.incomplete` | warning | part 四 does not have its 15 cells; the missing ones are `null` |
//! | `active_disclosure.row_missing` | warning | a row of the part-二 table was not found |
//! | `active_disclosure.row_incomplete` | warning | a part-二 row has fewer or more cells than its columns; its cells are `null` |
//! | `processing_fees.incomplete` | warning | the 信息处理费收取情况 table does not have its 3 cells; they are `null` |
//! | `processing_fees.collected_exceeds_notified` | warning | 实际收取金额 is more than 通知收取金额 |
//! | `processing_fees.unpaid` | info | a fee was notified but not (fully) collected: compare table 三's （六）2 row (逾期未按收费通知要求缴纳费用), whose total is given |
//! | `structure.template_outdated` | warning | a 2019-template table in a report for 2021 or later |
//! | `structure.template_mixed` | warning | part 二 mixes the headers or row names of both templates |
//! | `structure.section_missing` | warning | one of the parts 一…五 has no heading (六 is optional) |
//! | `structure.section_order` | warning | the parts are not in the order 一…六 |
//! | `structure.table_missing` | warning | part 二, 三 or 四 has no table |
//! | `cell.not_a_number` | error | a value cell holds text that is not a number |
//! | `cell.negative` | error | a negative number where only 本年增/减 may be signed |
//! | `cell.decimal` | error | a decimal in a count (only money has decimals) |
//! | `cell.overflow` | error | a number too large for its type; the cell is `null` |
//! | `cell.unit` | info | a cell carried a unit (`251000元`); the number is kept, the raw text is in the message |
//! | `cell.glued_split` | info | the digits of neighbouring cells were glued; the only split for which the identities hold was taken |
//! | `cell.glued_ambiguous` | warning | glued digits allow more than one split; the undecided cells are `null` |
//! | `cell.implausible` | warning | a value that looks like a year, a date or a phone number, or is far out of the range of the other cells of its table; the value is kept and its source text quoted |
//! | `narrative.received` | warning | the prose's 收到…申请N件 matches neither 一 nor 一+二 of part 三 |
//! | `narrative.carried_over` | warning | the prose's 上年结转N件 differs from 二 of part 三 |
//! | `narrative.carried_forward` | warning | the prose's 结转下年度N件 differs from 四 of part 三 |
//! | `narrative.review` | warning | the prose's 行政复议N件 differs from part 四's 行政复议总计 |
//! | `narrative.litigation` | warning | the prose's 行政诉讼N件 differs from part 四's 行政诉讼 totals |
//!
//! Codes of the checks across reports ([`crate::audit`]); their findings name every
//! report they compare:
//!
//! | code | severity | what it means |
//! |---|---|---|
//! | `series.carry_chain` | error | 表三 二、上年结转 of year N ≠ 四、结转下年度继续办理 of year N−1 of the same body, in one applicant column |
//! | `series.in_force_rollforward` | warning | 现行有效件数 of 规章 or 行政规范性文件 in year N ≠ year N−1's + 本年制发 − 本年废止 (both 2021 template); the message says by how much |
//! | `series.text_reuse` | warning | more than half of the prose of 总体情况 or 存在的主要问题及改进情况 is made of 13-character runs of the same part of year N−1; the message gives the share |
//! | `series.duplicate` | error | two reports of the same body and year whose tables differ in a cell both give |
//! | `series.duplicate_copy` | info | two reports of the same body and year whose tables agree (copies of one report) |
//! | `series.gap` | info | a year missing between two years a body has reports for |
//! | `series.not_assessable` | info | a check across years has a blank operand, a missing table, or a 2019-template table without 现行有效件数 |
//! | `series.ungrouped` | info | a report without agency or year: not compared with others |
//! | `timeliness.late` | warning | published after the statutory deadline (条例 第四十九条: a department by 1月31日 of the next year, a 县级以上人民政府 by 3月31日) |
//! | `timeliness.not_assessable` | info | no date of issue, or a body (镇, 乡, 街道) whose deadline the 条例 does not set |
//! | `rollup.sum` | warning | a 表三 cell of a parent's report ≠ the sum of its children's for that year (with a caller-given hierarchy; "不一致", as coverage differs between places) |
//! | `rollup.not_assessable` | info | a child without a report for that year, blank cells, or a name of the hierarchy without reports |
//!
//! ```
//! assert!(nianbao::codes::ALL.iter().any(|(c, _)| *c == nianbao::codes::APPLICATIONS_BALANCE));
//! ```

use crate::{Diagnostic, Severity};

/// A diagnostic of `code` with its severity from [`ALL`], at no place yet: every
/// check, of one report or across reports, makes its diagnostics here.
pub(crate) fn diagnostic(code: &str, message: String) -> Diagnostic {
    let severity = ALL
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Severity::Warning, |(_, s)| *s);
    Diagnostic {
        code: code.to_string(),
        severity,
        message,
        line: None,
        column: None,
        page: None,
    }
}

macro_rules! codes {
    ($($(#[$m:meta])* $name:ident = $code:literal, $sev:ident;)*) => {
        $($(#[$m])* pub const $name: &str = $code;)*
        /// Every code with its severity.
        pub const ALL: &[(&str, Severity)] = &[$(($code, Severity::$sev)),*];
    };
}

codes! {
    /// A PDF cut short: its last pages are probably missing.
    INPUT_TRUNCATED = "input.truncated", Warning;
    /// Part 三: 一 + 二 ≠ （七）+ 四 in a column.
    APPLICATIONS_BALANCE = "applications.balance", Error;
    /// Part 三: （七）总计 ≠ sum of the outcomes in a column.
    APPLICATIONS_OUTCOMES_SUM = "applications.outcomes_sum", Error;
    /// Part 三: 总计 ≠ sum of the six applicant columns in a row.
    APPLICATIONS_ROW_TOTAL = "applications.row_total", Error;
    /// Part 三: an identity with a blank operand.
    APPLICATIONS_NOT_ASSESSABLE = "applications.not_assessable", Info;
    /// Part 三: a template row not found.
    APPLICATIONS_ROW_MISSING = "applications.row_missing", Warning;
    /// Part 三: a row with the wrong number of cells.
    APPLICATIONS_ROW_INCOMPLETE = "applications.row_incomplete", Warning;
    /// Part 三: a 2021 table with （六）其他处理 as one row.
    APPLICATIONS_OTHER_HANDLING_SINGLE_ROW = "applications.other_handling_single_row", Warning;
    /// Part 四: 总计 ≠ sum of the four outcomes of a group.
    REVIEWS_GROUP_TOTAL = "reviews.group_total", Error;
    /// Part 四: an identity with a blank operand.
    REVIEWS_NOT_ASSESSABLE = "reviews.not_assessable", Info;
    /// Part 四: fewer than 15 cells.
    REVIEWS_INCOMPLETE = "reviews.incomplete", Warning;
    /// The 信息处理费收取情况 table without its 3 cells.
    PROCESSING_FEES_INCOMPLETE = "processing_fees.incomplete", Warning;
    /// 实际收取金额 more than 通知收取金额.
    PROCESSING_FEES_COLLECTED_EXCEEDS_NOTIFIED = "processing_fees.collected_exceeds_notified", Warning;
    /// A fee notified but not collected, against table 三's （六）2 row.
    PROCESSING_FEES_UNPAID = "processing_fees.unpaid", Info;
    /// Part 二: a row not found.
    ACTIVE_DISCLOSURE_ROW_MISSING = "active_disclosure.row_missing", Warning;
    /// Part 二: a row with the wrong number of cells.
    ACTIVE_DISCLOSURE_ROW_INCOMPLETE = "active_disclosure.row_incomplete", Warning;
    /// A 2019 table in a report for 2021 or later.
    STRUCTURE_TEMPLATE_OUTDATED = "structure.template_outdated", Warning;
    /// Part 二 mixes both templates.
    STRUCTURE_TEMPLATE_MIXED = "structure.template_mixed", Warning;
    /// A part 一…五 without heading.
    STRUCTURE_SECTION_MISSING = "structure.section_missing", Warning;
    /// Parts out of order.
    STRUCTURE_SECTION_ORDER = "structure.section_order", Warning;
    /// Part 二, 三 or 四 without its table.
    STRUCTURE_TABLE_MISSING = "structure.table_missing", Warning;
    /// A value cell that is not a number.
    CELL_NOT_A_NUMBER = "cell.not_a_number", Error;
    /// A negative number where none is allowed.
    CELL_NEGATIVE = "cell.negative", Error;
    /// A decimal in a count.
    CELL_DECIMAL = "cell.decimal", Error;
    /// A number too large for its type.
    CELL_OVERFLOW = "cell.overflow", Error;
    /// A cell with a unit.
    CELL_UNIT = "cell.unit", Info;
    /// Glued digits split by the identities.
    CELL_GLUED_SPLIT = "cell.glued_split", Info;
    /// Glued digits with more than one possible split.
    CELL_GLUED_AMBIGUOUS = "cell.glued_ambiguous", Warning;
    /// A value that looks like a year, date or phone number, or is far out of range.
    CELL_IMPLAUSIBLE = "cell.implausible", Warning;
    /// Prose 收到…申请N件 against part 三.
    NARRATIVE_RECEIVED = "narrative.received", Warning;
    /// Prose 上年结转N件 against part 三.
    NARRATIVE_CARRIED_OVER = "narrative.carried_over", Warning;
    /// Prose 结转下年度N件 against part 三.
    NARRATIVE_CARRIED_FORWARD = "narrative.carried_forward", Warning;
    /// Prose 行政复议N件 against part 四.
    NARRATIVE_REVIEW = "narrative.review", Warning;
    /// Prose 行政诉讼N件 against part 四.
    NARRATIVE_LITIGATION = "narrative.litigation", Warning;
    /// Across years: 上年结转 ≠ last year's 结转下年度, in a column.
    SERIES_CARRY_CHAIN = "series.carry_chain", Error;
    /// Across years: 现行有效件数 does not roll forward.
    SERIES_IN_FORCE_ROLLFORWARD = "series.in_force_rollforward", Warning;
    /// Across years: a part's prose mostly repeats last year's.
    SERIES_TEXT_REUSE = "series.text_reuse", Warning;
    /// Two reports of one body and year with different tables.
    SERIES_DUPLICATE = "series.duplicate", Error;
    /// Two reports of one body and year with the same tables.
    SERIES_DUPLICATE_COPY = "series.duplicate_copy", Info;
    /// A year missing in a body's run of years.
    SERIES_GAP = "series.gap", Info;
    /// A check across years that cannot be assessed.
    SERIES_NOT_ASSESSABLE = "series.not_assessable", Info;
    /// A report without agency or year, not compared.
    SERIES_UNGROUPED = "series.ungrouped", Info;
    /// Published after the statutory deadline.
    TIMELINESS_LATE = "timeliness.late", Warning;
    /// The deadline cannot be checked.
    TIMELINESS_NOT_ASSESSABLE = "timeliness.not_assessable", Info;
    /// A parent's 表三 cell ≠ the sum of its children's.
    ROLLUP_SUM = "rollup.sum", Warning;
    /// A rollup that cannot be checked.
    ROLLUP_NOT_ASSESSABLE = "rollup.not_assessable", Info;
}
