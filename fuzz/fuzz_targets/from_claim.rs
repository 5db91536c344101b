//! `ScopeSet::from_claim` on arbitrary bytes (as lossy UTF-8); see `checks::claim`.
#![no_main]

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::claim(data));
