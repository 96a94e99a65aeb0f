// The three tables of a 政府信息公开工作年度报告 as the page draws them (labels as in
// the national templates), and which cells a diagnostic concerns.
//
// A diagnostic carries a stable `code`, a Chinese `message` that names the table, the
// row (in quotes: 表三“（七）总计”行) and, where one column is concerned, the column
// (总计列), and the `line`/`column` of the cell in the source text. The model does not
// say which source line each cell came from, so cells are found from the diagnostic
// itself:
//   1. the code says which identity or check it is (applications.balance, reviews.
//      group_total, narrative.review, …) and so which rows/columns take part;
//   2. the message says which row (its label, matched by key words that are unique
//      among the template's rows) and which column (“X列”, or “第N个数值”);
//   3. a diagnostic naming no cell (structure.*, an unknown code without a row label)
//      highlights nothing and is still listed with its line.
// `primary` marks the cell the diagnostic is about (the total that disagrees, the cell
// that could not be read); the other cells are the operands of the identity.
// Pure functions, no DOM: the Node tests import this file too.

/** The seven columns of part 三. */
export const COUNT_COLUMNS = [
  { key: "natural_person", label: "自然人" },
  { key: "commercial_enterprise", label: "商业企业" },
  { key: "research_institution", label: "科研机构" },
  { key: "social_welfare_org", label: "社会公益组织" },
  { key: "legal_service_org", label: "法律服务机构" },
  { key: "other_org", label: "其他" },
  { key: "total", label: "总计" },
];

/**
 * The rows of part 三 in table order: path under `applications`, the label printed in
 * the table, the group (（三）…（六）) it belongs to, and the key words that find it in a
 * diagnostic's row label.
 */
export const APPLICATION_ROWS = [
  { path: "new_received", label: "一、本年新收政府信息公开申请数量", match: /本年新收/ },
  { path: "carried_over", label: "二、上年结转政府信息公开申请数量", match: /上年结转/ },
  { path: "granted", label: "（一）予以公开", match: /予以公开/ },
  { path: "partially_granted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", match: /部分公开/ },
  { path: "withheld.state_secret", group: "（三）不予公开", label: "1.属于国家秘密", match: /国家秘密/ },
  { path: "withheld.prohibited_by_law", group: "（三）不予公开", label: "2.其他法律行政法规禁止公开", match: /禁止公开/ },
  { path: "withheld.security_stability", group: "（三）不予公开", label: "3.危及“三安全一稳定”", match: /三安全/ },
  { path: "withheld.third_party_rights", group: "（三）不予公开", label: "4.保护第三方合法权益", match: /第三方/ },
  { path: "withheld.internal_affairs", group: "（三）不予公开", label: "5.属于三类内部事务信息", match: /内部事务/ },
  { path: "withheld.process_information", group: "（三）不予公开", label: "6.属于四类过程性信息", match: /过程性/ },
  { path: "withheld.enforcement_files", group: "（三）不予公开", label: "7.属于行政执法案卷", match: /执法案卷/ },
  { path: "withheld.administrative_query", group: "（三）不予公开", label: "8.属于行政查询事项", match: /行政查询/ },
  { path: "unavailable.not_held", group: "（四）无法提供", label: "1.本机关不掌握相关政府信息", match: /不掌握/ },
  { path: "unavailable.needs_creation", group: "（四）无法提供", label: "2.没有现成信息需要另行制作", match: /另行制作|没有现成/ },
  { path: "unavailable.still_unclear", group: "（四）无法提供", label: "3.补正后申请内容仍不明确", match: /仍不明确|补正后/ },
  { path: "not_processed.complaint_petition", group: "（五）不予处理", label: "1.信访举报投诉类申请", match: /信访|举报投诉/ },
  { path: "not_processed.duplicate", group: "（五）不予处理", label: "2.重复申请", match: /重复申请/ },
  { path: "not_processed.publication", group: "（五）不予处理", label: "3.要求提供公开出版物", match: /出版物/ },
  { path: "not_processed.excessive", group: "（五）不予处理", label: "4.无正当理由大量反复申请", match: /大量反复/ },
  { path: "not_processed.confirmation", group: "（五）不予处理", label: "5.要求行政机关确认或重新出具已获取信息", match: /确认或重新出具|重新出具/ },
  { path: "other_handling.overdue_correction", group: "（六）其他处理", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", match: /逾期不补正/, only2021: true },
  { path: "other_handling.overdue_fee", group: "（六）其他处理", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", match: /收费通知|缴纳费用/, only2021: true },
  { path: "other_handling.other", group: "（六）其他处理", label: "3.其他", match: /[3３][.．、]\s*其他(?!法律)|其他处理\s*$/ },
  { path: "processed_total", label: "（七）总计", match: /[（(]七[）)]|^\s*总计\s*$/ },
  { path: "carried_forward", label: "四、结转下年度继续办理", match: /结转下年度/ },
];

/** The outcome rows of part 三 (（一）…（六）), whose sum is （七）总计. */
export const OUTCOME_ROWS = APPLICATION_ROWS.slice(2, 23).map((r) => r.path);

/** The five columns of each group of part 四. */
export const REVIEW_COLUMNS = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: "总计" },
];

/** The three groups of part 四, in table order, with the words that find them. */
export const REVIEW_GROUPS = [
  { key: "administrative_review", label: "行政复议", match: /行政复议(?!后)/ },
  { key: "litigation_direct", label: "未经复议直接起诉", match: /未经复议|直接起诉/ },
  { key: "litigation_after_review", label: "复议后起诉", match: /复议后起诉/ },
];

/** Part 二 of the 2021 template: sub-tables by caption, their columns and rows. */
export const ACTIVE_2021 = [
  {
    caption: "第二十条第（一）项",
    columns: [{ key: "issued", label: "本年制发件数" }, { key: "repealed", label: "本年废止件数" }, { key: "in_force", label: "现行有效件数" }],
    rows: [{ key: "regulations", label: "规章" }, { key: "normative_documents", label: "行政规范性文件" }],
  },
  { caption: "第二十条第（五）项", columns: [{ key: "decisions", label: "本年处理决定数量" }], rows: [{ key: "licensing", label: "行政许可" }] },
  {
    caption: "第二十条第（六）项",
    columns: [{ key: "decisions", label: "本年处理决定数量" }],
    rows: [{ key: "penalty", label: "行政处罚" }, { key: "coercion", label: "行政强制" }],
  },
  { caption: "第二十条第（八）项", columns: [{ key: "amount", label: "本年收费金额（单位：万元）" }], rows: [{ key: "fees", label: "行政事业性收费" }] },
];

const CHANGE_COLUMNS = [{ key: "previous_items", label: "上一年项目数量" }, { key: "change", label: "本年增/减" }, { key: "decisions", label: "处理决定数量" }];

/** Part 二 of the 2019 template. */
export const ACTIVE_2019 = [
  {
    caption: "第二十条第（一）项",
    columns: [{ key: "made", label: "本年新制作数量" }, { key: "published", label: "本年新公开数量" }, { key: "total_published", label: "对外公开总数量" }],
    rows: [{ key: "regulations", label: "规章" }, { key: "normative_documents", label: "规范性文件" }],
  },
  { caption: "第二十条第（五）项", columns: CHANGE_COLUMNS, rows: [{ key: "licensing", label: "行政许可" }, { key: "other_services", label: "其他对外管理服务事项" }] },
  { caption: "第二十条第（六）项", columns: CHANGE_COLUMNS, rows: [{ key: "penalty", label: "行政处罚" }, { key: "coercion", label: "行政强制" }] },
  { caption: "第二十条第（八）项", columns: CHANGE_COLUMNS.slice(0, 2), rows: [{ key: "fees", label: "行政事业性收费" }] },
  { caption: "第二十条第（九）项", columns: [{ key: "items", label: "采购项目数量" }, { key: "amount", label: "采购总金额" }], rows: [{ key: "procurement", label: "政府集中采购" }] },
];

/** Key words of the rows of part 二 (both templates), most specific first. */
const ACTIVE_ROW_MATCH = [
  { key: "other_services", match: /其他对外管理服务/ },
  { key: "fees", match: /收费/ },
  { key: "procurement", match: /采购/ },
  { key: "normative_documents", match: /规范性文件/ },
  { key: "regulations", match: /规章/ },
  { key: "licensing", match: /行政许可/ },
  { key: "penalty", match: /行政处罚/ },
  { key: "coercion", match: /行政强制/ },
];

/** Which part-二 template a report's table has ("2019" or "2021"). */
export function activeTemplate(report) {
  const ad = report.active_disclosure;
  if (ad && "other_services" in ad) return "2019";
  if (ad) return "2021";
  return report.template === "2019" ? "2019" : "2021";
}

/** The columns of one row of part 二, in table order. */
export function activeColumns(report, rowKey) {
  const layout = activeTemplate(report) === "2019" ? ACTIVE_2019 : ACTIVE_2021;
  const block = layout.find((b) => b.rows.some((r) => r.key === rowKey));
  return block ? block.columns.map((c) => c.key) : [];
}

/** The table a diagnostic concerns: "二", "三", "四" or null. */
function tableOf(d) {
  if (d.code.startsWith("applications.")) return "三";
  if (d.code.startsWith("reviews.")) return "四";
  if (d.code.startsWith("active_disclosure.")) return "二";
  const m = /表([二三四])/.exec(d.message);
  return m ? m[1] : null;
}

/** The row label quoted in a message (表三“（七）总计”行 → （七）总计), else the message. */
function quotedLabel(message) {
  const m = /表[二三四]的?“/.exec(message);
  if (!m) return message;
  // Quotes nest (表三“（三）3.危及“三安全一稳定””行): find the matching closing quote.
  let depth = 1;
  const start = m.index + m[0].length;
  for (let i = start; i < message.length; i++) {
    if (message[i] === "“") depth++;
    else if (message[i] === "”" && --depth === 0) return message.slice(start, i);
  }
  return message.slice(start);
}

/** Part-三 rows named by a message. */
function applicationRowsIn(message) {
  const label = quotedLabel(message);
  const row = APPLICATION_ROWS.find((r) => r.match.test(label));
  return row ? [row.path] : [];
}

/** Part-三 columns named by a message ("自然人列", "总计列"). */
function countColumnsIn(message) {
  const found = [];
  for (const m of message.matchAll(/(自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计)列/g)) {
    const col = COUNT_COLUMNS.find((c) => c.label === m[1]);
    if (col && !found.includes(col.key)) found.push(col.key);
  }
  return found;
}

/** 1-based cell positions named by a message ("第1个、第3个数值"). */
function positionsIn(message) {
  return [...message.matchAll(/第\s*(\d+)\s*个/g)].map((m) => Number(m[1]));
}

function reviewGroupsIn(message) {
  const label = quotedLabel(message);
  const g = REVIEW_GROUPS.find((group) => group.match.test(label));
  return g ? [g.key] : [];
}

function push(out, path, primary) {
  const existing = out.find((c) => c.path === path);
  if (existing) existing.primary ||= primary;
  else out.push({ path, primary });
}

/**
 * The cells a diagnostic concerns, as `{ path, primary }` with `path` the dotted path
 * of the cell in the report (`applications.processed_total.total`).
 */
export function cellsOf(d, report) {
  const out = [];
  const allCountColumns = COUNT_COLUMNS.map((c) => c.key);
  const app = (row, col, primary) => push(out, `applications.${row}.${col}`, primary);
  const message = d.message ?? "";
  switch (d.code) {
    case "applications.balance": {
      const cols = countColumnsIn(message);
      for (const col of cols.length ? cols : allCountColumns) {
        app("new_received", col, false);
        app("carried_over", col, false);
        app("processed_total", col, true);
        app("carried_forward", col, false);
      }
      return out;
    }
    case "applications.outcomes_sum": {
      const cols = countColumnsIn(message);
      for (const col of cols.length ? cols : allCountColumns) {
        app("processed_total", col, true);
        for (const row of OUTCOME_ROWS) app(row, col, false);
      }
      return out;
    }
    case "narrative.received":
      push(out, "applications.new_received.total", true);
      push(out, "applications.carried_over.total", false);
      return out;
    case "narrative.carried_over":
      push(out, "applications.carried_over.total", true);
      return out;
    case "narrative.carried_forward":
      push(out, "applications.carried_forward.total", true);
      return out;
    case "narrative.review":
      push(out, "reviews.administrative_review.total", true);
      return out;
    case "narrative.litigation":
      push(out, "reviews.litigation_direct.total", true);
      push(out, "reviews.litigation_after_review.total", true);
      return out;
    case "reviews.group_total":
      for (const g of reviewGroupsIn(message)) {
        for (const c of REVIEW_COLUMNS) push(out, `reviews.${g}.${c.key}`, c.key === "total");
      }
      return out;
    case "reviews.incomplete":
      for (const g of REVIEW_GROUPS) {
        for (const c of REVIEW_COLUMNS) {
          if (report?.reviews?.[g.key]?.[c.key] == null) push(out, `reviews.${g.key}.${c.key}`, true);
        }
      }
      return out;
    default:
      break;
  }
  if (d.code.startsWith("structure.")) return out;

  // Checks of one row or one cell: the row from the quoted label, the column from
  // "X列", else from "第N个" (position in the row), else the whole row.
  const table = tableOf(d);
  const positions = positionsIn(message);
  if (table === "三") {
    const cols = countColumnsIn(message);
    for (const row of applicationRowsIn(message)) {
      let chosen = cols.length ? cols : positions.map((p) => allCountColumns[p - 1]).filter(Boolean);
      const whole = chosen.length === 0;
      if (whole) chosen = allCountColumns;
      for (const col of chosen) {
        app(row, col, whole ? d.code !== "applications.row_total" || col === "total" : true);
      }
    }
  } else if (table === "二") {
    const label = quotedLabel(message);
    const row = ACTIVE_ROW_MATCH.find((r) => r.match.test(label));
    if (row) {
      const cols = activeColumns(report ?? {}, row.key);
      const layout = activeTemplate(report ?? {}) === "2019" ? ACTIVE_2019 : ACTIVE_2021;
      const named = layout.flatMap((b) => b.columns).filter((c) => cols.includes(c.key) && message.includes(c.label.replace(/（.*$/, "")));
      let chosen = named.map((c) => c.key);
      if (!chosen.length) chosen = positions.map((p) => cols[p - 1]).filter(Boolean);
      if (!chosen.length) chosen = cols;
      for (const col of chosen) push(out, `active_disclosure.${row.key}.${col}`, true);
    }
  } else if (table === "四") {
    const groups = reviewGroupsIn(message);
    const named = REVIEW_COLUMNS.filter((c) => c.key !== "total" && message.includes(c.label)).map((c) => c.key);
    if (groups.length) {
      for (const g of groups) {
        for (const col of named.length ? named : REVIEW_COLUMNS.map((c) => c.key)) push(out, `reviews.${g}.${col}`, true);
      }
    } else if (positions.length) {
      // 表四's 15 cells in one row: 第N个 counts across the three groups.
      for (const p of positions) {
        const g = REVIEW_GROUPS[Math.floor((p - 1) / 5)];
        const c = REVIEW_COLUMNS[(p - 1) % 5];
        if (g && c) push(out, `reviews.${g.key}.${c.key}`, true);
      }
    }
  }
  return out;
}
