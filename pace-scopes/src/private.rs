//! What only macro expansions and generated code use. Not a public API: it changes without
//! notice. Generated code reaches it as `::pace_scopes::__private::...`.

/// Const bit operations of generated sets.
pub mod bits {
    pub use crate::bits::*;
}
/// Claim parsing of generated sets.
pub mod claim {
    pub use crate::claim::*;
}
pub use crate::lookup::Lookup;

pub use pace_scopes_macros::__requires_scope_bound as requires_scope_bound;
pub use pace_scopes_macros::__unknown_scope as unknown_scope;

#[cfg(feature = "serde")]
pub use crate::__impl_serde as impl_serde;
/// serde support of generated types.
#[cfg(feature = "serde")]
pub mod serde_support {
    pub use crate::serde_support::*;
}
#[cfg(feature = "serde")]
pub use serde;

/// Without the `serde` feature the generated call expands to nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde_off {
    ($scope:ty, $set:ty) => {};
}
#[cfg(not(feature = "serde"))]
pub use crate::__impl_serde_off as impl_serde;

use crate::{Deny, GrantedScopes, MissingScopes, Requirement, ScopeBits, ScopeEnum};

/// The guard's check of the common requirement, a flat list of scopes that must all be
/// granted: `Ok` to run the body. The expansion passes a promoted array of variants, first,
/// so that the spec's set type is known from it before the source is checked.
#[inline(always)]
pub fn check_all<E: ScopeEnum, T: GrantedScopes<E::Set> + ?Sized>(
    scopes: &'static [E],
    value: &T,
) -> Result<(), MissingScopes<E::Set>> {
    let granted = value.granted_scopes();
    // A loop over a constant array: once inlined, the optimizer folds it into mask tests.
    if scopes.iter().all(|&scope| granted.contains(scope)) {
        Ok(())
    } else {
        Err(MissingScopes::denied(
            Requirement::All(scopes, &[]),
            granted,
        ))
    }
}

/// The handler's answer to a denial, inferred from its return type.
#[inline(always)]
pub fn deny<S: ScopeBits, R: Deny<S>>(missing: MissingScopes<S>) -> R {
    R::deny(missing)
}

/// The guard's check of any requirement (nested `all`/`any`).
#[inline(always)]
pub fn check<S: ScopeBits, T: GrantedScopes<S> + ?Sized>(
    requirement: &Requirement<S>,
    value: &T,
) -> Result<(), MissingScopes<S>> {
    requirement.check(value.granted_scopes())
}

/// Calls an `on_deny` handler; a function so that its type is checked at the user's tokens.
#[inline(always)]
pub fn on_deny<S: ScopeBits, R, F: FnOnce(MissingScopes<S>) -> R>(
    f: F,
    missing: MissingScopes<S>,
) -> R {
    f(missing)
}
