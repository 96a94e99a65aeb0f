// ES-module face of the Node.js entry point (index.cjs).
import nianbao from "./index.cjs";

export const { parseReport, parseReportBytes, toText, inputWarnings, version, audit, auditToHtml, auditCss, __testing } = nianbao;
export default nianbao;
