//! axum 0.8 integration (feature `axum`): RFC 6750 answers for denials and missing tokens,
//! a bearer-token extractor, and JWT claim helpers.
//!
//! - [`MissingScopes`] is an [`IntoResponse`]: `403 Forbidden`,
//!   `WWW-Authenticate: Bearer error="insufficient_scope", scope="..."` (RFC 6750 §3.1) and an
//!   `application/problem+json` body (RFC 9457) naming the missing scopes.
//!   [`ScopeDisclosure`] hides the scopes from both.
//! - [`Unauthorized`] is the `401`: no token (`WWW-Authenticate: Bearer`) or a rejected one
//!   (`Bearer error="invalid_token"`). Keep it apart from the 403: a client that gets a 401
//!   fetches a new token, one that gets a 403 asks for more scopes.
//! - [`BearerToken`] extracts the token of `Authorization: Bearer ...`, rejecting with
//!   [`Unauthorized`]. Verify it (with `jsonwebtoken`, say) in your claims extractor.
//! - [`ScopeClaims`] reads the `scope` (Keycloak, RFC 9068) and `scp` (Entra ID string, Okta
//!   array) claims of a JWT; `#[serde(flatten)]` it into your claims type.
//! - `Deny` is implemented for [`Response`], so a guarded handler that returns `Response`
//!   needs no `on_deny`; `GrantedScopes` is implemented for [`Extension<T>`](Extension).
//!
//! A guarded handler needs nothing but a claims extractor that implements
//! [`GrantedScopes`], as its first parameter:
//!
//! ```
//! use axum::{Json, Router, routing::get};
//! use pace_scopes::axum::{BearerToken, ScopeClaims, Unauthorized};
//! use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};
//!
//! #[derive(serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//!     #[serde(flatten)]
//!     scopes: ScopeClaims,
//! }
//!
//! impl GrantedScopes for Claims {
//!     fn granted_scopes(&self) -> ScopeSet {
//!         self.scopes.granted_scopes()
//!     }
//! }
//!
//! impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Claims {
//!     type Rejection = Unauthorized;
//!
//!     async fn from_request_parts(
//!         parts: &mut axum::http::request::Parts,
//!         state: &S,
//!     ) -> Result<Self, Unauthorized> {
//!         let token = BearerToken::from_request_parts(parts, state).await?;
//!         verify(token.as_str()).ok_or_else(Unauthorized::invalid_token)
//!     }
//! }
//! # fn verify(_: &str) -> Option<Claims> { None }
//!
//! #[requires_scope("user:users:read")]
//! async fn me(claims: Claims) -> Result<Json<String>, MissingScopes> {
//!     Ok(Json(claims.sub))
//! }
//!
//! let app: Router = Router::new().route("/me", get(me));
//! ```
//!
//! # `#[requires_scope]` and `#[axum::debug_handler]`
//!
//! They compose in either order; the workspace tests build both. Putting
//! `#[axum::debug_handler]` first (outermost) checks the handler as you wrote it.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use ::axum::Extension;
use ::axum::extract::{FromRequestParts, OptionalFromRequestParts};
use ::axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use ::axum::http::request::Parts;
use ::axum::http::{HeaderMap, HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::{Deny, GrantedScopes, MissingScopes, ScopeBits, ScopeEnum, ScopeSet};

/// The `type` of every problem body this module writes: the RFC 6750 section that defines
/// the `error` codes (`insufficient_scope`, `invalid_token`) the bodies carry.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use axum::response::IntoResponse;
/// use pace_scopes::axum::{PROBLEM_TYPE, Unauthorized};
///
/// let response = Unauthorized::invalid_token().into_response();
/// let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
/// let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
/// assert_eq!(body["type"], PROBLEM_TYPE);
/// # }
/// ```
pub const PROBLEM_TYPE: &str = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1";

const PROBLEM_JSON: &str = "application/problem+json";

// ---------------------------------------------------------------------------------------
// 403: MissingScopes
// ---------------------------------------------------------------------------------------

/// How much a `403` tells the client about the scopes it lacks.
///
/// By default ([`Named`](Self::Named)) the `WWW-Authenticate` header lists the scopes the
/// handler requires, as RFC 6750 §3.1 suggests, and the body names the missing ones: a client
/// can then ask the user for exactly those. [`Hidden`](Self::Hidden) names none, as Spring
/// Security does, so that a caller cannot map which scopes guard which endpoint; RFC 6750
/// allows both.
///
/// Two ways to choose:
/// - per handler, typed: `on_deny = |m| m.into_response_with(ScopeDisclosure::Hidden)` (see
///   [`MissingScopes::into_response_with`]);
/// - for the whole process: [`ScopeDisclosure::set_global`] once at start-up, which every
///   `MissingScopes::into_response` (and so every guarded handler without `on_deny`) reads.
///   It is one atomic load per denial. Being process-wide is its tradeoff: two routers in one
///   process cannot differ, and tests that change it affect each other (prefer the typed form
///   there).
///
/// ```
/// use axum::http::header::WWW_AUTHENTICATE;
/// use axum::response::IntoResponse;
/// use pace_scopes::axum::ScopeDisclosure;
/// use pace_scopes::{MissingScopes, Requirement, Scope, ScopeSet};
///
/// static READ: Requirement = Requirement::All(&[Scope::UserUsersRead], &[]);
/// let missing = READ.check(ScopeSet::empty()).unwrap_err();
///
/// assert_eq!(ScopeDisclosure::global(), ScopeDisclosure::Named);
/// let named = missing.into_response();
/// assert_eq!(
///     named.headers()[WWW_AUTHENTICATE],
///     r#"Bearer error="insufficient_scope", scope="user:users:read""#
/// );
/// let hidden = missing.into_response_with(ScopeDisclosure::Hidden);
/// assert_eq!(hidden.headers()[WWW_AUTHENTICATE], r#"Bearer error="insufficient_scope""#);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ScopeDisclosure {
    /// Name the required scopes in the header and the missing ones in the body (the default).
    #[default]
    Named,
    /// Name no scope: `Bearer error="insufficient_scope"` and a body without scopes.
    Hidden,
}

static GLOBAL_DISCLOSURE: AtomicU8 = AtomicU8::new(0);

impl ScopeDisclosure {
    /// The process-wide setting that [`MissingScopes::into_response`] uses
    /// ([`Named`](Self::Named) until [`set_global`](Self::set_global) changes it).
    ///
    /// ```
    /// use pace_scopes::axum::ScopeDisclosure;
    /// assert_eq!(ScopeDisclosure::global(), ScopeDisclosure::Named);
    /// ```
    pub fn global() -> Self {
        match GLOBAL_DISCLOSURE.load(Ordering::Relaxed) {
            0 => ScopeDisclosure::Named,
            _ => ScopeDisclosure::Hidden,
        }
    }

    /// Sets the process-wide setting; call it once at start-up, before serving.
    ///
    /// ```
    /// use pace_scopes::axum::ScopeDisclosure;
    ///
    /// ScopeDisclosure::Hidden.set_global();
    /// assert_eq!(ScopeDisclosure::global(), ScopeDisclosure::Hidden);
    /// # ScopeDisclosure::Named.set_global();
    /// ```
    pub fn set_global(self) {
        let value = match self {
            ScopeDisclosure::Named => 0,
            ScopeDisclosure::Hidden => 1,
        };
        GLOBAL_DISCLOSURE.store(value, Ordering::Relaxed);
    }
}

/// The problem body of a 403 (RFC 9457, with the RFC 6750 error code as an extension).
#[derive(Serialize)]
struct ForbiddenBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing_scopes: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required_scopes: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    requirement: Option<String>,
}

fn scope_strs<S: ScopeBits>(set: S) -> Vec<&'static str> {
    set.scopes().map(ScopeEnum::as_str).collect()
}

impl<S: ScopeBits> MissingScopes<S> {
    /// The `403 Forbidden` answer, with the scopes named or hidden as `disclosure` says.
    ///
    /// - `WWW-Authenticate: Bearer error="insufficient_scope", scope="<required>"`: one `scope`
    ///   attribute listing every scope the requirement names, space-separated, as a quoted
    ///   string. For an `any(...)` requirement that is every alternative; the body's
    ///   `requirement` member says which combination is needed.
    /// - `Content-Type: application/problem+json` and a body with `type` ([`PROBLEM_TYPE`]),
    ///   `title`, `status`, `detail`, `error: "insufficient_scope"`, `missing_scopes`,
    ///   `required_scopes` and `requirement`.
    ///
    /// With [`ScopeDisclosure::Hidden`] the header is `Bearer error="insufficient_scope"` and
    /// the body keeps only `type`, `title`, `status`, `detail` (generic) and `error`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
    /// use pace_scopes::axum::ScopeDisclosure;
    /// use pace_scopes::{Requirement, Scope, ScopeSet};
    ///
    /// static TAKEOUT: Requirement = Requirement::All(
    ///     &[Scope::UserGdprRead],
    ///     &[Requirement::Any(&[Scope::UserUsersRead, Scope::UserUsersWrite], &[])],
    /// );
    ///
    /// let missing = TAKEOUT.check(ScopeSet::from_claim("user:users:read")).unwrap_err();
    /// let response = missing.into_response_with(ScopeDisclosure::Named);
    /// assert_eq!(response.status(), 403);
    /// assert_eq!(
    ///     response.headers()[WWW_AUTHENTICATE],
    ///     r#"Bearer error="insufficient_scope", scope="user:gdpr:read user:users:read user:users:write""#
    /// );
    /// assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    ///
    /// let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
    /// let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    /// assert_eq!(body["status"], 403);
    /// assert_eq!(body["error"], "insufficient_scope");
    /// assert_eq!(body["missing_scopes"], serde_json::json!(["user:gdpr:read"]));
    /// assert_eq!(
    ///     body["requirement"],
    ///     "user:gdpr:read and (user:users:read or user:users:write)"
    /// );
    /// # }
    /// ```
    pub fn into_response_with(self, disclosure: ScopeDisclosure) -> Response {
        let (challenge, body) = match disclosure {
            ScopeDisclosure::Named => {
                let required = self.required();
                let mut challenge = String::from(r#"Bearer error="insufficient_scope", scope="#);
                push_quoted(&mut challenge, &required.to_string());
                let body = ForbiddenBody {
                    kind: PROBLEM_TYPE,
                    title: "Insufficient scope",
                    status: StatusCode::FORBIDDEN.as_u16(),
                    detail: self.to_string(),
                    error: "insufficient_scope",
                    missing_scopes: Some(scope_strs(self.missing())),
                    required_scopes: Some(scope_strs(required)),
                    requirement: Some(self.requirement().to_string()),
                };
                (challenge, body)
            }
            ScopeDisclosure::Hidden => (
                String::from(r#"Bearer error="insufficient_scope""#),
                ForbiddenBody {
                    kind: PROBLEM_TYPE,
                    title: "Insufficient scope",
                    status: StatusCode::FORBIDDEN.as_u16(),
                    detail: String::from(
                        "The access token does not grant the scopes this resource requires.",
                    ),
                    error: "insufficient_scope",
                    missing_scopes: None,
                    required_scopes: None,
                    requirement: None,
                },
            ),
        };
        let challenge = HeaderValue::from_bytes(challenge.as_bytes())
            // Unreachable for scopes that build-spec accepted (NQCHAR only); should a lenient
            // spec let a control character through, still answer 403, without the scopes.
            .unwrap_or_else(|_| HeaderValue::from_static(r#"Bearer error="insufficient_scope""#));
        problem(StatusCode::FORBIDDEN, challenge, &body)
    }
}

/// `403 Forbidden` with the scopes named or hidden as [`ScopeDisclosure::global`] says; see
/// [`MissingScopes::into_response_with`] for the header and body.
impl<S: ScopeBits> IntoResponse for MissingScopes<S> {
    fn into_response(self) -> Response {
        self.into_response_with(ScopeDisclosure::global())
    }
}

/// A guarded handler that returns `Response` answers a denial with the 403 of
/// [`MissingScopes::into_response`]; no `on_deny` needed.
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use pace_scopes::{ScopeSet, requires_scope};
///
/// #[requires_scope("user:preferences:read")]
/// async fn preferences(granted: ScopeSet) -> Response {
///     "{}".into_response()
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// assert_eq!(preferences(ScopeSet::empty()).await.status(), 403);
/// assert_eq!(preferences(ScopeSet::from_claim("user:preferences:read")).await.status(), 200);
/// # }
/// ```
impl<S: ScopeBits> Deny<S> for Response {
    fn deny(missing: MissingScopes<S>) -> Self {
        missing.into_response()
    }
}

/// An `Extension<T>` grants what `T` grants: put verified claims in the request extensions
/// with a middleware and guard handlers that take `Extension<Claims>`.
///
/// ```
/// use axum::Extension;
/// use pace_scopes::{GrantedScopes, Scope, ScopeSet};
///
/// let ext = Extension(ScopeSet::from_claim("user:users:read"));
/// assert!(ext.granted_scopes().contains(Scope::UserUsersRead));
/// ```
impl<S: ScopeBits, T: GrantedScopes<S>> GrantedScopes<S> for Extension<T> {
    fn granted_scopes(&self) -> S {
        self.0.granted_scopes()
    }
}

// ---------------------------------------------------------------------------------------
// 401: Unauthorized
// ---------------------------------------------------------------------------------------

/// Why a request is a 401.
///
/// ```
/// use pace_scopes::axum::{Unauthorized, UnauthorizedKind};
///
/// let rejection = Unauthorized::invalid_token();
/// assert!(matches!(rejection.kind(), UnauthorizedKind::InvalidToken));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnauthorizedKind {
    /// The request carries no bearer token (RFC 6750 §3.1: the challenge carries no error
    /// code).
    MissingToken,
    /// The token is malformed, expired, revoked, signed by an unknown key, issued by another
    /// issuer or for another audience (`error="invalid_token"`).
    InvalidToken,
}

/// A `401 Unauthorized`: the request has no bearer token, or a token that the application
/// rejected. Not the same as a 403 ([`MissingScopes`]): the client should get a (new) token,
/// not more scopes.
///
/// As a response:
/// - missing token: `WWW-Authenticate: Bearer`, no error code, as RFC 6750 §3.1 asks;
/// - rejected token: `WWW-Authenticate: Bearer error="invalid_token"`, plus
///   `error_description="..."` when [`with_description`](Self::with_description) gave one;
/// - an `application/problem+json` body (RFC 9457) with `type`, `title`, `status`, `detail`
///   and, for a rejected token, `error: "invalid_token"`.
///
/// ```
/// use axum::http::header::WWW_AUTHENTICATE;
/// use axum::response::IntoResponse;
/// use pace_scopes::axum::Unauthorized;
///
/// let none = Unauthorized::missing_token().into_response();
/// assert_eq!(none.status(), 401);
/// assert_eq!(none.headers()[WWW_AUTHENTICATE], "Bearer");
///
/// let expired = Unauthorized::invalid_token().with_description("the token expired");
/// assert_eq!(expired.to_string(), "invalid bearer token: the token expired");
/// assert_eq!(
///     expired.into_response().headers()[WWW_AUTHENTICATE],
///     r#"Bearer error="invalid_token", error_description="the token expired""#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unauthorized {
    kind: UnauthorizedKind,
    description: Option<Cow<'static, str>>,
}

impl Unauthorized {
    /// The request carries no bearer token.
    ///
    /// ```
    /// use pace_scopes::axum::{Unauthorized, UnauthorizedKind};
    /// assert_eq!(Unauthorized::missing_token().kind(), UnauthorizedKind::MissingToken);
    /// ```
    pub const fn missing_token() -> Self {
        Unauthorized {
            kind: UnauthorizedKind::MissingToken,
            description: None,
        }
    }

    /// The request's token was rejected.
    ///
    /// ```
    /// use pace_scopes::axum::{Unauthorized, UnauthorizedKind};
    /// assert_eq!(Unauthorized::invalid_token().kind(), UnauthorizedKind::InvalidToken);
    /// ```
    pub const fn invalid_token() -> Self {
        Unauthorized {
            kind: UnauthorizedKind::InvalidToken,
            description: None,
        }
    }

    /// Adds a human-readable reason, sent as `error_description` and as the body's `detail`.
    /// It reaches the client: say "the token expired", not what the verifier's internals said.
    /// Characters that RFC 6750 does not allow there (anything but printable ASCII) are sent
    /// as `?`.
    ///
    /// ```
    /// use pace_scopes::axum::Unauthorized;
    /// let e = Unauthorized::invalid_token().with_description("wrong issuer");
    /// assert_eq!(e.description(), Some("wrong issuer"));
    /// ```
    pub fn with_description(mut self, description: impl Into<Cow<'static, str>>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Why the request is a 401.
    ///
    /// ```
    /// use pace_scopes::axum::{Unauthorized, UnauthorizedKind};
    /// assert_eq!(Unauthorized::missing_token().kind(), UnauthorizedKind::MissingToken);
    /// ```
    pub const fn kind(&self) -> UnauthorizedKind {
        self.kind
    }

    /// The reason given with [`with_description`](Self::with_description).
    ///
    /// ```
    /// use pace_scopes::axum::Unauthorized;
    /// assert_eq!(Unauthorized::missing_token().description(), None);
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

impl fmt::Display for Unauthorized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnauthorizedKind::MissingToken => f.write_str("no bearer token")?,
            UnauthorizedKind::InvalidToken => f.write_str("invalid bearer token")?,
        }
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unauthorized {}

/// The problem body of a 401.
#[derive(Serialize)]
struct UnauthorizedBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
}

/// `401 Unauthorized` with the RFC 6750 challenge; see [`Unauthorized`].
impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let description = self.description.as_deref().map(printable_ascii);
        let (challenge, body) = match self.kind {
            UnauthorizedKind::MissingToken => (
                String::from("Bearer"),
                UnauthorizedBody {
                    kind: "about:blank",
                    title: "Unauthorized",
                    status: StatusCode::UNAUTHORIZED.as_u16(),
                    detail: description
                        .as_deref()
                        .unwrap_or("This resource requires a bearer token."),
                    error: None,
                },
            ),
            UnauthorizedKind::InvalidToken => {
                let mut challenge = String::from(r#"Bearer error="invalid_token""#);
                if let Some(description) = &description {
                    challenge.push_str(", error_description=");
                    push_quoted(&mut challenge, description);
                }
                let body = UnauthorizedBody {
                    kind: PROBLEM_TYPE,
                    title: "Invalid token",
                    status: StatusCode::UNAUTHORIZED.as_u16(),
                    detail: description
                        .as_deref()
                        .unwrap_or("The bearer token was rejected."),
                    error: Some("invalid_token"),
                };
                (challenge, body)
            }
        };
        let challenge = HeaderValue::from_str(&challenge).unwrap_or_else(|_| {
            // `printable_ascii` and `push_quoted` leave only visible ASCII; kept fail-safe.
            HeaderValue::from_static(r#"Bearer error="invalid_token""#)
        });
        problem(StatusCode::UNAUTHORIZED, challenge, &body)
    }
}

// ---------------------------------------------------------------------------------------
// The bearer token extractor
// ---------------------------------------------------------------------------------------

/// The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), not yet verified.
///
/// As an extractor it rejects with [`Unauthorized`]: no `Authorization` header, or one with
/// another scheme (`Basic ...`), is [`missing_token`](Unauthorized::missing_token); a
/// malformed bearer credential (empty, characters outside the `b64token` grammar) or more
/// than one `Authorization` header is [`invalid_token`](Unauthorized::invalid_token).
/// `Option<BearerToken>` extracts `None` where `BearerToken` would say "missing" and still
/// rejects malformed ones. The scheme name is case-insensitive.
///
/// Its `Debug` does not print the token, so it cannot leak into logs.
///
/// ```
/// use axum::http::{HeaderMap, header::AUTHORIZATION};
/// use pace_scopes::axum::{BearerToken, UnauthorizedKind};
///
/// let mut headers = HeaderMap::new();
/// assert_eq!(
///     BearerToken::from_headers(&headers).unwrap_err().kind(),
///     UnauthorizedKind::MissingToken
/// );
/// headers.insert(AUTHORIZATION, "Bearer eyJhbGciOi.eyJzdWIi.c2ln".parse().unwrap());
/// let token = BearerToken::from_headers(&headers).unwrap();
/// assert_eq!(token.as_str(), "eyJhbGciOi.eyJzdWIi.c2ln");
/// assert_eq!(format!("{token:?}"), "BearerToken(..)");
///
/// headers.insert(AUTHORIZATION, "Bearer not a token".parse().unwrap());
/// assert_eq!(
///     BearerToken::from_headers(&headers).unwrap_err().kind(),
///     UnauthorizedKind::InvalidToken
/// );
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BearerToken(String);

impl BearerToken {
    /// The token of the request's `Authorization` header, or why there is none.
    ///
    /// ```
    /// use axum::http::{HeaderMap, header::AUTHORIZATION};
    /// use pace_scopes::axum::BearerToken;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(AUTHORIZATION, "bearer abc.def.ghi".parse().unwrap());
    /// assert_eq!(BearerToken::from_headers(&headers).unwrap().as_str(), "abc.def.ghi");
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, Unauthorized> {
        Self::optional_from_headers(headers)?.ok_or_else(Unauthorized::missing_token)
    }

    /// The token of the request's `Authorization` header, `None` when the request has no
    /// bearer credentials (no header, or another scheme), or the 401 for malformed ones:
    /// what `Option<BearerToken>` extracts.
    ///
    /// ```
    /// use axum::http::{HeaderMap, header::AUTHORIZATION};
    /// use pace_scopes::axum::BearerToken;
    ///
    /// let mut headers = HeaderMap::new();
    /// assert_eq!(BearerToken::optional_from_headers(&headers), Ok(None));
    /// headers.insert(AUTHORIZATION, "Basic dXNlcjpwYXNz".parse().unwrap());
    /// assert_eq!(BearerToken::optional_from_headers(&headers), Ok(None));
    /// headers.insert(AUTHORIZATION, "Bearer ".parse().unwrap());
    /// assert!(BearerToken::optional_from_headers(&headers).is_err());
    /// ```
    pub fn optional_from_headers(headers: &HeaderMap) -> Result<Option<Self>, Unauthorized> {
        let mut values = headers.get_all(AUTHORIZATION).iter();
        let Some(value) = values.next() else {
            return Ok(None);
        };
        if values.next().is_some() {
            return Err(Unauthorized::invalid_token()
                .with_description("more than one Authorization header"));
        }
        let malformed =
            || Unauthorized::invalid_token().with_description("malformed bearer credentials");
        let value = value.to_str().map_err(|_| malformed())?;
        let (scheme, credentials) = value.split_once(' ').unwrap_or((value, ""));
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Ok(None);
        }
        let token = credentials.trim_start_matches(' ');
        if is_b64token(token) {
            Ok(Some(BearerToken(token.to_owned())))
        } else {
            Err(malformed())
        }
    }

    /// The token, as sent.
    ///
    /// ```
    /// use axum::http::{HeaderMap, header::AUTHORIZATION};
    /// use pace_scopes::axum::BearerToken;
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(AUTHORIZATION, "Bearer abc".parse().unwrap());
    /// let token = BearerToken::from_headers(&headers).unwrap();
    /// assert_eq!(token.as_str(), "abc");
    /// assert_eq!(token.into_string(), "abc");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token, as sent, owned (see [`as_str`](Self::as_str) for an example).
    pub fn into_string(self) -> String {
        self.0
    }
}

/// `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="` (RFC 6750 §2.1).
fn is_b64token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(..)")
    }
}

impl<St: Send + Sync> FromRequestParts<St> for BearerToken {
    type Rejection = Unauthorized;

    async fn from_request_parts(parts: &mut Parts, _state: &St) -> Result<Self, Unauthorized> {
        Self::from_headers(&parts.headers)
    }
}

impl<St: Send + Sync> OptionalFromRequestParts<St> for BearerToken {
    type Rejection = Unauthorized;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &St,
    ) -> Result<Option<Self>, Unauthorized> {
        Self::optional_from_headers(&parts.headers)
    }
}

// ---------------------------------------------------------------------------------------
// JWT claims
// ---------------------------------------------------------------------------------------

/// The scope claims of a JWT access token: `scope` and `scp`, each a space-separated string
/// or an array of strings, absent or `null` meaning none. Scopes of other APIs are ignored.
///
/// Issuers differ: Keycloak and RFC 9068 send `scope` as a string, Microsoft Entra ID sends
/// `scp` as a string, Okta sends `scp` as an array. `#[serde(flatten)]` this into your claims
/// type and it reads whichever the token has; it grants the union of both.
///
/// ```
/// use pace_scopes::axum::ScopeClaims;
/// use pace_scopes::{GrantedScopes, Scope, ScopeSet};
///
/// #[derive(serde::Deserialize)]
/// struct Claims {
///     sub: String,
///     #[serde(flatten)]
///     scopes: ScopeClaims,
/// }
///
/// let keycloak: Claims =
///     serde_json::from_str(r#"{"sub":"u1","scope":"openid user:users:read"}"#).unwrap();
/// let entra: Claims = serde_json::from_str(r#"{"sub":"u1","scp":"user:users:read"}"#).unwrap();
/// let okta: Claims =
///     serde_json::from_str(r#"{"sub":"u1","scp":["user:users:read","other:api"]}"#).unwrap();
/// let none: Claims = serde_json::from_str(r#"{"sub":"u1","scope":null}"#).unwrap();
///
/// for claims in [&keycloak, &entra, &okta] {
///     assert_eq!(claims.scopes.granted_scopes(), ScopeSet::from_scopes(&[Scope::UserUsersRead]));
/// }
/// assert!(none.scopes.granted_scopes().is_empty());
/// ```
///
/// Reading one claim only needs no helper: a generated set deserializes from a string or an
/// array, and `Option` takes care of `null`:
///
/// ```
/// use pace_scopes::{GrantedScopes, ScopeSet};
///
/// #[derive(serde::Deserialize)]
/// struct EntraClaims {
///     #[serde(default)]
///     scp: Option<ScopeSet>,
/// }
/// let c: EntraClaims = serde_json::from_str(r#"{"scp":"user:users:read"}"#).unwrap();
/// assert_eq!(c.scp.granted_scopes().len(), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
pub struct ScopeClaims<S: ScopeBits = ScopeSet> {
    #[serde(default)]
    scope: Option<S>,
    #[serde(default)]
    scp: Option<S>,
}

impl<S: ScopeBits> ScopeClaims<S> {
    /// The scopes of the `scope` claim.
    ///
    /// ```
    /// use pace_scopes::axum::ScopeClaims;
    /// let c: ScopeClaims = serde_json::from_str(r#"{"scope":"user:gdpr:read"}"#).unwrap();
    /// assert_eq!(c.scope().len(), 1);
    /// assert!(c.scp().is_empty());
    /// ```
    pub fn scope(&self) -> S {
        self.scope.unwrap_or_default()
    }

    /// The scopes of the `scp` claim.
    ///
    /// ```
    /// use pace_scopes::axum::ScopeClaims;
    /// let c: ScopeClaims = serde_json::from_str(r#"{"scp":["user:gdpr:read"]}"#).unwrap();
    /// assert_eq!(c.scp().len(), 1);
    /// assert!(c.scope().is_empty());
    /// ```
    pub fn scp(&self) -> S {
        self.scp.unwrap_or_default()
    }
}

/// The union of `scope` and `scp`.
impl<S: ScopeBits> GrantedScopes<S> for ScopeClaims<S> {
    fn granted_scopes(&self) -> S {
        self.scope().union(&self.scp())
    }
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A response with a challenge and a problem body.
fn problem<B: Serialize>(status: StatusCode, challenge: HeaderValue, body: &B) -> Response {
    // Serializing these plain structs cannot fail; an empty body would still be a valid 401/403.
    let body = serde_json::to_vec(body).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(WWW_AUTHENTICATE, challenge);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// Appends `value` as an RFC 9110 quoted-string: `"` and `\` escaped, control characters
/// dropped. Scope tokens (NQCHAR) and [`printable_ascii`] output contain neither of the first
/// two; the escape is a defence for specs built leniently.
fn push_quoted(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What RFC 6750 allows in `error_description`: printable ASCII; anything else becomes `?`.
fn printable_ascii(s: &str) -> String {
    s.chars()
        .map(|c| if matches!(c, ' '..='~') { c } else { '?' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quote_and_backslash_and_drops_controls() {
        let mut out = String::new();
        push_quoted(&mut out, "a\"b\\c\td\n");
        assert_eq!(out, r#""a\"b\\cd""#);
    }

    #[test]
    fn descriptions_are_printable_ascii() {
        assert_eq!(printable_ascii("expiré\n"), "expir??");
    }

    #[test]
    fn b64token_grammar() {
        assert!(is_b64token("abc.DEF-_~+/=="));
        assert!(!is_b64token(""));
        assert!(!is_b64token("=="));
        assert!(!is_b64token("a=b"));
        assert!(!is_b64token("a b"));
        assert!(!is_b64token("a\"b"));
    }

    fn bearer(value: &str) -> Result<Option<BearerToken>, Unauthorized> {
        let mut headers = HeaderMap::new();
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(value).expect("header value"),
        );
        BearerToken::optional_from_headers(&headers)
    }

    #[test]
    fn bearer_scheme_is_case_insensitive_and_other_schemes_are_no_token() {
        assert_eq!(
            bearer("bearer abc")
                .expect("valid")
                .expect("bearer")
                .as_str(),
            "abc"
        );
        assert_eq!(
            bearer("BEARER  abc")
                .expect("valid")
                .expect("bearer")
                .as_str(),
            "abc"
        );
        assert!(bearer("Basic dXNlcjpwYXNz").expect("valid").is_none());
        assert!(bearer("Bearer").is_err());
        assert!(bearer("Bearer ").is_err());
    }

    #[test]
    fn two_authorization_headers_are_rejected() {
        let mut headers = HeaderMap::new();
        headers.append(AUTHORIZATION, HeaderValue::from_static("Bearer a"));
        headers.append(AUTHORIZATION, HeaderValue::from_static("Bearer b"));
        let err = BearerToken::from_headers(&headers).expect_err("two headers");
        assert_eq!(err.kind(), UnauthorizedKind::InvalidToken);
    }
}
