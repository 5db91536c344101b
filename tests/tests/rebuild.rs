//! Rebuilds that follow the spec, for real: fixture crates written to a temporary directory,
//! built with cargo, their spec edited, rebuilt.
//!
//! - PACE's spec through `PACE_SCOPES_SPEC` (a temporary copy of the workspace's
//!   `spec.yaml`; the bundled file itself is never touched), and a crate that generates from
//!   its own spec with `build_spec::Builder` in its build.rs.
//! - An added scope is usable at once, as a string and as a variant; a removed one fails the
//!   handler that names it with the unknown-scope error, at that handler; an unchanged spec
//!   rebuilds nothing (`cargo build -v` reports every unit `Fresh`); pointing
//!   `PACE_SCOPES_SPEC` at another file, or unsetting it, rebuilds.
//!
//! Every fixture builds into `target/nested`, the directory all nested fixture builds share, so
//! pace-scopes' dependencies compile once, and offline. Because the fixtures share the
//! pace-scopes build (whose spec each test changes), the tests take turns.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// One cargo build at a time in the shared target directory, so no test's build changes
/// pace-scopes under another test between its two builds.
static TURN: Mutex<()> = Mutex::new(());

fn turn() -> MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn workspace() -> PathBuf {
    fs::canonicalize(WORKSPACE).expect("workspace root")
}

fn pace_spec() -> String {
    fs::read_to_string(workspace().join("spec.yaml")).expect("read spec.yaml")
}

/// A crate in a temporary directory, depending on the workspace's crates by path.
struct Fixture {
    dir: tempfile::TempDir,
}

/// What one `cargo build -v` said.
struct Build {
    output: Output,
    stderr: String,
    stdout: String,
}

impl Build {
    fn ok(&self) -> bool {
        self.output.status.success()
    }

    /// The packages cargo compiled (`Compiling NAME v...`).
    fn compiled(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("Compiling "))
            .filter_map(|l| l.split_whitespace().next())
            .collect()
    }

    /// The packages cargo found up to date (`Fresh NAME v...`).
    fn fresh(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("Fresh "))
            .filter_map(|l| l.split_whitespace().next())
            .collect()
    }

    #[track_caller]
    fn assert_ok(&self) -> &Self {
        assert!(self.ok(), "build failed:\n{}", self.stderr);
        self
    }
}

impl Fixture {
    /// `name` is the package name; `files` are written relative to the crate root.
    fn new(name: &str, build_dependencies: &str, files: &[(&str, &str)]) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("pace-rebuild-")
            .tempdir()
            .expect("tempdir");
        let ws = workspace();
        let manifest = format!(
            "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\npace-scopes = {{ path = {:?} }}\n\n\
             [build-dependencies]\n{build_dependencies}\n\n\
             # Not a member of any workspace around the temporary directory.\n[workspace]\n",
            ws.join("pace-scopes").display().to_string(),
        )
        .replace("$WORKSPACE", &ws.display().to_string());
        let fixture = Fixture { dir };
        fixture.write("Cargo.toml", &manifest);
        // The workspace's lock file pins the versions its own build uses, so `--offline`
        // resolves to crates that are already downloaded.
        fs::copy(ws.join("Cargo.lock"), fixture.path().join("Cargo.lock")).expect("Cargo.lock");
        for (path, text) in files {
            fixture.write(path, text);
        }
        fixture
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, text).expect("write fixture file");
    }

    /// `cargo run -v --offline` in the shared target directory, with `PACE_SCOPES_SPEC` set
    /// to `spec` or unset.
    fn run(&self, spec: Option<&Path>) -> Build {
        // Shared with the other nested fixture builds (generated_code.rs, hostile.rs).
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/nested");
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["run", "-v", "--offline"])
            .current_dir(self.path())
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("PACE_SCOPES_SPEC")
            .env_remove("RUSTFLAGS");
        if let Some(spec) = spec {
            cmd.env("PACE_SCOPES_SPEC", spec);
        }
        let output = cmd.output().expect("run cargo");
        Build {
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            output,
        }
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text")
        + 1
}

// --- PACE's spec through PACE_SCOPES_SPEC --------------------------------------------------

const PACE_MAIN: &str = r#"use pace_scopes::{MissingScopes, Scope, ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
fn read_user(granted: ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("read")
}

#[requires_scope("user:users:delete")]
fn delete_user(granted: ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("deleted")
}

#[requires_scope(UserUsersDelete)]
fn delete_user_by_variant(granted: ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("deleted")
}

//EXTRA

fn main() {
    let granted = ScopeSet::from_claim("user:users:read user:users:delete user:widgets:read");
    println!("count {}", Scope::COUNT);
    println!("{:?}", read_user(granted));
    println!("{:?}", delete_user(granted));
    println!("{:?}", delete_user_by_variant(granted));
    //MAIN
}
"#;

const WIDGET_HANDLERS: &str = r#"
#[requires_scope("user:widgets:read")]
fn widgets_by_string(granted: ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("widgets")
}

#[requires_scope(UserWidgetsRead)]
fn widgets_by_variant(granted: ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("widgets")
}
"#;

const WIDGET_MAIN: &str = r#"println!("{:?} {:?}", widgets_by_string(granted), widgets_by_variant(granted));
    println!("{} = {:?}", Scope::UserWidgetsRead, Scope::UserWidgetsRead.description());
    println!("denied: {}", widgets_by_string(ScopeSet::from_claim("user:users:read")).unwrap_err());"#;

fn pace_with_widgets(spec: &str) -> String {
    let out = spec.replace(
        "            user:users:read: Read user data\n",
        "            user:users:read: Read user data\n            user:widgets:read: Read widgets\n",
    );
    assert_ne!(out, spec);
    out
}

#[test]
fn pace_spec_edits_follow_through_added_and_removed_scopes() {
    let _turn = turn();
    let fixture = Fixture::new("rebuild-pace-edit", "", &[("src/main.rs", PACE_MAIN)]);
    let spec = fixture.path().join("pace.yaml");
    let original = pace_spec();
    fs::write(&spec, &original).expect("spec copy");

    let first = fixture.run(Some(&spec));
    first.assert_ok();
    assert!(first.stdout.contains("count 21\n"), "{}", first.stdout);

    // Add a scope to the spec and handlers that name it: one build, no clean.
    fs::write(&spec, pace_with_widgets(&original)).expect("edit spec");
    let main = PACE_MAIN
        .replace("//EXTRA", WIDGET_HANDLERS)
        .replace("//MAIN", WIDGET_MAIN);
    fixture.write("src/main.rs", &main);
    let added = fixture.run(Some(&spec));
    added.assert_ok();
    assert!(
        added.compiled().contains(&"pace-scopes"),
        "{}",
        added.stderr
    );
    assert!(added.stdout.contains("count 22\n"), "{}", added.stdout);
    assert!(
        added.stdout.contains("Ok(\"widgets\") Ok(\"widgets\")\n"),
        "{}",
        added.stdout
    );
    assert!(
        added
            .stdout
            .contains("user:widgets:read = \"Read widgets\"\n"),
        "{}",
        added.stdout
    );
    assert!(
        added
            .stdout
            .contains("denied: missing scope user:widgets:read"),
        "{}",
        added.stdout
    );

    // Retire a scope that two handlers still name: each fails, at its own attribute.
    fs::write(
        &spec,
        pace_with_widgets(&original).replace("            user:users:delete: Deletes a user\n", ""),
    )
    .expect("edit spec");
    let removed = fixture.run(Some(&spec));
    assert!(
        !removed.ok(),
        "a handler names a removed scope:\n{}",
        removed.stderr
    );
    let by_string = line_of(&main, "#[requires_scope(\"user:users:delete\")]");
    let by_variant = line_of(&main, "#[requires_scope(UserUsersDelete)]");
    let err = &removed.stderr;
    assert!(
        err.contains(
            "error: unknown scope \"user:users:delete\"; did you mean \"user:user:delete\"?"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!("--> src/main.rs:{by_string}:18")),
        "{err}"
    );
    assert!(
        err.contains(
            "error: unknown scope variant `UserUsersDelete`; did you mean `UserUserDelete`?"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!("--> src/main.rs:{by_variant}:18")),
        "{err}"
    );
    // Only those two: the rest of the crate still knows its scopes.
    assert_eq!(err.matches("error: unknown scope").count(), 2, "{err}");
}

#[test]
fn unchanged_spec_rebuilds_nothing_and_switching_the_spec_rebuilds() {
    let _turn = turn();
    let fixture = Fixture::new("rebuild-pace-switch", "", &[("src/main.rs", PACE_MAIN)]);
    let a = fixture.path().join("a.yaml");
    let b = fixture.path().join("b.yaml");
    fs::write(&a, pace_spec()).expect("spec a");
    fs::write(&b, pace_with_widgets(&pace_spec())).expect("spec b");

    let first = fixture.run(Some(&a));
    first.assert_ok();
    assert!(first.stdout.contains("count 21\n"), "{}", first.stdout);

    // Nothing changed: every unit is fresh, nothing compiles, no build script runs.
    let again = fixture.run(Some(&a));
    again.assert_ok();
    assert_eq!(again.compiled(), Vec::<&str>::new(), "{}", again.stderr);
    for package in [
        "pace-scopes",
        "pace-scopes-macros",
        "build-spec",
        "rebuild-pace-switch",
    ] {
        assert!(
            again.fresh().contains(&package),
            "{package}:\n{}",
            again.stderr
        );
    }
    assert!(!again.stderr.contains("Dirty"), "{}", again.stderr);
    assert!(
        !again.stderr.contains("build-script-build`"),
        "{}",
        again.stderr
    );

    // Another file: pace-scopes regenerates, the fixture follows.
    let switched = fixture.run(Some(&b));
    switched.assert_ok();
    assert!(
        switched.stderr.contains("Dirty pace-scopes")
            && switched.stderr.contains("PACE_SCOPES_SPEC"),
        "{}",
        switched.stderr
    );
    let compiled = switched.compiled();
    assert!(compiled.contains(&"pace-scopes"), "{}", switched.stderr);
    assert!(
        compiled.contains(&"rebuild-pace-switch"),
        "{}",
        switched.stderr
    );
    assert!(
        switched.stdout.contains("count 22\n"),
        "{}",
        switched.stdout
    );

    // Unset: back to the bundled spec.
    let bundled = fixture.run(None);
    bundled.assert_ok();
    assert!(
        bundled.compiled().contains(&"pace-scopes"),
        "{}",
        bundled.stderr
    );
    assert!(bundled.stdout.contains("count 21\n"), "{}", bundled.stdout);
}

// --- a crate's own spec, generated by its build.rs ------------------------------------------

const ACME_SPEC: &str = "\
openapi: 3.0.3
info: {title: Acme, version: '1'}
paths: {}
components:
  securitySchemes:
    acme:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.acme.test/token
          scopes:
            https://acme.test/orders.read: Read orders
            https://acme.test/orders.write: Write orders
";

const ACME_BUILD: &str = r#"fn main() {
    build_spec::Builder::new("acme.yaml").build_script("acme.rs");
}
"#;

const ACME_MAIN: &str = r#"mod acme {
    pace_scopes::include_scopes!("acme.rs");
}

use acme::{Scope, ScopeSet, requires_scope};
use pace_scopes::MissingScopes;

#[requires_scope("https://acme.test/orders.read")]
fn read_orders(granted: ScopeSet) -> Result<&'static str, MissingScopes<ScopeSet>> {
    Ok("orders")
}

#[requires_scope("https://acme.test/orders.write")]
fn write_orders(granted: ScopeSet) -> Result<&'static str, MissingScopes<ScopeSet>> {
    Ok("written")
}

//EXTRA

fn main() {
    let granted = ScopeSet::from_claim(
        "https://acme.test/orders.read https://acme.test/orders.write https://acme.test/refunds",
    );
    println!("count {}", Scope::COUNT);
    println!("{:?} {:?}", read_orders(granted), write_orders(granted));
    //MAIN
}
"#;

#[test]
fn own_spec_edits_follow_through() {
    let _turn = turn();
    let fixture = Fixture::new(
        "rebuild-own-spec",
        "build-spec = { path = \"$WORKSPACE/build-spec\", default-features = false }",
        &[
            ("acme.yaml", ACME_SPEC),
            ("build.rs", ACME_BUILD),
            ("src/main.rs", ACME_MAIN),
        ],
    );
    let first = fixture.run(None);
    first.assert_ok();
    assert!(first.stdout.contains("count 2\n"), "{}", first.stdout);
    assert!(
        first.stdout.contains("Ok(\"orders\") Ok(\"written\")\n"),
        "{}",
        first.stdout
    );

    let again = fixture.run(None);
    again.assert_ok();
    assert_eq!(again.compiled(), Vec::<&str>::new(), "{}", again.stderr);
    assert!(
        again.fresh().contains(&"rebuild-own-spec"),
        "{}",
        again.stderr
    );
    assert!(!again.stderr.contains("Dirty"), "{}", again.stderr);

    // Add a scope and use it both ways.
    let with_refunds = ACME_SPEC.replace(
        "            https://acme.test/orders.write: Write orders\n",
        "            https://acme.test/orders.write: Write orders\n            https://acme.test/refunds: Issue refunds\n",
    );
    fixture.write("acme.yaml", &with_refunds);
    let main = ACME_MAIN
        .replace(
            "//EXTRA",
            r#"#[requires_scope("https://acme.test/refunds")]
fn refund(granted: ScopeSet) -> Result<&'static str, MissingScopes<ScopeSet>> {
    Ok("refunded")
}

#[requires_scope(HttpsAcmeTestRefunds)]
fn refund_by_variant(granted: ScopeSet) -> Result<&'static str, MissingScopes<ScopeSet>> {
    Ok("refunded")
}"#,
        )
        .replace(
            "//MAIN",
            r#"println!("{:?} {:?} {:?}", refund(granted), refund_by_variant(granted), Scope::HttpsAcmeTestRefunds.description());"#,
        );
    fixture.write("src/main.rs", &main);
    let added = fixture.run(None);
    added.assert_ok();
    assert!(added.stdout.contains("count 3\n"), "{}", added.stdout);
    assert!(
        added
            .stdout
            .contains("Ok(\"refunded\") Ok(\"refunded\") \"Issue refunds\"\n"),
        "{}",
        added.stdout
    );

    // Retire `orders.write`: its handler fails, at its attribute, and nothing else does.
    fixture.write(
        "acme.yaml",
        &with_refunds.replace(
            "            https://acme.test/orders.write: Write orders\n",
            "",
        ),
    );
    let removed = fixture.run(None);
    assert!(!removed.ok(), "{}", removed.stderr);
    let err = &removed.stderr;
    assert!(
        err.contains("error: unknown scope \"https://acme.test/orders.write\"; did you mean \"https://acme.test/orders.read\"?"),
        "{err}"
    );
    let line = line_of(
        &main,
        "#[requires_scope(\"https://acme.test/orders.write\")]",
    );
    assert!(err.contains(&format!("--> src/main.rs:{line}:18")), "{err}");
    assert_eq!(err.matches("error: unknown scope").count(), 1, "{err}");
}
