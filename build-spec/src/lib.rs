//! Reads the security schemes of an OpenAPI document (3.0, 3.1 or Swagger 2.0, YAML or
//! JSON) and generates the typed scope API of [pace-scopes]: a `Scope` enum, a `ScopeSet`,
//! the `SECURITY_SCHEMES` constants, and what `#[requires_scope]` needs to check scopes when
//! a handler compiles.
//!
//! One pipeline: spec text -> [`Spec`] model (every problem collected, with file, line and
//! column) -> variant names -> tokens -> formatted source.
//!
//! # In a build script
//!
//! ```no_run
//! // build.rs: `fn main() { ... }`
//! build_spec::Builder::new("acme.yaml").build_script("scopes.rs");
//! ```
//!
//! ```text
//! // src/lib.rs
//! pub mod scopes {
//!     pace_scopes::include_scopes!("scopes.rs");
//! }
//! ```
//!
//! [pace-scopes]: https://docs.rs/pace-scopes
// Library code reports errors; it never panics on them (tests may unwrap).
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod codegen;
mod diagnostic;
pub mod diff;
mod docs;
mod locate;
mod lookup;
mod model;
mod naming;
mod raw;
mod yaml;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Error, Location, Severity};
pub use model::{
    Flow, FlowKind, Scheme, SchemeKind, ScopeDef, Spec, SpecVersion, Syntax, is_scope_token,
};
pub use naming::variant_name;

/// The most scopes one spec may have (slot entries hold a 16-bit index).
pub const MAX_SCOPES: usize = 65_534;

/// Reads a spec and generates its code: the one entry point of the library, used alike by
/// build scripts, the `build-spec` command and tests.
///
/// ```
/// let generated = build_spec::Builder::from_source(
///     "acme.yaml",
///     r#"
/// openapi: 3.0.3
/// components:
///   securitySchemes:
///     oauth:
///       type: oauth2
///       flows:
///         clientCredentials:
///           tokenUrl: https://auth.acme.test/token
///           scopes:
///             orders.read: Read orders
/// "#,
/// )
/// .generate()
/// .unwrap();
/// assert!(generated.code().starts_with("// @generated"));
/// assert!(generated.code().contains("OrdersRead"));
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    path: PathBuf,
    source: Option<String>,
    lenient: bool,
    renames: Vec<(String, String)>,
    exported: bool,
    attribute: bool,
    doc_examples: Option<String>,
    env_override: Option<String>,
}

impl Builder {
    /// A builder for the spec file at `path` (relative paths are relative to the current
    /// directory; in a build script, the package directory).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Builder {
            path: path.into(),
            source: None,
            lenient: false,
            renames: Vec::new(),
            exported: false,
            attribute: true,
            doc_examples: None,
            env_override: None,
        }
    }

    /// A builder for spec text held in memory; `name` is used in messages.
    pub fn from_source(name: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Builder {
            source: Some(text.into()),
            ..Builder::new(name)
        }
    }

    /// Skips scopes that break RFC 6749's scope-token grammar with a warning, instead of
    /// failing: for vendor specs you cannot fix.
    ///
    /// ```
    /// let spec = build_spec::Builder::from_source("v.yaml", "swagger: '2.0'\nsecurityDefinitions:\n  o:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://x.test/a\n    scopes:\n      read all: bad\n      read: good\n")
    ///     .lenient(true)
    ///     .load()
    ///     .unwrap();
    /// assert_eq!(spec.scopes.len(), 1);
    /// assert_eq!(spec.warnings.len(), 1);
    /// ```
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// Names the variant of `scope` explicitly; for two scopes that would get the same name.
    ///
    /// ```
    /// let src = "openapi: 3.0.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://x.test/a\n          scopes:\n            user.read: a\n            user:read: b\n";
    /// let err = build_spec::Builder::from_source("c.yaml", src).load().unwrap_err();
    /// assert!(err.to_string().contains("both become the variant `UserRead`"), "{err}");
    /// let spec = build_spec::Builder::from_source("c.yaml", src)
    ///     .rename("user:read", "UserReadColon")
    ///     .load()
    ///     .unwrap();
    /// assert_eq!(spec.scopes[1].variant, "UserReadColon");
    /// ```
    pub fn rename(mut self, scope: impl Into<String>, variant: impl Into<String>) -> Self {
        self.renames.push((scope.into(), variant.into()));
        self
    }

    /// Lets guards in other crates check against this spec: the resolver macro is also
    /// `#[macro_export]`ed, and those guards name the spec's module with
    /// `spec = that_crate::scopes`. At most one exported spec per crate. Off by default.
    pub fn exported(mut self, exported: bool) -> Self {
        self.exported = exported;
        self
    }

    /// Whether the generated module re-exports a `requires_scope` attribute bound to this
    /// spec, so that `use crate::scopes::requires_scope;` selects it for a module's guards.
    /// On by default; pace-scopes turns it off for its root, which re-exports the default
    /// attribute instead.
    pub fn attribute(mut self, attribute: bool) -> Self {
        self.attribute = attribute;
        self
    }

    /// Adds doc examples to the generated items, reaching them as `path::Scope` (for a crate
    /// whose docs should show them, as pace-scopes' do). Off by default, so a crate's own
    /// `cargo test --doc` never runs tests it did not write.
    pub fn doc_examples(mut self, path: impl Into<String>) -> Self {
        self.doc_examples = Some(path.into());
        self
    }

    /// In a build script: when the environment variable `var` is set, read the spec it
    /// names instead (and rebuild when it changes).
    pub fn env_override(mut self, var: impl Into<String>) -> Self {
        self.env_override = Some(var.into());
        self
    }

    /// The spec path in effect (after the environment override).
    fn effective_path(&self) -> PathBuf {
        if let Some(var) = &self.env_override
            && let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty())
        {
            return PathBuf::from(value);
        }
        self.path.clone()
    }

    /// Reads and checks the spec; names the variants.
    pub fn load(&self) -> Result<Spec, Error> {
        let path = self.effective_path();
        let text = match &self.source {
            Some(text) => text.clone(),
            None => read_text(&path)?,
        };
        let mut spec = parse(&path, &text, self.lenient)?;
        if let Err(e) = naming::assign(&mut spec, &self.renames) {
            let mut all = spec.warnings.clone();
            all.extend(e.diagnostics().iter().cloned());
            return Err(Error::new(all));
        }
        Ok(spec)
    }

    /// Reads the spec and generates the formatted Rust module.
    pub fn generate(&self) -> Result<Generated, Error> {
        let spec = self.load()?;
        let name = spec.file.file_name().map_or_else(
            || spec.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let opts = codegen::Options {
            spec_name: &name,
            exported: self.exported,
            attribute: self.attribute,
            doc_examples: self.doc_examples.as_deref(),
        };
        let tokens = codegen::tokens(&spec, &opts);
        let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
            Error::single(Diagnostic::error(
                &spec.file,
                None,
                format!("internal error: generated code does not parse: {e}"),
            ))
        })?;
        let body = prettyplease::unparse(&file);
        let header = format!(
            "// @generated by build-spec {} from `{}`. Do not edit: edit the spec and rebuild.\n\n",
            env!("CARGO_PKG_VERSION"),
            name.replace('\n', " ")
        );
        Ok(Generated {
            code: header + &body,
            spec,
        })
    }

    /// Everything a build script does, in one call: prints `cargo:rerun-if-changed` for the
    /// spec file and `cargo:rerun-if-env-changed` for the override variable, generates into
    /// `$OUT_DIR/file_name` (only when the bytes changed), prints warnings as
    /// `cargo:warning=`, and on errors prints every one and exits with status 1.
    pub fn build_script(&self, file_name: &str) -> Generated {
        if let Some(var) = &self.env_override {
            println!("cargo:rerun-if-env-changed={var}");
        }
        let path = self.effective_path();
        if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let fail = |lines: Vec<String>| -> ! {
            for line in &lines {
                eprintln!("{line}");
                println!("cargo:warning={line}");
            }
            std::process::exit(1);
        };
        let generated = match self.generate() {
            Ok(g) => g,
            Err(e) => {
                let mut lines: Vec<String> =
                    e.diagnostics().iter().map(ToString::to_string).collect();
                if let Some(var) = self
                    .env_override
                    .as_ref()
                    .filter(|v| std::env::var_os(v).is_some())
                {
                    lines.push(format!(
                        "(the spec path came from the environment variable {var})"
                    ));
                }
                fail(lines)
            }
        };
        for w in &generated.spec.warnings {
            println!("cargo:warning={w}");
        }
        let Some(out_dir) = std::env::var_os("OUT_DIR") else {
            fail(vec![
                "build-spec: OUT_DIR is not set; build_script() runs in a build script".to_owned(),
            ])
        };
        let out = Path::new(&out_dir).join(file_name);
        if let Err(e) = generated.write(&out) {
            fail(vec![format!(
                "build-spec: cannot write {}: {e}",
                out.display()
            )])
        }
        generated
    }
}

/// Generated code, and the spec it came from.
#[derive(Clone, Debug)]
pub struct Generated {
    code: String,
    spec: Spec,
}

impl Generated {
    /// The formatted Rust source.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The spec model (with its warnings).
    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    /// Writes the code to `path` only if its bytes differ, atomically (a temporary file in
    /// the same directory, renamed into place), so a failed write never leaves a half file
    /// and an unchanged spec touches nothing. Returns whether the file was written.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let out = dir.path().join("scopes.rs");
    /// let g = build_spec::Builder::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec.yaml")).generate().unwrap();
    /// assert!(g.write(&out).unwrap());
    /// assert!(!g.write(&out).unwrap());
    /// ```
    pub fn write(&self, path: &Path) -> io::Result<bool> {
        write_if_changed(path, self.code.as_bytes())
    }
}

/// Writes `bytes` to `path` unless it already holds them; atomically.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// Reads a spec file as UTF-8 text, with errors that say where.
fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = fs::read(path).map_err(|e| {
        let what = match e.kind() {
            io::ErrorKind::NotFound => "no such file".to_owned(),
            _ => e.to_string(),
        };
        Error::single(Diagnostic::error(
            path,
            None,
            format!("cannot read the spec: {what}"),
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let at = locate::Locator::new(&text).location(text.len());
        Error::single(Diagnostic::error(
            path,
            Some(at),
            format!(
                "the spec is not valid UTF-8 (byte {} is invalid)",
                valid.len()
            ),
        ))
    })
}

/// Parses spec text into the model (variants not yet named).
fn parse(path: &Path, text: &str, lenient: bool) -> Result<Spec, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::single(Diagnostic::error(
            path,
            None,
            "the spec is empty",
        )));
    }
    let is_json = text.trim_start().starts_with('{');
    let parsed = if is_json {
        serde_json::from_str::<raw::Document>(text).map_err(|e| {
            let mut message = e.to_string();
            if let Some(cut) = message.find(" at line ") {
                message.truncate(cut);
            }
            (
                message,
                Some(Location {
                    line: e.line(),
                    column: e.column(),
                }),
            )
        })
    } else {
        yaml::from_str::<raw::Document>(text).map_err(|e| (e.message, e.location))
    };
    let doc = parsed.map_err(|(message, location)| {
        let kind = if is_json { "JSON" } else { "YAML" };
        Error::single(Diagnostic::error(
            path,
            location,
            format!("invalid {kind}: {message}"),
        ))
    })?;
    let syntax = if is_json { Syntax::Json } else { Syntax::Yaml };
    model::ModelBuilder::new(path, text, lenient).build(doc, syntax)
}
