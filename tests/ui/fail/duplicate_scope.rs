use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read", "user:users:read")]
fn twice(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(any(UserOtpCreate, UserOtpCreate))]
fn twice_variant(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
