//! Generated code for many specs compiles, passes clippy and rustdoc with `-D warnings`,
//! runs no doctest of its own, and round-trips every scope.
//!
//! Specs: the project's fixtures (`build-spec/tests/specs`), plus every spec in the folder
//! that `PACE_SCOPES_CORPUS` names (CI sets it to `../shared/specs`, the real-world corpus).
//! All of them go into ONE generated crate, built once, under `target/nested`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    files.sort();
    files
}

fn cargo(dir: &Path, args: &[&str], target: &Path) {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{stderr}\n{stdout}"
    );
    if args[0] == "test" {
        // The generated docs must hold no doctest: only the crate's own tests run.
        assert!(
            stdout.contains("running 0 tests") || !stdout.contains("Doc-tests"),
            "{stdout}"
        );
        let doc = stdout.split("Doc-tests").nth(1).unwrap_or("");
        assert!(
            !doc.contains("test result: ok. 1"),
            "a description became a doctest:\n{doc}"
        );
    }
}

#[test]
fn generated_code_compiles_lints_documents_and_round_trips() {
    let ws = workspace();
    let mut specs = spec_files(&ws.join("build-spec/tests/specs"));
    match std::env::var_os("PACE_SCOPES_CORPUS") {
        Some(dir) => {
            let corpus = spec_files(Path::new(&dir));
            assert!(
                !corpus.is_empty(),
                "PACE_SCOPES_CORPUS={} holds no spec",
                Path::new(&dir).display()
            );
            eprintln!(
                "checking {} corpus specs from {}",
                corpus.len(),
                Path::new(&dir).display()
            );
            specs.extend(corpus);
        }
        None => eprintln!(
            "PACE_SCOPES_CORPUS is not set: checking the project's {} fixture specs only; set it to a folder of specs (CI: ../shared/specs) to check those too",
            specs.len()
        ),
    }

    let krate = ws.join("target/nested-src/generated-specs");
    std::fs::create_dir_all(krate.join("src/gen")).unwrap();
    let pace = ws.join("pace-scopes");
    let manifest = format!(
        "[package]\nname = \"generated-specs\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\npace-scopes = {{ path = {:?} }}\n\n[workspace]\n",
        pace.display().to_string()
    );
    build_spec::write_if_changed(&krate.join("Cargo.toml"), manifest.as_bytes()).unwrap();

    let mut lib = String::from("//! Generated code of many specs, checked together.\n\n");
    let mut total = 0;
    for (i, path) in specs.iter().enumerate() {
        let generated = build_spec::Builder::new(path)
            .generate()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let spec = generated.spec();
        total += spec.scopes.len();
        build_spec::write_if_changed(
            &krate.join(format!("src/gen/spec{i}.rs")),
            generated.code().as_bytes(),
        )
        .unwrap();
        let expected: Vec<String> = spec
            .scopes
            .iter()
            .map(|s| format!("{:?}", s.scope))
            .collect();
        let first = &spec.scopes[0].scope;
        lib.push_str(&format!(
            r#"/// Generated from `{name}`.
pub mod spec{i} {{
    include!("gen/spec{i}.rs");

    /// A handler guarded by this spec's first scope, through the module's own attribute.
    #[requires_scope({first:?})]
    pub fn guarded(token: ScopeSet) -> Result<(), pace_scopes::MissingScopes<ScopeSet>> {{
        Ok(())
    }}

    #[cfg(test)]
    mod tests {{
        use super::*;

        const EXPECTED: &[&str] = &[{expected}];

        #[test]
        fn every_scope_round_trips() {{
            assert_eq!(Scope::COUNT, EXPECTED.len());
            for (scope, s) in Scope::ALL.iter().zip(EXPECTED) {{
                assert_eq!(scope.as_str(), *s);
                assert_eq!(s.parse::<Scope>(), Ok(*scope));
                assert_eq!(ScopeSet::from_claim(s), ScopeSet::from(*scope));
            }}
            assert_eq!(ScopeSet::from_claim(&EXPECTED.join(" ")), ScopeSet::all());
            assert_eq!(ScopeSet::from_claim(&ScopeSet::all().to_string()), ScopeSet::all());
        }}

        #[test]
        fn the_guard_allows_and_denies() {{
            assert!(guarded(ScopeSet::from_claim({first:?})).is_ok());
            assert!(guarded(ScopeSet::all() - ScopeSet::from_claim({first:?})).is_err());
        }}
    }}
}}

"#,
            name = path.file_name().unwrap().to_string_lossy(),
            expected = expected.join(", "),
        ));
    }
    build_spec::write_if_changed(&krate.join("src/lib.rs"), lib.as_bytes()).unwrap();

    // Shared with the other nested fixture builds (rebuild.rs, build-spec's hostile.rs).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| ws.join("target"), Into::into)
        .join("nested");
    cargo(
        &krate,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
        &target,
    );
    cargo(
        &krate,
        &["doc", "--offline", "--no-deps", "--quiet"],
        &target,
    );
    cargo(&krate, &["test", "--offline", "--quiet"], &target);
    eprintln!(
        "{} specs, {total} scopes: compiled, linted, documented and round-tripped",
        specs.len()
    );
}
