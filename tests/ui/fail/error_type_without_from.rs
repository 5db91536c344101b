use pace_scopes::{ScopeSet, requires_scope};

#[derive(Debug)]
struct ApiError;

#[requires_scope("user:users:read")]
fn get_user(token: &ScopeSet) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
