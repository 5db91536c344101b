use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

struct Auth(ScopeSet);

#[requires_scope("user:users:read")]
fn get_user(Auth(scopes): Auth) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
