use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};
use std::fmt::Display;

#[requires_scope("user:users:read")]
fn render(token: impl GrantedScopes, value: impl Display) -> Result<impl Display, MissingScopes> {
    Ok(format!("<{value}>"))
}

fn main() {
    let out = render(ScopeSet::from_claim("user:users:read"), 1).unwrap();
    assert_eq!(out.to_string(), "<1>");
    assert!(render(ScopeSet::empty(), 1).is_err());
}
