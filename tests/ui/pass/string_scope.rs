use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
fn get_user(token: &ScopeSet, id: u64) -> Result<u64, MissingScopes> {
    Ok(id)
}

fn main() {
    assert_eq!(get_user(&ScopeSet::from_claim("openid user:users:read"), 7), Ok(7));
    assert!(get_user(&ScopeSet::from_claim("user:users:write"), 7).is_err());
}
