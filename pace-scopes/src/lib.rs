#![doc = include_str!("../README.md")]
// Library code reports errors; it never panics on them (tests may unwrap).
#![warn(clippy::unwrap_used, clippy::expect_used)]

// Generated code names this crate `::pace_scopes`, as it does everywhere else.
extern crate self as pace_scopes;

#[cfg(feature = "axum")]
pub mod axum;
mod bits;
mod claim;
mod granted;
mod iter;
mod lookup;
mod requirement;
mod scheme;
#[cfg(feature = "serde")]
mod serde_support;
mod traits;
mod unknown;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use granted::GrantedScopes;
pub use iter::ScopeIter;
pub use requirement::{Combinator, Deny, MissingScopes, Requirement};
pub use scheme::{ApiKeyLocation, FlowKind, OAuthFlow, SchemeKind, SecurityScheme};
pub use traits::{ScopeBits, ScopeEnum};
pub use unknown::UnknownScope;

pub use pace_scopes_macros::requires_scope;

/// Includes the scope module that `build_spec::Builder::build_script(file)` generated into
/// `OUT_DIR`: put it in the module that should hold `Scope`, `ScopeSet`,
/// `SECURITY_SCHEMES` and that spec's `requires_scope`.
///
/// ```ignore
/// pub mod scopes {
///     pace_scopes::include_scopes!("scopes.rs");
/// }
/// ```
#[macro_export]
macro_rules! include_scopes {
    ($file:literal) => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", $file));
    };
}

// The bundled PACE spec: `Scope`, `ScopeSet`, `SECURITY_SCHEMES` and the resolver that
// `#[requires_scope]` uses. See `build.rs`.
include!(concat!(env!("OUT_DIR"), "/pace_scopes.rs"));
