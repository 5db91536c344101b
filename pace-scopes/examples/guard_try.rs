use pace_scopes::{requires_scope, MissingScopes, Scope, ScopeSet};

#[derive(Debug)]
struct ApiError(String);
impl From<MissingScopes> for ApiError {
    fn from(m: MissingScopes) -> Self { ApiError(m.to_string()) }
}

#[requires_scope("user:users:read")]
fn get_user(token: &ScopeSet, id: u64) -> Result<u64, ApiError> {
    Ok(id)
}

#[requires_scope(all("user:gdpr:read", any("user:users:read", UserUsersWrite)))]
async fn takeout(token: ScopeSet) -> Result<(), ApiError> {
    Ok(())
}

fn main() {
    println!("{:?}", get_user(&ScopeSet::from_claim("user:users:read"), 3));
    println!("{:?}", get_user(&ScopeSet::from_claim("openid"), 3));
    let _ = takeout(ScopeSet::empty());
    let _ = Scope::ALL;
}
