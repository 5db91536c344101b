use pace_scopes::{MissingScopes, Scope, ScopeSet, requires_scope};

#[requires_scope(any("user:otp:create", "user:device-totps:create"))]
fn start_mfa(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    assert!(start_mfa(&ScopeSet::from_claim("user:otp:create")).is_ok());
    assert!(start_mfa(&ScopeSet::from_claim("user:device-totps:create")).is_ok());
    let err = start_mfa(&ScopeSet::empty()).unwrap_err();
    assert_eq!(err.missing(), Scope::UserOtpCreate | Scope::UserDeviceTotpsCreate);
}
