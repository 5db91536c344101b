use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope(all("user:gdpr:read", any("user:users:read", "user:users:write")))]
fn takeout(token: &ScopeSet) -> Result<&'static str, MissingScopes> {
    Ok("takeout")
}

fn main() {
    assert!(takeout(&ScopeSet::from_claim("user:gdpr:read user:users:write")).is_ok());
    assert!(takeout(&ScopeSet::from_claim("user:gdpr:read user:users:read")).is_ok());
    assert!(takeout(&ScopeSet::from_claim("user:gdpr:read")).is_err());
    assert!(takeout(&ScopeSet::from_claim("user:users:read user:users:write")).is_err());
}
