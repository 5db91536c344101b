//! The properties the fuzz targets check, shared with the corpus replay that CI runs
//! (`tests/tests/fuzz_replay.rs`), so both test the same thing.

use pace_scopes::{Scope, ScopeSet};

/// `ScopeSet::from_claim` on arbitrary text: never panics, every scope it yields is a
/// space-separated token of the claim byte for byte, every such token is yielded, and the
/// set round-trips through its own claim.
pub(crate) fn claim(data: &[u8]) {
    let claim = String::from_utf8_lossy(data);
    let set = ScopeSet::from_claim(&claim);
    for scope in set.iter() {
        assert!(
            claim.split(' ').any(|t| t == scope.as_str()),
            "{scope} granted but not in the claim"
        );
    }
    for token in claim.split(' ') {
        if let Some(scope) = Scope::lookup(token) {
            assert!(set.contains(scope), "{scope} in the claim but not granted");
        }
    }
    assert_eq!(ScopeSet::from_claim(&set.to_string()), set);
}

/// Spec parsing on arbitrary text: an error or a spec, never a panic, a stack overflow or
/// an unbounded allocation; a loaded spec has only valid scope tokens and generates code.
pub(crate) fn spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match build_spec::Builder::from_source("fuzz.yaml", text).load() {
        Ok(spec) => {
            for scope in &spec.scopes {
                assert!(
                    build_spec::is_scope_token(&scope.scope),
                    "{:?}",
                    scope.scope
                );
            }
            // The generator re-parses its own output, so text that escaped into code
            // would surface here as an error.
            if let Err(e) = build_spec::Builder::from_source("fuzz.yaml", text).generate() {
                panic!("loaded but did not generate: {e}");
            }
        }
        Err(e) => assert!(e.errors().count() > 0, "an error without errors: {e}"),
    }
}
