use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read", from = a, from = b)]
fn twice(a: &ScopeSet, b: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
