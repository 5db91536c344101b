mod api {
    use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

    #[requires_scope("user:users:read")]
    pub(crate) fn crate_visible(token: &ScopeSet) -> Result<(), MissingScopes> {
        Ok(())
    }

    #[requires_scope("user:users:read")]
    pub(super) fn parent_visible(token: &ScopeSet) -> Result<(), MissingScopes> {
        Ok(())
    }

    #[requires_scope("user:users:read")]
    pub unsafe fn marked_unsafe(token: &ScopeSet) -> Result<(), MissingScopes> {
        Ok(())
    }
}

fn main() {
    let t = pace_scopes::ScopeSet::from_claim("user:users:read");
    assert!(api::crate_visible(&t).is_ok());
    assert!(api::parent_visible(&pace_scopes::ScopeSet::empty()).is_err());
    let _ = api::marked_unsafe;
}
