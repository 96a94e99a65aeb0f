// The audit API written against the package's generated types (tsc --noEmit).
import { readFileSync, writeFileSync } from "node:fs";
import { audit, auditCss, auditToHtml } from "nianbao";
import type { Audit, AuditFailure, AuditInput, AuditOptions, AuditResult, BodyKind, Finding, Side } from "nianbao";

const paths: string[] = process.argv.slice(2);
const inputs: AuditInput[] = paths.map((p) => ({ source: p, bytes: readFileSync(p) }));
const options: AuditOptions = { hierarchy: [["淮安市人民政府", "洪泽区人民政府"]], kinds: { 平潭综合实验区: "government" } };
const result: Audit = audit(inputs, options);
for (const f of result.findings as Finding[]) {
  const first: Side | undefined = f.sides[0];
  const where: string = first?.line == null ? "-" : `${first.line}:${first.column ?? "-"}`;
  console.log(f.diagnostic.severity, f.diagnostic.code, where, f.diagnostic.message, first?.value);
}
const keys: string[] = result.bodies.map((b) => b.key);
const kind: BodyKind | null = result.bodies[0]?.kind ?? null;
writeFileSync("audit.html", auditToHtml(result));
const fragment: string = auditToHtml(result, { fragment: true });
const css: string = auditCss();
// the inputs that are not reports, left out and listed
const sorted: AuditResult = audit(inputs, { skipFailures: true });
const failed: string[] = sorted.failures.map((f: AuditFailure) => `${f.index} ${f.source}: ${f.code} ${f.message}`);

// The types are precise, not `any`: each line below must be a type error.
// @ts-expect-error an input needs its source
audit([{ bytes: new Uint8Array(1) }]);
// @ts-expect-error a kind is "government" or "department"
const badKind: BodyKind = "county";
// @ts-expect-error findings are objects, not strings
const notText: string = result.findings[0];
// @ts-expect-error the hierarchy is pairs or CSV text
audit([], { hierarchy: [["a"]] });
// @ts-expect-error skipFailures is a boolean
audit([], { skipFailures: "yes" });
// @ts-expect-error a failure's index is a number
const badIndex: string = sorted.failures[0].index;

console.log(keys, kind, fragment, css, failed, badKind, notText, badIndex);
