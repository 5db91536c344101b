//! Compile-time behaviour of `#[requires_scope]`: every accepted form compiles and runs
//! (`pass/`, each a program asserting allow and deny), every mistake is a clear error at
//! the offending token (`fail/`, with the blessed `.stderr`). Bless with
//! `TRYBUILD=overwrite cargo test -p pace-scopes-ui-tests`. The `.stderr` files were blessed on
//! rustc 1.95.0, the one toolchain of this project's machines (no other can be installed, so
//! none is pinned in a `rust-toolchain.toml`); another rustc may word errors differently.

fn count(dir: &str) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rs"))
        })
        .count()
}

#[test]
fn ui() {
    // trybuild passes silently on a glob that matches nothing: make sure the cases are there.
    assert!(count("pass") >= 20, "ui/pass lost its cases");
    assert!(count("fail") >= 20, "ui/fail lost its cases");
    let t = trybuild::TestCases::new();
    t.pass("pass/*.rs");
    t.compile_fail("fail/*.rs");
}
