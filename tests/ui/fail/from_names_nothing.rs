use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read", from = tokn)]
fn typo(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
