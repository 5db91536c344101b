//! The published pace-scopes crate carries the spec it builds from (a symlink in the repo,
//! a real file in the package), so a registry build generates the same enum.

use std::path::Path;
use std::process::Command;

#[test]
fn the_package_contains_the_spec_and_the_build_script() {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = Command::new(env!("CARGO"))
        .args([
            "package",
            "-p",
            "pace-scopes",
            "--list",
            "--allow-dirty",
            "--offline",
        ])
        .current_dir(ws)
        .env("CARGO_TARGET_DIR", ws.join("target/nested"))
        .output()
        .expect("run cargo package");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo package failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<&str> = stdout.lines().collect();
    for needed in [
        "spec.yaml",
        "build.rs",
        "Cargo.toml",
        "README.md",
        "src/lib.rs",
    ] {
        assert!(
            files.contains(&needed),
            "{needed} is not packaged: {files:?}"
        );
    }
    // The packaged spec is the bundled one (the symlink's target), byte for byte.
    let linked = std::fs::read(ws.join("pace-scopes/spec.yaml")).unwrap();
    assert_eq!(linked, std::fs::read(ws.join("spec.yaml")).unwrap());
}
