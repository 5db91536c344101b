//! The `#[requires_scope]` attribute of [pace-scopes](https://docs.rs/pace-scopes). Use it
//! through `pace_scopes::requires_scope`; its documentation is there.
//!
//! One stage per file, data flowing one way: `attr` parses the arguments, `item` the
//! function (its body stays tokens), `valid` checks meaning, `expand` emits the guard,
//! `fallback` the error path; `suggest` reports unknown scopes for generated resolvers.
// Library code reports errors; it never panics on them (tests may unwrap).
#![warn(clippy::unwrap_used, clippy::expect_used)]

use proc_macro::TokenStream;

mod attr;
mod expand;
mod fallback;
mod item;
mod suggest;
mod valid;

#[cfg(test)]
mod tests;

/// Guards a handler by OAuth2 scope; see `pace_scopes::requires_scope` for the full
/// documentation. Checks against the bundled PACE spec unless `spec = ...` names another.
#[proc_macro_attribute]
pub fn requires_scope(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::requires_scope(args.into(), item.into(), expand::SpecMode::Default).into()
}

/// `#[requires_scope]` as re-exported by a generated spec module: bound to the spec of the
/// module it is imported from (through the `requires_scope` module beside it).
#[doc(hidden)]
#[proc_macro_attribute]
pub fn __requires_scope_bound(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::requires_scope(args.into(), item.into(), expand::SpecMode::Bound).into()
}

/// Reports an unknown scope at its token, naming the closest known one. Called by the last
/// arms of a generated resolver with the spec's list.
#[doc(hidden)]
#[proc_macro]
pub fn __unknown_scope(input: TokenStream) -> TokenStream {
    suggest::unknown_scope(input.into()).into()
}
