use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("billing:invoices:export")]
fn export(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {}
