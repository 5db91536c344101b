use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

trait Users {
    #[requires_scope("user:users:read")]
    fn get(&self, token: &ScopeSet) -> Result<(), MissingScopes>;
}

fn main() {}
