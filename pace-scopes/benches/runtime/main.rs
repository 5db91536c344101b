//! Run-time cost of pace-scopes against what services write by hand, in the same run.
//!
//! The baseline is the usual string approach: split the `scope` claim into a
//! `HashSet<String>` and look each required scope up by string. Every figure is printed as a
//! ratio to its baseline at the end (see `report`), from criterion's estimates of this run.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p pace-scopes --bench runtime
//! ```

use std::collections::HashSet;
use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::Criterion;
use pace_scopes::{MissingScopes, Requirement, Scope, ScopeSet, requires_scope};

mod report;

/// A realistic Keycloak access token's `scope` claim: OIDC scopes, PACE scopes and other
/// APIs' scopes mixed, 12 tokens.
const PACE_CLAIM: &str = "openid profile email offline_access user:users:read user:users:write \
                          user:gdpr:read user:preferences:read user:sessions:update \
                          pay:transactions:read poi:pois:read fueling:transactions:create";
/// The OIDC and other APIs' tokens of the claims (7 of 12 are not scopes of the spec).
const FOREIGN: [&str; 7] = [
    "openid",
    "profile",
    "email",
    "offline_access",
    "pay:transactions:read",
    "poi:pois:read",
    "fueling:transactions:create",
];
/// The three scopes the guarded handler requires.
const REQUIRED: [&str; 3] = ["user:users:read", "user:users:write", "user:gdpr:read"];

/// What services write today.
fn hashset_from_claim(claim: &str) -> HashSet<String> {
    claim.split(' ').map(str::to_owned).collect()
}

fn hashset_check(granted: &HashSet<String>) -> bool {
    REQUIRED.iter().all(|s| granted.contains(*s))
}

/// The scopes of `#[requires_scope("user:users:read", "user:users:write", "user:gdpr:read")]`.
const REQUIRED_SCOPES: &[Scope] = &[
    Scope::UserUsersRead,
    Scope::UserUsersWrite,
    Scope::UserGdprRead,
];

/// The same requirement as a value.
static REQUIREMENT: Requirement = Requirement::All(REQUIRED_SCOPES, &[]);

/// The guard's check as the attribute expands it: `check_all` of a constant array (the
/// expansion's is promoted, the same thing to the optimizer).
fn guard_check(granted: &ScopeSet) -> bool {
    pace_scopes::__private::check_all(REQUIRED_SCOPES, granted).is_ok()
}

#[requires_scope("user:users:read", "user:users:write", "user:gdpr:read")]
#[inline(never)]
fn guarded(granted: ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[inline(never)]
fn unguarded(granted: ScopeSet) -> Result<(), MissingScopes> {
    let _ = granted;
    Ok(())
}

/// The 12-token claim of the big spec: the same OIDC and foreign tokens, five of its scopes
/// spread over the spec.
fn big_claim() -> String {
    let all = bench_big_spec::Scope::ALL;
    let n = all.len();
    let own: Vec<&str> = [17, n / 4, n / 2, 3 * n / 4, n - 1]
        .iter()
        .map(|&i| all[i].as_str())
        .collect();
    let mut tokens: Vec<&str> = FOREIGN[..4].to_vec();
    tokens.extend(own);
    tokens.extend(&FOREIGN[4..]);
    tokens.join(" ")
}

/// `count` scope strings spread evenly over `all`.
fn spread<S: pace_scopes::ScopeEnum>(count: usize) -> Vec<&'static str> {
    let all = S::ALL;
    (0..count)
        .map(|i| all[i * all.len() / count].as_str())
        .collect()
}

fn claims(c: &mut Criterion) {
    let mut g = c.benchmark_group("claim");
    g.bench_function("hashset_string", |b| {
        b.iter(|| hashset_from_claim(black_box(PACE_CLAIM)))
    });
    g.bench_function("from_claim", |b| {
        b.iter(|| ScopeSet::from_claim(black_box(PACE_CLAIM)))
    });
    g.finish();
}

fn checks(c: &mut Criterion) {
    let strings = hashset_from_claim(PACE_CLAIM);
    let set = ScopeSet::from_claim(PACE_CLAIM);
    assert!(hashset_check(&strings) && REQUIREMENT.is_satisfied_by(&set) && guard_check(&set));
    assert!(!guard_check(&ScopeSet::from_claim(
        "user:users:read user:gdpr:read"
    )));
    let mask = REQUIREMENT.direct_scopes();
    let mut g = c.benchmark_group("check");
    g.bench_function("hashset_3_lookups", |b| {
        b.iter(|| hashset_check(black_box(&strings)))
    });
    g.bench_function("requirement_check", |b| {
        b.iter(|| guard_check(black_box(&set)))
    });
    g.bench_function("requirement_value_check", |b| {
        b.iter(|| REQUIREMENT.check(black_box(set)).is_ok())
    });
    g.bench_function("bare_mask", |b| {
        b.iter(|| black_box(set).contains_all(black_box(mask)))
    });
    g.finish();

    let mut g = c.benchmark_group("call");
    g.bench_function("unguarded", |b| b.iter(|| unguarded(black_box(set))));
    g.bench_function("guarded", |b| b.iter(|| guarded(black_box(set))));
    g.finish();
}

fn scale(c: &mut Criterion) {
    use bench_big_spec::{Scope as BigScope, ScopeSet as BigSet};
    assert_eq!(BigScope::COUNT, 5000, "the big spec has 5,000 scopes");
    let big_claim = big_claim();
    assert_eq!(big_claim.split(' ').count(), 12);
    assert_eq!(BigSet::from_claim(&big_claim).len(), 5);
    assert_eq!(ScopeSet::from_claim(PACE_CLAIM).len(), 5);

    let mut g = c.benchmark_group("from_claim");
    g.bench_function("spec_21", |b| {
        b.iter(|| ScopeSet::from_claim(black_box(PACE_CLAIM)))
    });
    g.bench_function("spec_5000", |b| {
        b.iter(|| BigSet::from_claim(black_box(&big_claim)))
    });
    g.finish();

    // 21 known scopes each, the big spec's spread over all of it.
    let pace = spread::<Scope>(21);
    let big = spread::<BigScope>(21);
    let mut g = c.benchmark_group("from_str");
    g.bench_function("spec_21", |b| {
        b.iter(|| {
            for s in black_box(&pace) {
                black_box(Scope::from_str(s).is_ok());
            }
        })
    });
    g.bench_function("spec_5000", |b| {
        b.iter(|| {
            for s in black_box(&big) {
                black_box(BigScope::from_str(s).is_ok());
            }
        })
    });
    g.finish();

    // Every scope of the spec in turn: the big table no longer stays in L1.
    let pace_all = spread::<Scope>(Scope::COUNT);
    let big_all = spread::<BigScope>(BigScope::COUNT);
    let mut g = c.benchmark_group("from_str_sweep");
    g.bench_function("spec_21", |b| {
        b.iter(|| {
            for s in black_box(&pace_all) {
                black_box(Scope::from_str(s).is_ok());
            }
        })
    });
    g.bench_function("spec_5000", |b| {
        b.iter(|| {
            for s in black_box(&big_all) {
                black_box(BigScope::from_str(s).is_ok());
            }
        })
    });
    g.finish();

    // The error path: `UnknownScope` looks for the closest scope to suggest.
    let mut g = c.benchmark_group("from_str_unknown");
    g.bench_function("spec_21", |b| {
        b.iter(|| Scope::from_str(black_box("user:users:raed")).is_err())
    });
    g.bench_function("spec_5000", |b| {
        b.iter(|| BigScope::from_str(black_box("user:users:raed")).is_err())
    });
    g.finish();
}

fn main() {
    let started = std::time::SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    claims(&mut c);
    checks(&mut c);
    scale(&mut c);
    c.final_summary();
    report::print(started);
}
