//! Lets the unit-test binary of this crate find libpython at run time.
//!
//! Without the `extension-module` feature (a plain `cargo test --workspace`), pyo3 links
//! the test binary against libpython; a Python installed outside the loader's paths
//! (pyenv, a venv's base prefix) is then found only through an rpath. With the feature
//! (maturin's builds) and on wasm this does nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f.split(',').any(|f| f == "wasm")) {
        return;
    }
    pyo3_build_config::add_libpython_rpath_link_args();
}
