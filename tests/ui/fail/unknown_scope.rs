use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:raed")]
fn get_user(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    // The function is still emitted: no "cannot find function" follows the error.
    let _ = get_user(&ScopeSet::empty());
}
