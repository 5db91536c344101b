//! With `#[tokio::test]`-style attributes (they turn the async fn into a sync one that
//! blocks on the body), put `#[requires_scope]` first: it then guards the async fn itself.
//! Below them it still works for `Result`-returning functions, checking before blocking.
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
#[tokio::main(flavor = "current_thread")]
async fn guard_first(token: ScopeSet) -> Result<u8, MissingScopes> {
    Ok(1)
}

#[tokio::main(flavor = "current_thread")]
#[requires_scope("user:users:read")]
async fn guard_second(token: ScopeSet) -> Result<u8, MissingScopes> {
    Ok(2)
}

fn main() {
    assert_eq!(guard_first(ScopeSet::from_claim("user:users:read")), Ok(1));
    assert!(guard_first(ScopeSet::empty()).is_err());
    assert_eq!(guard_second(ScopeSet::from_claim("user:users:read")), Ok(2));
    assert!(guard_second(ScopeSet::empty()).is_err());
}
