//! `ScopeDisclosure::set_global(Hidden)`: every guarded handler's 403 stops naming scopes.
//! Alone in its test binary, since the setting is process-wide.

mod axum_support;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use pace_scopes::axum::ScopeDisclosure;
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read")]
async fn read(granted: axum::Extension<ScopeSet>) -> Result<&'static str, MissingScopes> {
    Ok("user")
}

#[tokio::test]
async fn hidden_globally_names_no_scope_in_header_or_body() {
    let app = Router::new()
        .route("/user", get(read))
        .layer(axum::Extension(ScopeSet::from_claim("user:users:write")));
    let server = axum_support::Server::start(app).await;

    let named = server.get("/user", None).await;
    assert_eq!(named.status, StatusCode::FORBIDDEN);
    assert_eq!(
        named.challenge(),
        r#"Bearer error="insufficient_scope", scope="user:users:read""#
    );

    ScopeDisclosure::Hidden.set_global();
    let hidden = server.get("/user", None).await;
    assert_eq!(hidden.status, StatusCode::FORBIDDEN);
    assert_eq!(hidden.challenge(), r#"Bearer error="insufficient_scope""#);
    assert_eq!(hidden.content_type(), "application/problem+json");
    let body = String::from_utf8(hidden.body.clone()).expect("utf-8");
    assert!(!body.contains("user:users"), "{body}");
    assert_eq!(hidden.json()["error"], "insufficient_scope");
    ScopeDisclosure::Named.set_global();
}
