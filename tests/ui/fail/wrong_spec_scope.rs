//! A scope of one spec in a guard of another, and a token of one spec given to a guard of
//! the other: both are compile errors.
use fixture_own_spec::AcmeToken;
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

// A PACE scope in an Acme guard.
#[requires_scope("user:users:read", spec = fixture_own_spec::scopes)]
fn pace_scope_in_acme_guard(token: &AcmeToken) -> Result<(), MissingScopes<fixture_own_spec::scopes::ScopeSet>> {
    Ok(())
}

// An Acme token given to a PACE guard.
#[requires_scope("user:users:read")]
fn acme_token_in_pace_guard(token: &AcmeToken) -> Result<(), MissingScopes> {
    Ok(())
}

// PACE scopes given to an Acme guard.
#[requires_scope("admin", spec = fixture_own_spec::scopes)]
fn pace_set_in_acme_guard(token: ScopeSet) -> Result<(), MissingScopes<fixture_own_spec::scopes::ScopeSet>> {
    Ok(())
}

fn main() {}
