// A Node.js program written against the package's generated types (tsc --noEmit,
// moduleResolution nodenext: resolves the "node" export of the package).
import { readFileSync } from "node:fs";
import { inputWarnings, parseReport, parseReportBytes, toText, version } from "nianbao";
import type {
  ActiveDisclosure2019,
  ActiveDisclosure2021,
  Counts,
  Diagnostic,
  Report,
  ReviewCounts,
  Severity,
  Template,
} from "nianbao";

const text: string = readFileSync(process.argv[2] ?? "report.txt", "utf8");
const report: Report = parseReport(text);
// A file as bytes (any encoding, HTML, DOCX), and the text its diagnostics point into.
const bytes: Uint8Array = readFileSync(process.argv[3] ?? "report.docx");
const fromBytes: Report = parseReportBytes(bytes);
const source: string = toText(bytes);
const cutShort: boolean = inputWarnings(bytes).some((w: Diagnostic) => w.code === "input.truncated");
const firstLine: string | undefined = fromBytes.diagnostics
  .map((d) => (d.line === null ? undefined : source.split("\n")[d.line - 1]))
  .find((l) => l !== undefined);
const v: string = version();

const title: string | null = report.title;
const year: number | null = report.year;
const template: Template | null = report.template;
const numbers: number[] = report.sections.map((s) => s.number);

function applicants(c: Counts | null): number | null {
  return c === null ? null : c.natural_person;
}
const received = applicants(report.applications?.new_received ?? null);
const secret: Counts | null = report.applications?.withheld.state_secret ?? null;
const review: ReviewCounts | undefined = report.reviews?.administrative_review;

// The part-二 table is a union of the two templates' shapes, told apart by the template.
if (report.template === "2021" && report.active_disclosure) {
  const t = report.active_disclosure as ActiveDisclosure2021;
  const fee: number | null = t.fees.amount;
  console.log(fee);
} else if (report.active_disclosure) {
  const t = report.active_disclosure as ActiveDisclosure2019;
  const change: number | null = t.licensing.change;
  console.log(change, t.procurement.amount);
}

const errors: Diagnostic[] = report.diagnostics.filter((d) => d.severity === "error");
const severities: Severity[] = ["error", "warning", "info"];
for (const d of errors) {
  const where: string = d.line === null ? "?" : `${d.line}:${d.column ?? "?"}`;
  console.log(d.code, where, d.message);
}

try {
  parseReport("");
} catch (e) {
  const code = (e as Error & { code: string }).code;
  console.log(code);
}

// The types are precise, not `any`: each line below must be a type error.
// @ts-expect-error year is a number or null
const wrongYear: string = report.year;
// @ts-expect-error no such key in the model
console.log(report.agency_name);
// @ts-expect-error counts may be null
const notNull: number = report.applications!.new_received!.total;
// @ts-expect-error severity is a closed set
const badSeverity: Severity = "fatal";
// @ts-expect-error template is "2021" | "2019"
const badTemplate: Template = 2021;
// @ts-expect-error parseReport takes a string
parseReport(new Uint8Array(4));
// @ts-expect-error parseReportBytes takes bytes; text goes to parseReport
parseReportBytes("政府信息公开工作年度报告");
// @ts-expect-error toText returns the text, not a report
const notText: Report = toText(bytes);

console.log(title, year, template, numbers, received, secret, review, severities, v, wrongYear, notNull, badSeverity, badTemplate, firstLine, notText);
