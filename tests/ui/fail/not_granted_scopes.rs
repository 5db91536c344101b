use pace_scopes::{MissingScopes, requires_scope};

struct Token(String);

#[requires_scope("user:users:read")]
fn get_user(token: &Token) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
