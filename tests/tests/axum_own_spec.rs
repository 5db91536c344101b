//! The axum integration is generic over the spec: a crate's own generated scope set gets the
//! same 403, claim parsing and `Response` denial as PACE's.

use axum::http::header::WWW_AUTHENTICATE;
use axum::response::{IntoResponse, Response};
use fixture_own_spec::scopes::{Scope as AcmeScope, ScopeSet as AcmeSet};
use pace_scopes::axum::ScopeClaims;
use pace_scopes::{GrantedScopes, requires_scope};

#[requires_scope("https://api.acme.test/orders.write", spec = fixture_own_spec::scopes)]
async fn create_order(granted: AcmeSet) -> Response {
    "created".into_response()
}

#[tokio::test]
async fn own_spec_denies_with_its_own_scopes() {
    let denied = create_order(AcmeSet::from_claim("https://api.acme.test/orders.read")).await;
    assert_eq!(denied.status(), 403);
    assert_eq!(
        denied.headers()[WWW_AUTHENTICATE],
        r#"Bearer error="insufficient_scope", scope="https://api.acme.test/orders.write""#
    );
    let ok = create_order(AcmeSet::from_claim("https://api.acme.test/orders.write")).await;
    assert_eq!(ok.status(), 200);
}

#[test]
fn own_spec_claims_from_scope_and_scp() {
    let claims: ScopeClaims<AcmeSet> = serde_json::from_str(
        r#"{"scope":"user:users:read","scp":["https://api.acme.test/orders.read"]}"#,
    )
    .expect("claims");
    let granted: AcmeSet = claims.granted_scopes();
    assert_eq!(granted.len(), 1, "PACE's scope is not Acme's");
    assert!(granted.contains(AcmeScope::HttpsApiAcmeTestOrdersRead));
}
