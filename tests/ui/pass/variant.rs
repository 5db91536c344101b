use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope(UserPreferencesWrite)]
fn set_preferences(token: &ScopeSet, prefs: u8) -> Result<u8, MissingScopes> {
    Ok(prefs)
}

#[requires_scope(any(UserOtpCreate, "user:device-totps:create"), UserTermsAccept)]
fn mixed(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    assert_eq!(set_preferences(&ScopeSet::from_claim("user:preferences:write"), 3), Ok(3));
    assert!(set_preferences(&ScopeSet::from_claim("user:preferences:read"), 3).is_err());
    assert!(mixed(&ScopeSet::from_claim("user:otp:create user:terms:accept")).is_ok());
    assert!(mixed(&ScopeSet::from_claim("user:otp:create")).is_err());
}
