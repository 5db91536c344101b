use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
const fn constant(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
