//! Checked against the fixture's own spec: the suggestion comes from that spec.
use fixture_own_spec::AcmeToken;
use pace_scopes::{MissingScopes, requires_scope};

#[requires_scope("https://api.acme.test/order.read", spec = fixture_own_spec::scopes)]
fn orders(token: &AcmeToken) -> Result<(), MissingScopes<fixture_own_spec::scopes::ScopeSet>> {
    Ok(())
}

#[requires_scope(InventoryItemRead, spec = fixture_own_spec::scopes)]
fn inventory(token: &AcmeToken) -> Result<(), MissingScopes<fixture_own_spec::scopes::ScopeSet>> {
    Ok(())
}

fn main() {}
