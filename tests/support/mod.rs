//! Test support for the round-trip properties: a generator of random consistent
//! reports ([`gen`]) and a renderer that writes them in every layout the parser reads
//! ([`render`]). Test code only: nothing here is part of the library.
#![allow(dead_code)]

pub mod gen;
pub mod render;
