use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read", any())]
fn empty_any(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(all())]
fn empty_all(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
