//! What every generated scope enum and scope set implement, so that the guard, the error
//! types and the integrations work the same for the bundled PACE spec and for any other.

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::UnknownScope;

/// A generated scope enum: one variant per scope of a spec.
///
/// Implemented by [`Scope`](crate::Scope) and by every enum that `build-spec` generates for
/// another spec; generic code (the guard, [`MissingScopes`](crate::MissingScopes), serde
/// support) is written against it.
///
/// ```
/// use pace_scopes::{Scope, ScopeEnum};
///
/// fn names<S: ScopeEnum>() -> Vec<&'static str> {
///     S::ALL.iter().map(|s| s.as_str()).collect()
/// }
/// assert_eq!(names::<Scope>()[0], "user:device-totps:create");
/// assert_eq!(names::<Scope>().len(), Scope::COUNT);
/// ```
pub trait ScopeEnum:
    Copy + Eq + Ord + Hash + Debug + Display + FromStr<Err = UnknownScope> + Send + Sync + 'static
{
    /// The bit set of this spec's scopes.
    type Set: ScopeBits<Scope = Self>;

    /// Every scope, in spec order.
    const ALL: &'static [Self];

    /// The scope string, exactly as the spec declares it.
    fn as_str(self) -> &'static str;

    /// The spec's description of the scope (empty when it has none).
    fn description(self) -> &'static str;

    /// The position of the scope in [`ALL`](Self::ALL).
    fn index(self) -> usize;

    /// The scope whose string is exactly `s` (case-sensitive), without allocating.
    fn lookup(s: &str) -> Option<Self>;
}

/// A generated scope set: a `Copy` bit set sized to its spec.
///
/// Implemented by [`ScopeSet`](crate::ScopeSet) and by every set that `build-spec` generates.
///
/// ```
/// use pace_scopes::{Scope, ScopeBits, ScopeSet};
///
/// fn count<S: ScopeBits>(claim: &str) -> usize {
///     S::from_claim(claim).len()
/// }
/// assert_eq!(count::<ScopeSet>("openid user:users:read"), 1);
/// ```
pub trait ScopeBits:
    Copy + Eq + Ord + Hash + Default + Debug + Display + Send + Sync + 'static
{
    /// The scope enum of this set.
    type Scope: ScopeEnum<Set = Self>;

    /// The empty set.
    fn empty() -> Self;

    /// Every scope of the spec.
    fn all() -> Self;

    /// Adds a scope; returns whether it was new.
    fn insert(&mut self, scope: Self::Scope) -> bool;

    /// Whether the set holds `scope`.
    fn contains(&self, scope: Self::Scope) -> bool;

    /// Whether the set holds every scope of `other`.
    fn contains_all(&self, other: &Self) -> bool;

    /// Whether the set holds at least one scope of `other`.
    fn contains_any(&self, other: &Self) -> bool;

    /// The scopes in either set.
    fn union(&self, other: &Self) -> Self;

    /// The scopes in both sets.
    fn intersection(&self, other: &Self) -> Self;

    /// The scopes of `self` that are not in `other`.
    fn difference(&self, other: &Self) -> Self;

    /// The number of scopes.
    fn len(&self) -> usize;

    /// Whether the set is empty.
    fn is_empty(&self) -> bool;

    /// The scopes in spec order.
    fn scopes(&self) -> impl Iterator<Item = Self::Scope>;

    /// Parses a token's `scope` claim (RFC 6749 §3.3); see the generated `from_claim`.
    fn from_claim(claim: &str) -> Self;
}
