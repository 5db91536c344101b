use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope(UserPreferencesWrit)]
fn set_preferences(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    let _ = set_preferences(&ScopeSet::empty());
}
