//! Hygiene: the expansion works in a crate that shadows `Result`, `Option`, `Scope`,
//! `ScopeSet`, `Err` and `core` with its own items.
#![allow(dead_code)]

mod core {}
struct Scope;
struct ScopeSet;
enum Option {}
type Result<T> = std::result::Result<T, pace_scopes::MissingScopes>;
#[allow(non_snake_case)]
fn Err() {}

#[pace_scopes::requires_scope("user:users:read")]
fn handler(token: &pace_scopes::ScopeSet) -> Result<u8> {
    let __pace_granted = 5u8;
    Ok(__pace_granted)
}

fn main() {
    assert_eq!(handler(&pace_scopes::ScopeSet::from_claim("user:users:read")).ok(), Some(5));
    assert!(handler(&pace_scopes::ScopeSet::empty()).is_err());
}
