use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

struct Json<T>(T);
struct Auth(ScopeSet);

#[requires_scope("user:preferences:write", from = auth)]
fn set_prefs(Auth(auth): Auth, Json(body): Json<u8>) -> Result<u8, MissingScopes> {
    Ok(body)
}

#[requires_scope("user:users:read")]
fn tuple(token: ScopeSet, (a, b): (u8, u8)) -> Result<u8, MissingScopes> {
    Ok(a + b)
}

fn main() {
    assert_eq!(set_prefs(Auth(ScopeSet::from_claim("user:preferences:write")), Json(3)), Ok(3));
    assert!(set_prefs(Auth(ScopeSet::empty()), Json(3)).is_err());
    assert_eq!(tuple(ScopeSet::from_claim("user:users:read"), (1, 2)), Ok(3));
}
