use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope(r"user:users:read", r#"user:users:write"#)]
fn handler(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    assert!(handler(&ScopeSet::from_claim("user:users:read user:users:write")).is_ok());
    assert!(handler(&ScopeSet::from_claim("user:users:read")).is_err());
}
