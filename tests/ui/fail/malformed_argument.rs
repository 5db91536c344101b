use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read" "user:users:write")]
fn missing_comma(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(42)]
fn number(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(either("user:users:read"))]
fn combinator(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(pace_scopes::Scope::UserUsersRead)]
fn path(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
