use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};
use std::fmt::Debug;

#[requires_scope("user:users:read")]
fn describe<T, U: Debug>(token: T, value: U) -> Result<String, MissingScopes>
where
    T: GrantedScopes + Clone,
{
    Ok(format!("{value:?}"))
}

#[requires_scope("user:users:read")]
fn lifetimes<'a, 'b: 'a>(token: &'a ScopeSet, s: &'b str) -> Result<&'a str, MissingScopes> {
    Ok(s)
}

fn main() {
    let t = ScopeSet::from_claim("user:users:read");
    assert_eq!(describe(t, 5).as_deref(), Ok("5"));
    assert!(describe(ScopeSet::empty(), 5).is_err());
    assert_eq!(lifetimes(&t, "s"), Ok("s"));
}
