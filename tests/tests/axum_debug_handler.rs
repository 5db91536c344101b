//! `#[requires_scope]` composes with `#[axum::debug_handler]` in either order, and guarded
//! handlers need no glue: `Extension<T>` grants what `T` grants, and `BearerToken` /
//! `Option<BearerToken>` extract the token.

mod axum_support;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use pace_scopes::axum::{BearerToken, Unauthorized};
use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum_support::Server;

/// A test "token": the bearer credential *is* the scope claim, spelled in `b64token`
/// characters by [`fake`]. Stands in for a verified JWT (the example and axum_user_api.rs do
/// the real thing).
#[derive(Debug)]
struct Token(ScopeSet);

impl GrantedScopes for Token {
    fn granted_scopes(&self) -> ScopeSet {
        self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Token {
    type Rejection = Unauthorized;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Unauthorized> {
        let token = BearerToken::from_request_parts(parts, state).await?;
        Ok(Token(ScopeSet::from_claim(
            &token.as_str().replace('~', ":").replace('+', " "),
        )))
    }
}

/// The bearer credential of [`Token`] that grants `claim`.
fn fake(claim: &str) -> String {
    claim.replace(':', "~").replace(' ', "+")
}

static RAN: AtomicU32 = AtomicU32::new(0);

#[axum::debug_handler]
#[requires_scope("user:users:read")]
async fn debug_outside(token: Token) -> Result<Json<&'static str>, MissingScopes> {
    RAN.fetch_add(1, Ordering::SeqCst);
    Ok(Json("outside"))
}

#[requires_scope("user:users:read")]
#[axum::debug_handler]
async fn debug_inside(token: Token) -> Result<Json<&'static str>, MissingScopes> {
    RAN.fetch_add(1, Ordering::SeqCst);
    Ok(Json("inside"))
}

/// With state, a Response return type, and the debug_handler's `state` argument.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU32>);

#[axum::debug_handler(state = Counter)]
#[requires_scope("user:preferences:write")]
async fn with_state(
    token: Token,
    axum::extract::State(c): axum::extract::State<Counter>,
) -> Response {
    c.0.fetch_add(1, Ordering::SeqCst);
    StatusCode::NO_CONTENT.into_response()
}

/// Claims put in the extensions by a middleware: `Extension<T>` grants what `T` grants.
#[requires_scope("user:gdpr:read")]
async fn from_extension(claims: Extension<ScopeSet>) -> Result<&'static str, MissingScopes> {
    Ok("takeout")
}

/// A token is optional here, the scopes are not: `None` grants nothing.
#[requires_scope("user:sessions:update")]
async fn optional(token: Option<Token>) -> Result<&'static str, MissingScopes> {
    Ok("session updated")
}

/// `Option<Token>` through `Option<BearerToken>`: absent is `None`, malformed a 401.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Token {
    type Rejection = Unauthorized;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Unauthorized> {
        let token = BearerToken::optional_from_headers(&parts.headers)?;
        Ok(token.map(|t| {
            Token(ScopeSet::from_claim(
                &t.as_str().replace('~', ":").replace('+', " "),
            ))
        }))
    }
}

fn app(counter: Counter) -> Router {
    Router::new()
        .route("/outside", get(debug_outside))
        .route("/inside", get(debug_inside))
        .route("/state", get(with_state))
        .route("/optional", get(optional))
        .with_state(counter)
}

#[tokio::test]
async fn debug_handler_in_either_order_guards_over_http() {
    let counter = Counter::default();
    let extension = Router::new()
        .route("/extension", get(from_extension))
        .layer(Extension(ScopeSet::from_claim("user:gdpr:read")));
    let server = Server::start(app(counter.clone()).merge(extension)).await;

    for path in ["/outside", "/inside"] {
        let ok = server.get(path, Some(&fake("user:users:read"))).await;
        assert_eq!(ok.status, StatusCode::OK, "{path}");
        let denied = server.get(path, Some(&fake("user:users:write"))).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            denied.challenge(),
            r#"Bearer error="insufficient_scope", scope="user:users:read""#
        );
        let none = server.get(path, None).await;
        assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(none.challenge(), "Bearer");
    }
    assert_eq!(RAN.load(Ordering::SeqCst), 2, "only the allowed calls ran");

    let denied = server
        .get("/state", Some(&fake("user:preferences:read")))
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(counter.0.load(Ordering::SeqCst), 0);
    let ok = server
        .get("/state", Some(&fake("user:preferences:write")))
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(counter.0.load(Ordering::SeqCst), 1);

    let ok = server.get("/extension", None).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.body, b"takeout");

    // Option<BearerToken>: absent is None (so 403, not 401); malformed is still a 401.
    let absent = server.get("/optional", None).await;
    assert_eq!(absent.status, StatusCode::FORBIDDEN);
    let ok = server
        .get("/optional", Some(&fake("user:sessions:update")))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let malformed = server.get("/optional", Some("a b")).await;
    assert_eq!(malformed.status, StatusCode::UNAUTHORIZED);
    assert!(
        malformed
            .challenge()
            .starts_with(r#"Bearer error="invalid_token""#)
    );
}
