use pace_scopes::{MissingScopes, Scope, ScopeSet, requires_scope};

#[requires_scope("user:users:read", "user:users:write")]
fn update_user(token: ScopeSet, name: &str) -> Result<String, MissingScopes> {
    Ok(name.to_uppercase())
}

fn main() {
    let both = ScopeSet::from_claim("user:users:read user:users:write");
    assert_eq!(update_user(both, "ada").as_deref(), Ok("ADA"));
    let err = update_user(ScopeSet::from_claim("user:users:read"), "ada").unwrap_err();
    assert_eq!(err.missing(), ScopeSet::from([Scope::UserUsersWrite]));
}
