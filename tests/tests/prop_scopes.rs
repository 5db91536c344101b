//! Property tests of claims, sets, requirements and serde (issue 7): what a token's claim can
//! grant, and that a requirement allows exactly when its boolean formula holds.

// A failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use pace_scopes::{__private, Requirement, Scope, ScopeSet};
use proptest::prelude::*;

fn set_of(bits: u32) -> ScopeSet {
    Scope::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, s)| *s)
        .collect()
}

fn any_set() -> impl Strategy<Value = ScopeSet> {
    any::<u32>().prop_map(set_of)
}

fn any_scope() -> impl Strategy<Value = Scope> {
    (0..Scope::COUNT).prop_map(|i| Scope::ALL[i])
}

/// Text near a scope string: what a forged or mangled claim would hold.
fn near_miss() -> impl Strategy<Value = String> {
    (any_scope(), 0..12usize, any::<char>()).prop_map(|(scope, how, c)| {
        let s = scope.as_str();
        match how {
            0 => s.to_uppercase(),
            1 => s[..s.len() - 1].to_owned(),
            2 => format!("{s}{c}"),
            3 => format!("{c}{s}"),
            4 => format!("{s}\0"),
            5 => format!("\0{s}"),
            6 => format!("{s}\t"),
            7 => format!("\u{a0}{s}"),
            8 => s.replacen(':', "", 1),
            9 => format!("{s}\r\n"),
            10 => s.replace('u', "\u{0075}\u{0301}"),
            _ => {
                let mut t = s.to_owned();
                t.insert(s.len() / 2, c);
                t
            }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_set_round_trips_through_its_claim(set in any_set()) {
        prop_assert_eq!(ScopeSet::from_claim(&set.to_string()), set);
    }

    /// Scopes in any order and repeated, among other APIs' tokens: exactly the set.
    #[test]
    fn a_claim_grants_its_exact_tokens_and_nothing_else(
        set in any_set(),
        noise in prop::collection::vec("[a-z:./]{1,12}", 0..8),
        shuffle in any::<u64>(),
    ) {
        let mut tokens: Vec<String> = set.iter().map(|s| s.as_str().to_owned()).collect();
        tokens.extend(set.iter().map(|s| s.as_str().to_owned()));
        tokens.extend(noise.into_iter().filter(|t| Scope::lookup(t).is_none()));
        let n = tokens.len().max(1);
        tokens.rotate_left((shuffle as usize) % n);
        prop_assert_eq!(ScopeSet::from_claim(&tokens.join(" ")), set);
    }

    /// Whatever the claim, every scope granted is one of its space-separated tokens, byte
    /// for byte; and every such token is granted.
    #[test]
    fn arbitrary_claims_never_grant_an_absent_token(claim in any::<String>()) {
        check_claim(&claim)?;
    }

    #[test]
    fn near_misses_grant_nothing(
        misses in prop::collection::vec(near_miss(), 1..6),
        sep in prop::sample::select(vec![" ", "  ", "\t", "\n", ",", "\0", ""]),
    ) {
        let claim = misses.join(sep);
        let set = ScopeSet::from_claim(&claim);
        for scope in set.iter() {
            // Only a miss that is itself exactly a scope (rare: a `c` that rebuilt it)
            // or a separator that split one into a scope may grant.
            prop_assert!(claim.split(' ').any(|t| t == scope.as_str()), "{scope} from {claim:?}");
        }
        check_claim(&claim)?;
    }

    #[test]
    fn set_algebra_laws(a in any_set(), b in any_set(), c in any_set()) {
        prop_assert_eq!(a.union(b), b.union(a));
        prop_assert_eq!(a.intersection(b), b.intersection(a));
        prop_assert_eq!(a.union(b).union(c), a.union(b.union(c)));
        prop_assert_eq!(a.intersection(b.union(c)), a.intersection(b).union(a.intersection(c)));
        prop_assert_eq!(a.difference(b), a.intersection(b.complement()));
        prop_assert_eq!(a.union(b).complement(), a.complement().intersection(b.complement()));
        prop_assert_eq!(a.complement().complement(), a);
        prop_assert_eq!(a.union(a.complement()), ScopeSet::all());
        prop_assert!(a.intersection(a.complement()).is_empty());
        prop_assert_eq!(a.contains_all(b), a.intersection(b) == b);
        prop_assert_eq!(a.contains_any(b), !a.intersection(b).is_empty());
        prop_assert_eq!(a.union(b).len() + a.intersection(b).len(), a.len() + b.len());
        prop_assert_eq!(a | b, a.union(b));
        prop_assert_eq!(a & b, a.intersection(b));
        prop_assert_eq!(a - b, a.difference(b));
        prop_assert_eq!(!a, a.complement());
        // Iteration is in spec order and rebuilds the set.
        let order: Vec<usize> = a.iter().map(Scope::index).collect();
        prop_assert!(order.windows(2).all(|w| w[0] < w[1]));
        prop_assert_eq!(a.iter().collect::<ScopeSet>(), a);
        prop_assert_eq!(a.len(), a.iter().count());
        for s in Scope::ALL.iter().copied() {
            prop_assert_eq!(a.contains(s), order.contains(&s.index()));
        }
    }

    #[test]
    fn serde_round_trips(set in any_set(), scope in any_scope(), extra in "[a-z]{1,8}") {
        let json = serde_json::to_string(&set).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&set.to_string()).unwrap());
        prop_assert_eq!(serde_json::from_str::<ScopeSet>(&json).unwrap(), set);
        // The array form (`scp`), with another API's scope in it.
        let mut array: Vec<&str> = set.iter().map(Scope::as_str).collect();
        array.push(&extra);
        let from_array: ScopeSet = serde_json::from_value(serde_json::json!(array)).unwrap();
        prop_assert_eq!(from_array, set);
        let s = serde_json::to_string(&scope).unwrap();
        prop_assert_eq!(serde_json::from_str::<Scope>(&s).unwrap(), scope);
        prop_assert!(serde_json::from_str::<Scope>(&serde_json::to_string(&scope.as_str().to_uppercase()).unwrap()).is_err());
    }

    /// A requirement built at run time from any `all`/`any` tree: the guard's check allows
    /// exactly when the formula holds, and what it says is missing would satisfy it.
    #[test]
    fn requirements_allow_exactly_when_their_formula_holds(
        formula in formula(),
        granted in any_set(),
    ) {
        let requirement: &'static Requirement = Box::leak(Box::new(formula.requirement()));
        let holds = formula.holds(granted);
        prop_assert_eq!(requirement.is_satisfied_by(&granted), holds);
        prop_assert_eq!(__private::check(requirement, &granted).is_ok(), holds);
        prop_assert_eq!(requirement.scopes(), formula.scopes());
        match __private::check(requirement, &granted) {
            Ok(()) => prop_assert!(requirement.missing(&granted).is_empty()),
            Err(missing) => {
                prop_assert_eq!(missing.granted(), granted);
                prop_assert_eq!(missing.required(), formula.scopes());
                // Granting what is missing satisfies any requirement that can be satisfied.
                if formula.holds(ScopeSet::all()) {
                    prop_assert!(formula.holds(granted.union(missing.missing())));
                }
            }
        }
    }
}

proptest! {
    /// The flat check (`check_all`, what `#[requires_scope("a", "b", ...)]` expands to)
    /// allows exactly when every listed scope is granted, and denies with what is missing.
    #[test]
    fn the_flat_guard_allows_exactly_when_all_listed_scopes_are_granted(
        listed in prop::collection::vec(any_scope(), 0..6),
        granted in any_set(),
    ) {
        let listed: &'static [Scope] = Box::leak(listed.into_boxed_slice());
        let required: ScopeSet = listed.iter().copied().collect();
        let outcome = __private::check_all(listed, &granted);
        prop_assert_eq!(outcome.is_ok(), granted.contains_all(required));
        if let Err(missing) = outcome {
            prop_assert_eq!(missing.missing(), required.difference(granted));
            prop_assert!(!missing.missing().is_empty());
        }
    }
}

fn check_claim(claim: &str) -> Result<(), TestCaseError> {
    let set = ScopeSet::from_claim(claim);
    for scope in set.iter() {
        prop_assert!(
            claim.split(' ').any(|t| t == scope.as_str()),
            "{} granted by {:?}",
            scope,
            claim
        );
    }
    for token in claim.split(' ') {
        if let Some(scope) = Scope::lookup(token) {
            prop_assert!(set.contains(scope));
        }
    }
    Ok(())
}

/// A boolean formula over scopes.
#[derive(Clone, Debug)]
enum Formula {
    Scope(Scope),
    All(Vec<Formula>),
    Any(Vec<Formula>),
}

fn formula() -> impl Strategy<Value = Formula> {
    let leaf = any_scope().prop_map(Formula::Scope);
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Formula::All),
            prop::collection::vec(inner, 0..5).prop_map(Formula::Any),
        ]
    })
}

impl Formula {
    fn holds(&self, granted: ScopeSet) -> bool {
        match self {
            Formula::Scope(s) => granted.contains(*s),
            Formula::All(parts) => parts.iter().all(|p| p.holds(granted)),
            Formula::Any(parts) => parts.iter().any(|p| p.holds(granted)),
        }
    }

    fn scopes(&self) -> ScopeSet {
        match self {
            Formula::Scope(s) => ScopeSet::from(*s),
            Formula::All(parts) | Formula::Any(parts) => parts
                .iter()
                .fold(ScopeSet::empty(), |acc, p| acc.union(p.scopes())),
        }
    }

    /// As the guard builds it: direct scopes listed, groups nested.
    fn requirement(&self) -> Requirement {
        let (parts, all) = match self {
            Formula::Scope(s) => return Requirement::All(Box::leak(Box::new([*s])), &[]),
            Formula::All(parts) => (parts, true),
            Formula::Any(parts) => (parts, false),
        };
        let direct: Vec<Scope> = parts
            .iter()
            .filter_map(|p| match p {
                Formula::Scope(s) => Some(*s),
                _ => None,
            })
            .collect();
        let direct: &'static [Scope] = Box::leak(direct.into_boxed_slice());
        let nested: Vec<Requirement> = parts
            .iter()
            .filter(|p| !matches!(p, Formula::Scope(_)))
            .map(Formula::requirement)
            .collect();
        let nested: &'static [Requirement] = Box::leak(nested.into_boxed_slice());
        if all {
            Requirement::All(direct, nested)
        } else {
            Requirement::Any(direct, nested)
        }
    }
}

/// A 1 MB claim (and an 8 MB one) is parsed in linear time: a few milliseconds a megabyte,
/// whatever it holds.
#[test]
fn megabyte_claims_are_linear() {
    let every: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
    let unit = format!("{} other:api  \0\t{}", every.join(" "), "x".repeat(300));
    let claim_1mb: String = unit.repeat((1 << 20) / unit.len() + 1);
    let claim_8mb = claim_1mb.repeat(8);
    let time = |claim: &str| {
        let start = Instant::now();
        let set = ScopeSet::from_claim(claim);
        (set, start.elapsed())
    };
    let (set1, t1) = time(&claim_1mb);
    let (set8, t8) = time(&claim_8mb);
    assert_eq!(set1, ScopeSet::all());
    assert_eq!(set8, ScopeSet::all());
    // Timings are reported, not asserted (they belong in BENCHMARKS.md): a quadratic scan
    // would show as minutes of run time for these sizes.
    eprintln!("from_claim: 1 MB in {t1:?}, 8 MB in {t8:?}");

    // One token of a megabyte, and a megabyte of separators: nothing granted.
    assert!(ScopeSet::from_claim(&"u".repeat(1 << 20)).is_empty());
    assert!(ScopeSet::from_claim(&" ".repeat(1 << 20)).is_empty());
    assert!(ScopeSet::from_claim(&"\0".repeat(1 << 20)).is_empty());
}

#[test]
fn exact_tokens_only() {
    let read = "user:users:read";
    for claim in [
        "USER:USERS:READ",
        "User:users:read",
        "user:users:rea",
        "user:users:readx",
        "xuser:users:read",
        " user:users:read\0",
        "\0user:users:read",
        "user:users:read\t",
        "\tuser:users:read",
        "user:users:read\n",
        "user:users:read\r",
        "\u{feff}user:users:read",
        "user:users:read\u{a0}",
        "\"user:users:read\"",
        "user:users:read,user:users:write",
        "user:users",
        "user:users:read:",
        "user%3Ausers%3Aread",
    ] {
        assert!(
            ScopeSet::from_claim(claim).is_empty(),
            "{claim:?} granted {}",
            ScopeSet::from_claim(claim)
        );
    }
    // Separators are single spaces only; doubled and edge spaces are empty tokens.
    assert_eq!(
        ScopeSet::from_claim(&format!("  {read}  ")),
        ScopeSet::from(Scope::UserUsersRead)
    );
}
