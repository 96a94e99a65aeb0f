// The Node APIs the example uses, so that the check needs no @types/node.
declare module "node:fs" {
  export function readFileSync(path: string, encoding: "utf8"): string;
  export function readFileSync(path: string): Uint8Array;
  export function writeFileSync(path: string, data: string): void;
}
declare const process: { argv: string[] };
declare const console: { log(...values: unknown[]): void };
