//! A slice of the PACE User API served with axum, every handler guarded by
//! `#[requires_scope]`, behind RS256 JWT access tokens.
//!
//! The server verifies tokens with `jsonwebtoken` against the RSA public key it is given
//! (no network: nothing is fetched from the issuer), and checks `exp`, `iss` (the realm of
//! the spec's OpenID Connect URL, <https://id.pace.cloud/auth/realms/pace>), `aud` and the
//! signature. It listens on 127.0.0.1 only.
//!
//! ```text
//! # a throwaway key pair, and a token signed with it (the `mint` subcommand, for local tries)
//! openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem
//! openssl pkey -in private.pem -pubout -out public.pem
//! cargo run -p pace-scopes --features axum --example pace_user_api -- \
//!     mint private.pem u-1 "user:users:read user:preferences:read" > token
//!
//! # the server: PACE_JWT_PUBLIC_KEY (required), PACE_JWT_AUDIENCE (default pace-user-api),
//! # PORT (default 3000)
//! PACE_JWT_PUBLIC_KEY=public.pem cargo run -p pace-scopes --features axum --example pace_user_api
//!
//! curl -i -H "Authorization: Bearer $(cat token)" http://127.0.0.1:3000/v1/users/u-1     # 200
//! curl -i -X DELETE -H "Authorization: Bearer $(cat token)" http://127.0.0.1:3000/v1/users/u-1  # 403
//! curl -i http://127.0.0.1:3000/v1/users/u-1                                            # 401
//! ```
//!
//! The tests of the workspace (`tests/tests/axum_user_api.rs`) include this file as a module
//! and serve [`router`] on a loopback port.

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRef, FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use pace_scopes::axum::{BearerToken, ScopeClaims, ScopeDisclosure, Unauthorized};
use pace_scopes::{
    GrantedScopes, MissingScopes, SECURITY_SCHEMES, SchemeKind, ScopeSet, requires_scope,
};
use serde::{Deserialize, Serialize};

/// The `aud` a token must carry unless `PACE_JWT_AUDIENCE` says otherwise.
pub const DEFAULT_AUDIENCE: &str = "pace-user-api";

/// The user every fresh store holds.
pub const SEED_USER: &str = "u-1";

/// The issuer of PACE tokens: the realm of the spec's OpenID Connect discovery URL.
pub fn spec_issuer() -> Option<&'static str> {
    SECURITY_SCHEMES
        .iter()
        .find_map(|scheme| match scheme.kind {
            SchemeKind::OpenIdConnect { url } => {
                url.strip_suffix("/.well-known/openid-configuration")
            }
            _ => None,
        })
}

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

/// The claims of a verified access token.
#[derive(Clone, Debug, Deserialize)]
pub struct Claims {
    /// The user the token was issued to.
    pub sub: String,
    /// `scope` (Keycloak) and/or `scp` (Entra ID, Okta).
    #[serde(flatten)]
    pub scopes: ScopeClaims,
}

/// What the guards read.
impl GrantedScopes for Claims {
    fn granted_scopes(&self) -> ScopeSet {
        self.scopes.granted_scopes()
    }
}

/// Checks RS256 signatures, `exp`, `nbf`, `iss` and `aud`.
pub struct Verifier {
    key: DecodingKey,
    validation: Validation,
}

impl Verifier {
    /// A verifier for tokens of `issuer` for `audience`, signed by the RSA key of `pem`
    /// (`PUBLIC KEY` or `RSA PUBLIC KEY`).
    pub fn from_rsa_pem(
        pem: &[u8],
        issuer: &str,
        audience: &str,
    ) -> Result<Self, jsonwebtoken::errors::Error> {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        Ok(Verifier {
            key: DecodingKey::from_rsa_pem(pem)?,
            validation,
        })
    }

    /// The token's claims, or the 401 that rejects it. The reason given to the client is
    /// coarse on purpose.
    pub fn verify(&self, token: &str) -> Result<Claims, Unauthorized> {
        match jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation) {
            Ok(data) => Ok(data.claims),
            Err(err) => {
                let reason = match err.kind() {
                    ErrorKind::ExpiredSignature => "the token expired",
                    ErrorKind::ImmatureSignature => "the token is not valid yet",
                    ErrorKind::InvalidIssuer => "the token was issued by another issuer",
                    ErrorKind::InvalidAudience => "the token is for another audience",
                    ErrorKind::InvalidSignature => "the token's signature does not verify",
                    ErrorKind::InvalidAlgorithm => "the token is not signed with RS256",
                    ErrorKind::MissingRequiredClaim(_) => "the token lacks a required claim",
                    _ => "the token is malformed",
                };
                Err(Unauthorized::invalid_token().with_description(reason))
            }
        }
    }
}

/// The claims extractor: `Authorization: Bearer <jwt>`, verified. Rejects with a 401.
impl<S> FromRequestParts<S> for Claims
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Unauthorized;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Unauthorized> {
        let token = BearerToken::from_request_parts(parts, state).await?;
        AppState::from_ref(state).verifier.verify(token.as_str())
    }
}

/// Signs a token for local tries (`mint` subcommand): RS256, this issuer, `aud`, one hour.
pub fn mint(
    private_pem: &[u8],
    sub: &str,
    scope: &str,
    audience: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    #[derive(Serialize)]
    struct Minted<'a> {
        iss: &'a str,
        aud: &'a str,
        sub: &'a str,
        scope: &'a str,
        iat: u64,
        exp: u64,
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let claims = Minted {
        iss: spec_issuer().ok_or("the spec has no OpenID Connect scheme")?,
        aud: audience,
        sub,
        scope,
        iat: now,
        exp: now + 3600,
    };
    let key = EncodingKey::from_rsa_pem(private_pem)?;
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::RS256),
        &claims,
        &key,
    )?)
}

// ---------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------

/// A user record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id (the `sub` of their tokens).
    pub id: String,
    /// E-mail address.
    pub email: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
}

/// The fields `PUT /v1/users/{id}` may change.
#[derive(Clone, Debug, Deserialize)]
pub struct UserUpdate {
    /// New first name.
    pub first_name: Option<String>,
    /// New last name.
    pub last_name: Option<String>,
}

/// An in-memory store, and a count of handler bodies that ran.
#[derive(Default)]
pub struct Store {
    users: Mutex<HashMap<String, User>>,
    preferences: Mutex<HashMap<(String, String), serde_json::Value>>,
    totps: AtomicU64,
    bodies_run: AtomicU64,
}

impl Store {
    /// A store holding [`SEED_USER`].
    pub fn seeded() -> Self {
        let store = Store::default();
        store.users_mut().insert(
            SEED_USER.to_owned(),
            User {
                id: SEED_USER.to_owned(),
                email: "ada@example.com".to_owned(),
                first_name: "Ada".to_owned(),
                last_name: "Lovelace".to_owned(),
            },
        );
        store
    }

    /// How many handler bodies ran: a guard that denies leaves it as it was.
    pub fn bodies_run(&self) -> u64 {
        self.bodies_run.load(Ordering::SeqCst)
    }

    /// The user with this id.
    pub fn user(&self, id: &str) -> Option<User> {
        self.users_mut().get(id).cloned()
    }

    fn ran(&self) {
        self.bodies_run.fetch_add(1, Ordering::SeqCst);
    }

    // A panicking handler poisons the lock; the maps stay consistent, so go on.
    fn users_mut(&self) -> std::sync::MutexGuard<'_, HashMap<String, User>> {
        self.users.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn preferences_mut(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(String, String), serde_json::Value>> {
        self.preferences
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    verifier: Arc<Verifier>,
    store: Arc<Store>,
}

impl AppState {
    /// A fresh state: the verifier and a [seeded](Store::seeded) store.
    pub fn new(verifier: Verifier) -> Self {
        AppState {
            verifier: Arc::new(verifier),
            store: Arc::new(Store::seeded()),
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }
}

// ---------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------

/// The handlers' error: a 403 from a guard, or a 404.
#[derive(Debug)]
pub enum ApiError {
    /// The guard denied the request.
    Forbidden(MissingScopes),
    /// No such resource.
    NotFound,
}

/// All a guarded handler's error type needs.
impl From<MissingScopes> for ApiError {
    fn from(missing: MissingScopes) -> Self {
        ApiError::Forbidden(missing)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Forbidden(missing) => missing.into_response(),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                [("content-type", "application/problem+json")],
                r#"{"type":"about:blank","title":"Not Found","status":404}"#,
            )
                .into_response(),
        }
    }
}

/// `GET /v1/users/{id}`.
#[requires_scope("user:users:read")]
async fn read_user(
    claims: Claims,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    state.store.ran();
    state.store.user(&id).map(Json).ok_or(ApiError::NotFound)
}

/// `PUT /v1/users/{id}`.
#[requires_scope("user:users:read", "user:users:write")]
async fn update_user(
    claims: Claims,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(update): Json<UserUpdate>,
) -> Result<Json<User>, ApiError> {
    state.store.ran();
    let mut users = state.store.users_mut();
    let user = users.get_mut(&id).ok_or(ApiError::NotFound)?;
    if let Some(first_name) = update.first_name {
        user.first_name = first_name;
    }
    if let Some(last_name) = update.last_name {
        user.last_name = last_name;
    }
    Ok(Json(user.clone()))
}

/// `DELETE /v1/users/{id}`: an administrative endpoint, so its 403 does not tell which
/// scope it needs (the typed form of [`ScopeDisclosure::Hidden`]).
#[requires_scope(
    "user:users:delete",
    on_deny = |missing| missing.into_response_with(ScopeDisclosure::Hidden)
)]
async fn delete_user(
    claims: Claims,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    state.store.ran();
    match state.store.users_mut().remove(&id) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => ApiError::NotFound.into_response(),
    }
}

/// A GDPR takeout of the caller's data.
#[derive(Debug, Serialize)]
struct Takeout {
    user: User,
    preferences: HashMap<String, serde_json::Value>,
}

/// `GET /v1/gdpr/takeout`: the caller's own data.
#[requires_scope(all("user:gdpr:read", any("user:users:read", "user:users:write")))]
async fn gdpr_takeout(
    claims: Claims,
    State(state): State<AppState>,
) -> Result<Json<Takeout>, ApiError> {
    state.store.ran();
    let user = state.store.user(&claims.sub).ok_or(ApiError::NotFound)?;
    let preferences = state
        .store
        .preferences_mut()
        .iter()
        .filter(|((sub, _), _)| *sub == claims.sub)
        .map(|((_, client), value)| (client.clone(), value.clone()))
        .collect();
    Ok(Json(Takeout { user, preferences }))
}

/// `GET /v1/preferences/{client}`: returns a plain `Response`, so the guard answers a denial
/// with `MissingScopes`'s own 403, no `on_deny` needed.
#[requires_scope("user:preferences:read")]
async fn read_preferences(
    claims: Claims,
    State(state): State<AppState>,
    Path(client): Path<String>,
) -> Response {
    state.store.ran();
    let key = (claims.sub, client);
    let value = state.store.preferences_mut().get(&key).cloned();
    Json(value.unwrap_or_else(|| serde_json::json!({}))).into_response()
}

/// `PUT /v1/preferences/{client}`: the variant form of a scope.
#[requires_scope(UserPreferencesWrite)]
async fn write_preferences(
    claims: Claims,
    State(state): State<AppState>,
    Path(client): Path<String>,
    Json(value): Json<serde_json::Value>,
) -> Result<StatusCode, ApiError> {
    state.store.ran();
    state
        .store
        .preferences_mut()
        .insert((claims.sub, client), value);
    Ok(StatusCode::NO_CONTENT)
}

/// A new TOTP device.
#[derive(Debug, Serialize)]
struct Totp {
    id: u64,
    user: String,
}

/// `POST /v1/totps`: either scope will do.
#[requires_scope(any("user:device-totps:create", "user:device-totps:create-after-login"))]
async fn create_totp(
    claims: Claims,
    State(state): State<AppState>,
) -> Result<(StatusCode, Json<Totp>), ApiError> {
    state.store.ran();
    let id = state.store.totps.fetch_add(1, Ordering::SeqCst) + 1;
    Ok((
        StatusCode::CREATED,
        Json(Totp {
            id,
            user: claims.sub,
        }),
    ))
}

/// The API's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/v1/users/{id}",
            get(read_user).put(update_user).delete(delete_user),
        )
        .route("/v1/gdpr/takeout", get(gdpr_takeout))
        .route(
            "/v1/preferences/{client}",
            get(read_preferences).put(write_preferences),
        )
        .route("/v1/totps", post(create_totp))
        .with_state(state)
}

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let audience = env_or("PACE_JWT_AUDIENCE", DEFAULT_AUDIENCE);
    if let [cmd, private_key, sub, scope] = args.as_slice()
        && cmd == "mint"
    {
        println!(
            "{}",
            mint(&std::fs::read(private_key)?, sub, scope, &audience)?
        );
        return Ok(());
    }
    if !args.is_empty() {
        return Err("usage: pace_user_api [mint PRIVATE_KEY.pem SUB SCOPE]".into());
    }

    let key_path = std::env::var_os("PACE_JWT_PUBLIC_KEY")
        .ok_or("set PACE_JWT_PUBLIC_KEY to the path of the issuer's RSA public key (PEM)")?;
    let issuer = spec_issuer().ok_or("the spec has no OpenID Connect scheme")?;
    let verifier = Verifier::from_rsa_pem(&std::fs::read(&key_path)?, issuer, &audience)?;
    let port: u16 = env_or("PORT", "3000").parse()?;

    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    eprintln!(
        "PACE User API on http://{} (iss {issuer}, aud {audience})",
        listener.local_addr()?
    );
    axum::serve(listener, router(AppState::new(verifier))).await?;
    Ok(())
}
