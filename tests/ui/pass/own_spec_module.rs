//! Another crate's spec (generated `exported`), named with `spec =`.
use fixture_own_spec::AcmeToken;
use pace_scopes::{MissingScopes, requires_scope};

type Acme = fixture_own_spec::scopes::ScopeSet;

#[requires_scope("https://api.acme.test/orders.read", spec = fixture_own_spec::scopes)]
fn orders(token: &AcmeToken) -> Result<u8, MissingScopes<Acme>> {
    Ok(1)
}

#[requires_scope(any(Admin, InventoryItemsWrite), spec = fixture_own_spec::scopes)]
fn restock(token: &AcmeToken) -> Result<u8, MissingScopes<Acme>> {
    Ok(2)
}

fn main() {
    let t = |s: &str| AcmeToken { scope: s.into() };
    assert_eq!(orders(&t("https://api.acme.test/orders.read")), Ok(1));
    assert!(orders(&t("user:users:read")).is_err());
    assert_eq!(restock(&t("admin")), Ok(2));
    assert!(restock(&t("inventory.items.read")).is_err());
}
