//! The granted scopes may come from references, smart pointers, `Option` and `Result`;
//! `None` and `Err` grant nothing.
use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};
use std::sync::Arc;

struct Claims(String);

impl GrantedScopes for Claims {
    fn granted_scopes(&self) -> ScopeSet {
        ScopeSet::from_claim(&self.0)
    }
}

#[requires_scope("user:users:read")]
fn with_option(claims: Option<Claims>) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope("user:users:read")]
fn with_arc(claims: Arc<Claims>) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope("user:users:read")]
fn with_result(claims: &Result<Box<Claims>, String>) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    let read = || Claims("user:users:read".into());
    assert!(with_option(Some(read())).is_ok());
    assert!(with_option(None).is_err());
    assert!(with_arc(Arc::new(read())).is_ok());
    assert!(with_result(&Ok(Box::new(read()))).is_ok());
    assert!(with_result(&Err("rejected".into())).is_err());
}
