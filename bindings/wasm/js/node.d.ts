// Types of the Node.js entry point: the generated declarations (the model types come
// from the Rust types through tsify).
export * from "./nianbao.js";
