//! `build-spec`: list, check, generate and diff the scopes of an OpenAPI spec.
//!
//! A thin layer over the `build_spec` library: every subcommand loads the spec with
//! [`build_spec::Builder`], exactly as a build script does, and prints what it found.
//!
//! Output rules: results go to stdout, diagnostics (errors and warnings, each with
//! `file:line:column`) and status to stderr; colour only when the stream is a terminal and
//! `NO_COLOR` is unset. Exit status: 0 success, 1 "the answer is no" (`diff`: something breaks;
//! `generate --check`: the file is stale), 2 an error (unusable spec, I/O, bad arguments).
// Library code reports errors; it never panics on them (tests may unwrap).
#![warn(clippy::unwrap_used, clippy::expect_used)]

mod cli_list;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use build_spec::{Builder, Diagnostic, Error, Severity, Spec};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit status of a failed command (also clap's, for bad arguments).
const EXIT_ERROR: u8 = 2;
/// Exit status of `diff` when something breaks, of `generate --check` when the file is stale.
const EXIT_NO: u8 = 1;

#[derive(Parser, Debug)]
#[command(
    name = "build-spec",
    version,
    about = "List, check, generate and diff the OAuth2 scopes of an OpenAPI spec",
    long_about = "List, check, generate and diff the OAuth2 scopes of an OpenAPI spec \
                  (OpenAPI 3.0, 3.1 or Swagger 2.0; YAML or JSON), as pace-scopes' build step \
                  reads them.\n\nResults go to stdout; errors and warnings, with \
                  file:line:column, to stderr.\nExit status: 0 success, 1 `diff` found a \
                  breaking change or `generate --check` a stale file, 2 error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Every scope (variant name, description, the flows that declare it), then the schemes
    /// with their URLs.
    List(ListArgs),
    /// Validate the spec: print every problem with file:line:column; exit 0 when it is usable
    /// (warnings allowed), 2 when it is not.
    Check(CheckArgs),
    /// Print the Rust module the build step generates, or write it with `-o`.
    Generate(GenerateArgs),
    /// What changed from OLD to NEW: exit 0 when nothing breaks users, 1 when something does
    /// (a scope removed or its variant renamed, a scheme removed), 2 on error.
    Diff(DiffArgs),
}

/// How the spec is read: the options of `build_spec::Builder`.
#[derive(Args, Debug)]
struct SpecOptions {
    /// The spec file (YAML or JSON).
    #[arg(value_name = "SPEC", default_value = "spec.yaml")]
    spec: PathBuf,
    /// Skip scopes that break RFC 6749's scope-token grammar, with a warning, instead of
    /// failing (for vendor specs you cannot fix).
    #[arg(long)]
    lenient: bool,
    /// Name the variant of SCOPE explicitly, to resolve two scopes that get the same name.
    /// Repeatable.
    #[arg(long = "rename", value_name = "SCOPE=VARIANT", value_parser = parse_rename)]
    renames: Vec<(String, String)>,
}

impl SpecOptions {
    fn builder(&self) -> Builder {
        self.renames.iter().fold(
            Builder::new(&self.spec).lenient(self.lenient),
            |b, (scope, variant)| b.rename(scope, variant),
        )
    }
}

#[derive(Args, Debug)]
struct ListArgs {
    #[command(flatten)]
    spec: SpecOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    /// Aligned columns.
    Table,
    /// `{"scopes": [...], "schemes": [...]}`.
    Json,
    /// Markdown tables.
    Markdown,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    spec: SpecOptions,
}

#[derive(Args, Debug)]
struct GenerateArgs {
    #[command(flatten)]
    spec: SpecOptions,
    /// Write the module to FILE (atomically; only when its bytes change) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write nothing; exit 1 if FILE is not what generation produces now.
    #[arg(long, requires = "output")]
    check: bool,
    /// Generate for a crate root that other crates use (`#[macro_export]`ed resolver), as
    /// pace-scopes does.
    #[arg(long)]
    exported: bool,
    /// Add doc examples to the generated items, reaching them as PATH::Scope.
    #[arg(long, value_name = "PATH")]
    doc_examples: Option<String>,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The spec before the change.
    old: PathBuf,
    /// The spec after the change.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Read both specs leniently (see `generate --lenient`).
    #[arg(long)]
    lenient: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DiffFormat {
    /// One line per change, then a summary.
    Text,
    /// `{"added", "removed", "changed", "breaking"}`.
    Json,
}

/// `SCOPE=VARIANT`, split at the last `=` (a scope may contain `=`, a variant may not).
fn parse_rename(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((scope, variant)) if !scope.is_empty() && !variant.is_empty() => {
            Ok((scope.to_owned(), variant.to_owned()))
        }
        _ => Err(format!("expected SCOPE=VARIANT, got {s:?}")),
    }
}

/// Where output goes, with colour decided per stream.
struct Term {
    stdout_color: bool,
    stderr_color: bool,
}

impl Term {
    fn detect() -> Self {
        let allowed = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Term {
            stdout_color: allowed && io::stdout().is_terminal(),
            stderr_color: allowed && io::stderr().is_terminal(),
        }
    }

    /// Writes a result to stdout. A closed pipe (`build-spec list | head`) is not an error.
    fn out(&self, text: &str) -> Result<(), u8> {
        let mut out = io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => {
                self.error(&format!("cannot write to stdout: {e}"));
                Err(EXIT_ERROR)
            }
        }
    }

    /// Writes one line to stderr; if stderr itself is gone there is nobody left to tell.
    fn err_line(&self, line: &str) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    fn error(&self, message: &str) {
        let tag = paint(self.stderr_color, RED, "error");
        self.err_line(&format!("build-spec: {tag}: {message}"));
    }

    fn diagnostic(&self, d: &Diagnostic) {
        let line = d.to_string();
        let line = if self.stderr_color {
            let (word, color) = match d.severity {
                Severity::Error => ("error", RED),
                Severity::Warning => ("warning", YELLOW),
            };
            line.replacen(
                &format!(": {word}: "),
                &format!(": {}: ", paint(true, color, word)),
                1,
            )
        } else {
            line
        };
        self.err_line(&line);
    }

    /// Prints every diagnostic of a failed load, then a summary.
    fn load_error(&self, file: &Path, e: &Error) {
        for d in e.diagnostics() {
            self.diagnostic(d);
        }
        let n = e.errors().count();
        self.error(&format!(
            "{} is not usable: {n} error{}",
            file.display(),
            plural(n)
        ));
    }
}

const RED: &str = "31";
const GREEN: &str = "32";
const YELLOW: &str = "33";

fn paint(on: bool, color: &str, text: &str) -> String {
    if on {
        format!("\x1b[{color}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` land here too, with status 0; a closed stdout is fine.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_ERROR));
        }
    };
    let term = Term::detect();
    let result = match &cli.command {
        Command::List(args) => list(&term, args),
        Command::Check(args) => check(&term, args),
        Command::Generate(args) => generate(&term, args),
        Command::Diff(args) => diff(&term, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// Loads a spec, printing its warnings, or every problem and a summary.
fn load(term: &Term, file: &Path, builder: &Builder) -> Result<Spec, u8> {
    match builder.load() {
        Ok(spec) => {
            for w in &spec.warnings {
                term.diagnostic(w);
            }
            Ok(spec)
        }
        Err(e) => {
            term.load_error(file, &e);
            Err(EXIT_ERROR)
        }
    }
}

fn list(term: &Term, args: &ListArgs) -> Result<(), u8> {
    let spec = load(term, &args.spec.spec, &args.spec.builder())?;
    let text = match args.format {
        ListFormat::Table => cli_list::table(&spec),
        ListFormat::Markdown => cli_list::markdown(&spec),
        ListFormat::Json => cli_list::json(&spec),
    };
    term.out(&text)
}

fn check(term: &Term, args: &CheckArgs) -> Result<(), u8> {
    let spec = load(term, &args.spec.spec, &args.spec.builder())?;
    let w = spec.warnings.len();
    term.out(&format!(
        "{}: usable: {} scope{}, {} scheme{}, {w} warning{}\n",
        args.spec.spec.display(),
        spec.scopes.len(),
        plural(spec.scopes.len()),
        spec.schemes.len(),
        plural(spec.schemes.len()),
        plural(w),
    ))
}

fn generate(term: &Term, args: &GenerateArgs) -> Result<(), u8> {
    let mut builder = args.spec.builder().exported(args.exported);
    if let Some(path) = &args.doc_examples {
        builder = builder.doc_examples(path);
    }
    let generated = match builder.generate() {
        Ok(g) => g,
        Err(e) => {
            term.load_error(&args.spec.spec, &e);
            return Err(EXIT_ERROR);
        }
    };
    for w in &generated.spec().warnings {
        term.diagnostic(w);
    }
    let code = generated.code();
    let Some(out) = &args.output else {
        return term.out(code);
    };
    if args.check {
        let stale = match std::fs::read(out) {
            Ok(old) if old == code.as_bytes() => None,
            Ok(old) => {
                let old = String::from_utf8_lossy(&old);
                let line = old
                    .lines()
                    .zip(code.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| old.lines().count().min(code.lines().count()))
                    + 1;
                Some(format!("differs from a fresh generation from line {line}"))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some("does not exist".to_owned()),
            Err(e) => {
                term.error(&format!("cannot read {}: {e}", out.display()));
                return Err(EXIT_ERROR);
            }
        };
        return match stale {
            None => {
                term.err_line(&format!("{} is up to date", out.display()));
                Ok(())
            }
            Some(why) => {
                term.error(&format!(
                    "{} is stale: it {why}; regenerate it with `build-spec generate {} -o {}`",
                    out.display(),
                    args.spec.spec.display(),
                    out.display()
                ));
                Err(EXIT_NO)
            }
        };
    }
    match generated.write(out) {
        Ok(true) => {
            term.err_line(&format!("wrote {}", out.display()));
            Ok(())
        }
        Ok(false) => {
            term.err_line(&format!("{} is up to date", out.display()));
            Ok(())
        }
        Err(e) => {
            term.error(&format!(
                "cannot write {}: {e} (the old file, if any, is untouched)",
                out.display()
            ));
            Err(EXIT_ERROR)
        }
    }
}

fn diff(term: &Term, args: &DiffArgs) -> Result<(), u8> {
    let old = load(
        term,
        &args.old,
        &Builder::new(&args.old).lenient(args.lenient),
    );
    let new = load(
        term,
        &args.new,
        &Builder::new(&args.new).lenient(args.lenient),
    );
    let (old, new) = (old?, new?);
    let d = build_spec::diff::diff(&old, &new);
    let text = match args.format {
        DiffFormat::Json => format!("{:#}\n", d.to_json()),
        DiffFormat::Text => {
            let color = term.stdout_color;
            d.render(&|line, mark, breaking| {
                let c = match (breaking, mark) {
                    (true, _) | (false, '-') => RED,
                    (false, '+') => GREEN,
                    _ => YELLOW,
                };
                paint(color, c, line)
            })
        }
    };
    term.out(&text)?;
    if d.is_breaking() {
        Err(EXIT_NO)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_splits_at_the_last_equals_sign() {
        assert_eq!(
            parse_rename("a=b=C"),
            Ok(("a=b".to_owned(), "C".to_owned()))
        );
        assert!(parse_rename("novariant=").is_err());
        assert!(parse_rename("nothing").is_err());
    }

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
