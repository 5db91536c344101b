use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope()]
fn nothing(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    let _ = nothing(&ScopeSet::empty());
}

#[requires_scope(from = token)]
fn only_options(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}
