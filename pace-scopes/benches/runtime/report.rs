//! The ratios of this run: read from criterion's estimates (`<criterion>/<group>/<id>/new/
//! estimates.json`, median per iteration), printed as a Markdown table and written beside
//! them as `pace-scopes-runtime.md`. Only estimates written by this run count, so a filtered
//! run reports what it measured and nothing stale.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a figure must show.
#[derive(Clone, Copy)]
enum Target {
    /// The baseline takes at least this many times as long as the subject.
    Faster(f64),
    /// The subject takes at most this many nanoseconds more than the baseline.
    WithinNs(f64),
    /// Per token, the subject takes at most this many times as long as the baseline.
    ScalesWithin(f64),
    /// Reported, no target.
    Info,
}

/// A measured benchmark: group, id, and how many tokens one iteration handles.
type Bench = (&'static str, &'static str, f64);

struct Figure {
    what: &'static str,
    subject: Bench,
    baseline: Bench,
    target: Target,
}

const FIGURES: &[Figure] = &[
    Figure {
        what: "`ScopeSet::from_claim`, 12-token Keycloak claim",
        subject: ("claim", "from_claim", 1.0),
        baseline: ("claim", "hashset_string", 1.0),
        target: Target::Faster(10.0),
    },
    Figure {
        what: "guard check (as expanded: `check_all` of 3 promoted scopes), parsed set",
        subject: ("check", "requirement_check", 1.0),
        baseline: ("check", "hashset_3_lookups", 1.0),
        target: Target::Faster(50.0),
    },
    Figure {
        what: "`Requirement::check` of the same requirement as a value",
        subject: ("check", "requirement_value_check", 1.0),
        baseline: ("check", "hashset_3_lookups", 1.0),
        target: Target::Info,
    },
    Figure {
        what: "bare mask test (`contains_all`), 3 scopes",
        subject: ("check", "bare_mask", 1.0),
        baseline: ("check", "hashset_3_lookups", 1.0),
        target: Target::Info,
    },
    Figure {
        what: "`#[requires_scope]` call, empty body, vs the unguarded call",
        subject: ("call", "guarded", 1.0),
        baseline: ("call", "unguarded", 1.0),
        target: Target::WithinNs(2.0),
    },
    Figure {
        what: "`from_claim` per token, 5,000-scope spec vs 21",
        subject: ("from_claim", "spec_5000", 12.0),
        baseline: ("from_claim", "spec_21", 12.0),
        target: Target::ScalesWithin(2.0),
    },
    Figure {
        what: "`Scope::from_str` per token, 5,000-scope spec vs 21",
        subject: ("from_str", "spec_5000", 21.0),
        baseline: ("from_str", "spec_21", 21.0),
        target: Target::ScalesWithin(2.0),
    },
    Figure {
        what: "`Scope::from_str` per token, every scope in turn (5,000 vs 21)",
        subject: ("from_str_sweep", "spec_5000", 5000.0),
        baseline: ("from_str_sweep", "spec_21", 21.0),
        target: Target::Info,
    },
    Figure {
        what: "`Scope::from_str` of an unknown token (the error; its suggestion is computed only when shown), 5,000 vs 21",
        subject: ("from_str_unknown", "spec_5000", 1.0),
        baseline: ("from_str_unknown", "spec_21", 1.0),
        target: Target::Info,
    },
];

/// Where criterion writes: `CRITERION_HOME`, else `criterion/` in the target directory.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Path::new(&target).join("criterion");
    }
    // The bench binary is `<target>/<profile>/deps/<name>-<hash>`.
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("criterion")))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// The median time per iteration in ns, if this run measured it.
fn median_ns(dir: &Path, (group, id, _): Bench, started: SystemTime) -> Option<f64> {
    let path = dir.join(group).join(id).join("new").join("estimates.json");
    let fresh = std::fs::metadata(&path).ok()?.modified().ok()? >= started;
    if !fresh {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn ns(t: f64) -> String {
    if t >= 1000.0 {
        format!("{:.2} µs", t / 1000.0)
    } else {
        format!("{t:.2} ns")
    }
}

/// Prints the table of every figure whose two benchmarks ran since `started`.
pub(crate) fn print(started: SystemTime) {
    let dir = criterion_dir();
    let mut out = String::from(
        "| figure | subject | baseline | ratio | target | holds |\n|---|---|---|---|---|---|\n",
    );
    let mut rows = 0;
    for f in FIGURES {
        let (Some(s), Some(b)) = (
            median_ns(&dir, f.subject, started),
            median_ns(&dir, f.baseline, started),
        ) else {
            continue;
        };
        let (s_tok, b_tok) = (s / f.subject.2, b / f.baseline.2);
        let per = |t: f64, n: f64| {
            if n > 1.0 {
                format!("{} ({}/token)", ns(t), ns(t / n))
            } else {
                ns(t)
            }
        };
        let (ratio, target, holds) = match f.target {
            Target::Faster(min) => {
                let r = b / s;
                (
                    format!("{r:.1}x faster"),
                    format!(">= {min}x faster"),
                    Some(r >= min),
                )
            }
            Target::WithinNs(max) => {
                let d = s - b;
                (
                    format!("{d:+.2} ns ({:.2}x)", s / b),
                    format!("<= +{max} ns"),
                    Some(d <= max),
                )
            }
            Target::ScalesWithin(max) => {
                let r = s_tok / b_tok;
                (
                    format!("{r:.2}x per token"),
                    format!("<= {max}x"),
                    Some(r <= max),
                )
            }
            Target::Info => {
                let r = s_tok / b_tok;
                let ratio = if r < 1.0 {
                    format!("{:.1}x faster", 1.0 / r)
                } else {
                    format!("{r:.2}x per token")
                };
                (ratio, "-".to_owned(), None)
            }
        };
        let holds = match holds {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "-",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ratio} | {target} | {holds} |",
            f.what,
            per(s, f.subject.2),
            per(b, f.baseline.2),
        );
        rows += 1;
    }
    if rows == 0 {
        println!("\n(no figures: this run measured no baseline/subject pair)");
        return;
    }
    println!(
        "\nRatios of this run (criterion medians, {}):\n\n{out}",
        dir.display()
    );
    let path = dir.join("pace-scopes-runtime.md");
    if let Err(e) = std::fs::write(&path, &out) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}
