// A browser program (bundler resolution: the package's default, web export) written
// against the generated types: init, then parse.
import init, { initSync, parseReport, parseReportBytes, toText } from "nianbao";
import type { Report, Diagnostic } from "nianbao";

export async function start(text: string): Promise<Report> {
  await init();
  return parseReport(text);
}

/** A dropped or chosen file: its report, and the text the diagnostics' lines point into. */
export async function fromFile(file: File): Promise<{ report: Report; text: string }> {
  await init();
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { report: parseReportBytes(bytes), text: toText(bytes) };
}

export function startSync(bytes: ArrayBuffer): Diagnostic[] {
  initSync({ module: bytes });
  return parseReport("…").diagnostics;
}

// The types are precise, not `any`: each line below must be a type error.
// @ts-expect-error init resolves to the module's exports, not to a report
export const notReport: Report = await init();
// @ts-expect-error title is a string or null
export const notNumber: number = parseReport("x").title;
// @ts-expect-error parseReportBytes takes bytes, not text
export const fromString: Report = parseReportBytes("x");
