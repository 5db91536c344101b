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

/// Guards a handler by OAuth2 scope: checked when it compiles, enforced before its body runs.
///
/// Requirements: scope strings or variants (all of them must be granted), `any(...)`,
/// `all(...)`, nested freely. Options: `from = <expr>` (where the granted scopes come from;
/// default: the first parameter that is not a receiver), `on_deny = <fn(MissingScopes) -> R>`
/// (what a denied call returns, for handlers that do not return a `Result`), `spec = <path>`
/// (check against another generated spec; by default the bundled PACE spec, or the spec of
/// the module this attribute was imported from).
///
/// ```
/// use pace_scopes::{requires_scope, MissingScopes, ScopeSet};
///
/// #[requires_scope("user:users:read")]
/// fn get_user(token: &ScopeSet, id: u64) -> Result<u64, MissingScopes> {
///     Ok(id)
/// }
///
/// #[requires_scope(all("user:gdpr:read", any("user:users:read", UserUsersWrite)))]
/// fn takeout(token: &ScopeSet) -> Result<&'static str, MissingScopes> {
///     Ok("takeout")
/// }
///
/// struct Request {
///     token: ScopeSet,
/// }
///
/// #[requires_scope("user:users:delete", from = request.token, on_deny = |_| 403)]
/// fn delete_user(request: Request) -> u16 {
///     204
/// }
///
/// let reader = ScopeSet::from_claim("openid user:users:read");
/// assert_eq!(get_user(&reader, 1), Ok(1));
/// assert!(get_user(&ScopeSet::empty(), 1).is_err());
/// assert!(takeout(&reader).is_err());
/// assert_eq!(takeout(&ScopeSet::from_claim("user:gdpr:read user:users:write")), Ok("takeout"));
/// assert_eq!(delete_user(Request { token: reader }), 403);
/// assert_eq!(delete_user(Request { token: ScopeSet::all() }), 204);
/// ```
///
/// An unknown scope does not compile, and the error names the closest one:
///
/// ```compile_fail
/// #[pace_scopes::requires_scope("user:users:raed")] // did you mean "user:users:read"?
/// fn get_user(token: &pace_scopes::ScopeSet) -> Result<(), pace_scopes::MissingScopes> {
///     Ok(())
/// }
/// ```
///
/// The README's `#[requires_scope]` section lists every rule; `tests/ui` shows each form and
/// each error.
pub use pace_scopes_macros::requires_scope;

/// Includes the scope module that `build_spec::Builder::build_script(file)` generated into
/// `OUT_DIR`: put it in the module that should hold `Scope`, `ScopeSet`,
/// `SECURITY_SCHEMES` and that spec's `requires_scope`.
///
/// ```text
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
