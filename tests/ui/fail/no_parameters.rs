use pace_scopes::{MissingScopes, requires_scope};

#[requires_scope("user:users:read")]
fn get_user() -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
