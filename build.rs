//! Links the `newsidx` binary as a position-dependent executable.
//!
//! A position-independent executable has its ~44,000 internal pointers (vtables, string
//! tables, language profiles) fixed up by the loader in every process: about 1 MB of
//! relocations read and 1 MB of pages copied before `main`, which was most of the start-up
//! of a short command such as `search`. Linked without PIE, the linker fixes them once.
//! Only the binaries get the flag; tests, examples and proc macros link as before.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
