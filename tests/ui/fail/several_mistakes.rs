//! Every mistake of one attribute is reported in one build.
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:raed", UserUsersWrit, any(), colour = "blue")]
fn get_user(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    let _ = get_user(&ScopeSet::empty());
}
