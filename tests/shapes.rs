//! Page shapes seen in real reports, each with an example written here after the
//! real ones: OCR / vision-model markdown, PDF-to-markdown with floating labels, a
//! page cut out of a PDF flip-book, a title only in the HTML `<title>`, a title with a
//! space inside, and a page whose 发布时间 line and signature date differ.
//!
//! Every example is consistent except where it says otherwise, so the values are the
//! ones printed and the identities must hold (no error).

use nianbao::{parse_bytes, parse_report, Counts, Report, Severity};

fn counts(c: [u64; 7]) -> Option<Counts> {
    Some(Counts::from_columns(c.map(Some)))
}

/// Keep the text of an example in `$NIANBAO_DUMP/NAME` when that variable is set
/// (to look at it with `nianbao check`).
fn dump(name: &str, text: &str) {
    if let Some(dir) = std::env::var_os("NIANBAO_DUMP") {
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), text);
    }
}

fn errors(r: &Report) -> Vec<String> {
    r.diagnostics_of(Severity::Error)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

/// The parts 一、二 of a small 2021-template report, before part 三.
const HEAD: &str = "\
# 某某县市场监督管理局2024年政府信息公开工作年度报告

## 一、总体情况

2024年，本局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开。

## 二、主动公开政府信息情况

| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 1 | 9 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 356 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | 48 | | |
| 行政强制 | 3 | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 0 | | |

";

/// Parts 四 to 六 of the same report.
const TAIL: &str = "
## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

## 五、存在的主要问题及改进情况

政策解读形式不够丰富，下一步将加强培训。

## 六、其他需要报告的事项

本局未收取信息处理费。

某某县市场监督管理局
2025年1月20日
";

/// What part 三 of the examples holds: 6 new applications (5 自然人, 1 商业企业), 4
/// granted, 1 partly, 1 not held; nothing carried over or forward.
fn check_part_three(r: &Report) {
    let a = r.applications.as_ref().expect("part 三");
    assert_eq!(a.new_received, counts([5, 1, 0, 0, 0, 0, 6]));
    assert_eq!(a.carried_over, counts([0; 7]));
    assert_eq!(a.granted, counts([3, 1, 0, 0, 0, 0, 4]));
    assert_eq!(a.partially_granted, counts([1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(a.withheld.state_secret, counts([0; 7]));
    assert_eq!(a.withheld.security_stability, counts([0; 7]));
    assert_eq!(a.unavailable.not_held, counts([1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(a.processed_total, counts([5, 1, 0, 0, 0, 0, 6]));
    assert_eq!(a.carried_forward, counts([0; 7]));
}

/// An OCR / vision-model transcription: part 三 as one markdown table per group, the
/// groups' names as markdown headings, generic column headers (`数据1 … 数据7`), an
/// empty stub table, and a header row with one column too few.
#[test]
fn ocr_markdown_with_one_table_per_group() {
    let zeros = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let three = format!(
        "## 三、收到和处理政府信息公开申请情况

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|---|
| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
| 二、上年结转政府信息公开申请数量 {zeros}

### 三、本年度办理结果

| | | | | | | | |
|---|---|---|---|---|---|---|---|

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 |
|---|---|---|---|---|---|---|
| （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |

### （三）不予公开

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|---|
| 1.属于国家秘密 {zeros}
| 2.其他法律行政法规禁止公开 {zeros}
| 3.危及“三安全一稳定” {zeros}
| 4.保护第三方合法权益 {zeros}
| 5.属于三类内部事务信息 {zeros}
| 6.属于四类过程性信息 {zeros}
| 7.属于行政执法案卷 {zeros}
| 8.属于行政查询事项 {zeros}

### （四）无法提供

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|---|
| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 2.没有现成信息需要另行制作 {zeros}
| 3.补正后申请内容仍不明确 {zeros}

### （五）不予处理

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|---|
| 1.信访举报投诉类申请 {zeros}
| 2.重复申请 {zeros}
| 3.要求提供公开出版物 {zeros}
| 4.无正当理由大量反复申请 {zeros}
| 5.要求行政机关确认或重新出具已获取信息 {zeros}

### （六）其他处理

| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|---|
| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 {zeros}
| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 {zeros}
| 3.其他 {zeros}

### （七）总计

| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|
| 5 | 1 | 0 | 0 | 0 | 0 | 6 |

### 四、结转下年度继续办理

| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |
|---|---|---|---|---|---|---|
{zeros}
"
    );
    let text = format!("{HEAD}{three}{TAIL}");
    dump("ocr.md", &text);
    let r = parse_report(&text).unwrap();
    check_part_three(&r);
    assert_eq!(
        r.reviews.as_ref().unwrap().administrative_review.total,
        Some(1)
    );
    assert!(errors(&r).is_empty(), "{:#?}", r.diagnostics);
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
}

/// PDF-to-markdown: the rows' labels float as lines of text before the table, and the
/// table's rows come without them, in the same order.
#[test]
fn pdf_markdown_with_labels_floating_before_the_rows() {
    let zeros = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let three = format!(
        "## 三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况 自然人 法人或其他组织 总计
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
| 5 | 1 | 0 | 0 | 0 | 0 | 6 |
{zeros}
三、本年度办理结果
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
| 3 | 1 | 0 | 0 | 0 | 0 | 4 |
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
（三）不予公开
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
{zeros}
{zeros}
{zeros}
{zeros}
{zeros}
{zeros}
{zeros}
{zeros}
（四）无法提供
1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
{zeros}
{zeros}
（五）不予处理
1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
{zeros}
{zeros}
{zeros}
{zeros}
{zeros}
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
{zeros}
{zeros}
{zeros}
（七）总计
| 5 | 1 | 0 | 0 | 0 | 0 | 6 |
四、结转下年度继续办理
{zeros}
"
    );
    let text = format!("{HEAD}{three}{TAIL}");
    dump("floating.md", &text);
    let r = parse_report(&text).unwrap();
    check_part_three(&r);
    assert!(errors(&r).is_empty(), "{:#?}", r.diagnostics);
}

/// A page cut out of a PDF flip-book: it starts inside table 三 (no part heading, no
/// column headers), has `四、结转下年度继续办理` (a row, not part 四) and part 四's
/// headers one character a line.
#[test]
fn flip_book_page_starting_inside_table_three() {
    let text = "\
                      （四）无法提供    1.本机关不掌握相关政府信息        1     0     0     0     0     0     1
                                        2.没有现成信息需要另行制作        0     0     0     0     0     0     0
                                        3.补正后申请内容仍不明确          0     0     0     0     0     0     0
                      （五）不予处理    1.信访举报投诉类申请              0     0     0     0     0     0     0
                                        2.重复申请                        0     0     0     0     0     0     0
                                        3.要求提供公开出版物              0     0     0     0     0     0     0
                                        4.无正当理由大量反复申请          0     0     0     0     0     0     0
                                        5.要求行政机关确认或重新出具已获取信息
                                                                          0     0     0     0     0     0     0
                      （六）其他处理    1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
                                                                          0     0     0     0     0     0     0
                                        2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
                                                                          0     0     0     0     0     0     0
                                        3.其他                            0     0     0     0     0     0     0
                      （七）总计                                          5     1     0     0     0     0     6
四、结转下年度继续办理                                                    0     0     0     0     0     0     0

                                            - 5 -

    四、政府信息公开行政复议、行政诉讼情况

        行                                           行
        政                                           政
        复                                           诉
        议                                           讼

  结    结    其    尚                      未经复议直接起诉              复议后起诉
  果    果    他    未    总
  维    纠    结    审    计
  持    正    果    结
  1     0     0     0     1     0     0     0     0     0     0     0     0     0     0

    五、存在的主要问题及改进情况
    政策解读形式不够丰富。
";
    dump("flipbook.txt", text);
    let r = parse_report(text).unwrap();
    let a = r
        .applications
        .as_ref()
        .expect("the rows of part 三 on the page");
    assert_eq!(a.unavailable.not_held, counts([1, 0, 0, 0, 0, 0, 1]));
    assert_eq!(a.not_processed.confirmation, counts([0; 7]));
    assert_eq!(a.other_handling.overdue_fee, counts([0; 7]));
    assert_eq!(a.processed_total, counts([5, 1, 0, 0, 0, 0, 6]));
    assert_eq!(a.carried_forward, counts([0; 7]));
    // the rows before the page are missing, not invented
    assert_eq!(a.new_received, None);
    assert_eq!(a.granted, None);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "applications.row_missing" && d.message.contains("本年新收")));
    let reviews = r.reviews.as_ref().expect("part 四");
    assert_eq!(reviews.administrative_review.upheld, Some(1));
    assert_eq!(reviews.administrative_review.total, Some(1));
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [4, 5], "四、结转下年度继续办理 is not part 四");
    assert!(errors(&r).is_empty(), "{:#?}", r.diagnostics);
}

/// A page whose body has no title: the report's title is the page's `<title>`
/// (without the site's name after it).
#[test]
fn title_only_in_the_html_title() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/qijiang-gongan-2024.txt"
    ))
    .unwrap();
    // the report's body as paragraphs, without its title lines
    let body: String = text
        .lines()
        .skip_while(|l| !l.contains("一、总体情况"))
        .map(|l| format!("<p>{}</p>\n", l.trim()))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>重庆市綦江区公安局2024年政府信息公开工作年度报告 - 綦江区人民政府</title></head><body>{body}</body></html>"
    );
    let r = parse_bytes(html.as_bytes()).unwrap();
    assert_eq!(
        r.title.as_deref(),
        Some("重庆市綦江区公安局2024年政府信息公开工作年度报告")
    );
    assert_eq!(r.agency.as_deref(), Some("重庆市綦江区公安局"));
    assert_eq!(r.year, Some(2024));
}

/// A title printed with a space inside (`2018 年`, `工作 年度报告`): the title is read
/// with its words joined, and its agency and year.
#[test]
fn title_with_a_space_inside() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/qijiang-gongan-2024.txt"
    ))
    .unwrap();
    let spaced = text.replacen(
        "2024年政府信息公开工作年度报告",
        "2024 年政府信息公开工作 年度报告",
        1,
    );
    assert_ne!(spaced, text);
    let r = parse_report(&spaced).unwrap();
    assert_eq!(
        r.title.as_deref(),
        Some("重庆市綦江区公安局2024年政府信息公开工作年度报告")
    );
    assert_eq!(r.agency.as_deref(), Some("重庆市綦江区公安局"));
    assert_eq!(r.year, Some(2024));
}

/// A portal page with a 发布时间 line and a different signature date: `published` is
/// the 发布时间 line (output-schema.md: the page's line, else the signature).
#[test]
fn published_line_wins_over_the_signature() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/pingtan-jjf-2023.txt"
    ))
    .unwrap();
    assert!(text.contains("发布时间: 2024-01-30"));
    assert!(text.trim_end().ends_with("2024年1月29日"));
    let r = parse_report(&text).unwrap();
    assert_eq!(r.published.as_deref(), Some("2024-01-30"));
    // without the portal's line, the signature
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with("发布时间"))
        .collect::<Vec<_>>()
        .join("\n");
    let r = parse_report(&body).unwrap();
    assert_eq!(r.published.as_deref(), Some("2024-01-29"));
}
