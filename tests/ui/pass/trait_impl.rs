use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

trait Handler {
    fn handle(&self, token: &ScopeSet) -> Result<&'static str, MissingScopes>;
}

struct Gdpr;

impl Handler for Gdpr {
    #[requires_scope("user:gdpr:write", from = token)]
    fn handle(&self, token: &ScopeSet) -> Result<&'static str, MissingScopes> {
        Ok("requested")
    }
}

fn main() {
    assert_eq!(Gdpr.handle(&ScopeSet::from_claim("user:gdpr:write")), Ok("requested"));
    assert!(Gdpr.handle(&ScopeSet::from_claim("user:gdpr:read")).is_err());
}
