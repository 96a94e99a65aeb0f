// ES-module face of the Node.js entry point (index.cjs).
import nianbao from "./index.cjs";

export const { parseReport, version, __testing } = nianbao;
export default nianbao;
