// Types of the browser entry point: the generated declarations (the model types come
// from the Rust types through tsify), with init returning once the module is ready.
export * from "./nianbao.js";
export { default } from "./nianbao.js";
