//! Problems found in a spec: errors that stop generation and warnings that do not.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in the spec text (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// How serious a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; `build.rs` prints it as `cargo:warning=`.
    Warning,
    /// The spec cannot be used.
    Error,
}

/// One problem in a spec, with where it is.
///
/// ```
/// use build_spec::{Builder, Severity};
///
/// let err = Builder::from_source("bad.yaml", "openapi: 3.1.0\ncomponents: []\n")
///     .load()
///     .unwrap_err();
/// let first = &err.diagnostics()[0];
/// assert_eq!(first.severity, Severity::Error);
/// assert!(first.to_string().starts_with("bad.yaml:2:"), "{first}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file.
    pub file: PathBuf,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What is wrong, naming the scheme, flow or scope concerned.
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn error(
        file: &Path,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            location,
            message: message.into(),
        }
    }

    pub(crate) fn warning(
        file: &Path,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.to_owned(),
            location,
            message: message.into(),
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(loc) = self.location {
            write!(f, ":{loc}")?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)
    }
}

/// Why a spec could not be loaded or generated: every error found (and the warnings seen
/// before them), not only the first.
///
/// ```
/// use build_spec::Builder;
///
/// let err = Builder::from_source("empty.yaml", "").load().unwrap_err();
/// assert_eq!(err.errors().count(), 1);
/// assert!(err.to_string().contains("empty"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Error { diagnostics }
    }

    pub(crate) fn single(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }

    /// Every diagnostic, errors and warnings, in the order found.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors().count();
        writeln!(
            f,
            "the spec has {n} error{}:",
            if n == 1 { "" } else { "s" }
        )?;
        for d in self.errors() {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
