use pace_scopes::{ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
fn page(token: &ScopeSet) -> String {
    String::new()
}

fn main() {}
