//! Replays the fuzz corpus and every crash found (`fuzz/corpus/*`, `fuzz/regressions/*`)
//! through the fuzz targets' own checks, as a plain test: CI needs neither nightly flags
//! nor cargo-fuzz (issue 7).

// A failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let data = fs::read(file).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(
            result.is_ok(),
            "{} failed the {target} check",
            file.display()
        );
    }
    files.len()
}

#[test]
fn claim_corpus() {
    assert!(replay("from_claim", checks::claim) >= 5);
}

#[test]
fn spec_corpus() {
    assert!(replay("spec", checks::spec) >= 5);
}
