//! Attributes before and after the guard are kept, in order; inner attributes stay first.
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

/// Documented.
#[inline]
#[requires_scope("user:users:read")]
#[must_use = "the result says whether access was granted"]
#[allow(clippy::needless_return)]
fn handler(token: &ScopeSet) -> Result<u8, MissingScopes> {
    #![allow(unused_variables)]
    let unused = 1;
    return Ok(1);
}

#[cfg(test)]
#[requires_scope("user:users:read")]
fn only_in_tests(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

fn main() {
    assert_eq!(handler(&ScopeSet::from_claim("user:users:read")), Ok(1));
    assert!(handler(&ScopeSet::empty()).is_err());
}
