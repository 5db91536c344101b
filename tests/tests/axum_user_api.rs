//! The example server (`pace-scopes/examples/pace_user_api.rs`) over real HTTP on a loopback
//! port, with real RS256 tokens signed by keys generated in the test.

mod axum_support;

#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../../pace-scopes/examples/pace_user_api.rs"]
mod pace_user_api;

use axum::http::{Method, StatusCode};
use axum_support::{AUDIENCE, ISSUER, Server, claims, issuer_key, now, other_key, token};
use pace_user_api::{AppState, SEED_USER, Verifier};
use serde_json::json;

/// The example's state (kept to look at its side effects) and its router, served.
async fn start() -> (AppState, Server) {
    // The key reaches the example as it does in production: a PEM file on disk.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("public.pem");
    std::fs::write(&path, &issuer_key().public_pem).expect("write key");
    let issuer = pace_user_api::spec_issuer().expect("an OIDC scheme");
    let verifier =
        Verifier::from_rsa_pem(&std::fs::read(&path).expect("read key"), issuer, AUDIENCE)
            .expect("verifier");
    let state = AppState::new(verifier);
    let server = Server::start(pace_user_api::router(state.clone())).await;
    (state, server)
}

const USER: &str = "/v1/users/u-1";

#[test]
fn issuer_is_the_realm_of_the_spec_oidc_url() {
    assert_eq!(pace_user_api::spec_issuer(), Some(ISSUER));
}

#[tokio::test]
async fn right_scopes_get_200() {
    let (state, server) = start().await;
    let reply = server
        .get(USER, Some(&token("openid profile user:users:read")))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["first_name"], "Ada");
    assert!(reply.headers.get("www-authenticate").is_none());
    assert_eq!(state.store().bodies_run(), 1);
}

#[tokio::test]
async fn one_scope_missing_is_403_with_the_exact_rfc6750_challenge() {
    let (state, server) = start().await;
    let reply = server
        .send(
            Method::PUT,
            USER,
            Some(&token("user:users:read")),
            Some(json!({"first_name": "Mallory"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.challenge(),
        r#"Bearer error="insufficient_scope", scope="user:users:read user:users:write""#
    );
    assert_eq!(reply.content_type(), "application/problem+json");
    let body = reply.json();
    assert_eq!(body["status"], 403);
    assert_eq!(body["error"], "insufficient_scope");
    assert_eq!(body["missing_scopes"], json!(["user:users:write"]));
    assert_eq!(
        body["required_scopes"],
        json!(["user:users:read", "user:users:write"])
    );
    assert_eq!(body["requirement"], "user:users:read and user:users:write");
    // The denied body never ran: no write, nothing counted.
    assert_eq!(state.store().bodies_run(), 0);
    assert_eq!(
        state.store().user(SEED_USER).expect("user").first_name,
        "Ada"
    );

    // With both scopes the same request goes through.
    let reply = server
        .send(
            Method::PUT,
            USER,
            Some(&token("user:users:read user:users:write")),
            Some(json!({"first_name": "Grace"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        state.store().user(SEED_USER).expect("user").first_name,
        "Grace"
    );
    assert_eq!(state.store().bodies_run(), 1);
}

#[tokio::test]
async fn denied_delete_never_runs_and_hides_its_scope() {
    let (state, server) = start().await;
    let everything_but_delete = "user:users:read user:users:write user:user:delete";
    let reply = server
        .send(
            Method::DELETE,
            USER,
            Some(&token(everything_but_delete)),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // This route answers with ScopeDisclosure::Hidden (typed, through on_deny).
    assert_eq!(reply.challenge(), r#"Bearer error="insufficient_scope""#);
    let body = reply.json();
    assert_eq!(body["error"], "insufficient_scope");
    assert!(body.get("missing_scopes").is_none());
    assert!(!String::from_utf8_lossy(&reply.body).contains("user:users:delete"));
    assert_eq!(state.store().bodies_run(), 0);
    assert!(state.store().user(SEED_USER).is_some(), "the user survived");

    let reply = server
        .send(
            Method::DELETE,
            USER,
            Some(&token("user:users:delete")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(state.store().user(SEED_USER).is_none());
    assert_eq!(state.store().bodies_run(), 1);
}

#[tokio::test]
async fn no_token_is_401_bearer_without_error() {
    let (state, server) = start().await;
    let reply = server.get(USER, None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.challenge(), "Bearer");
    assert_eq!(reply.content_type(), "application/problem+json");
    assert!(reply.json().get("error").is_none());

    // Another scheme is no bearer token either.
    let basic = axum::http::Request::builder()
        .uri(USER)
        .header("authorization", "Basic dXNlcjpwYXNz");
    let reply = server.send_raw(basic, None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.challenge(), "Bearer");
    assert_eq!(state.store().bodies_run(), 0);
}

/// A 401 for a rejected token, with the reason the verifier gives.
async fn assert_rejected(server: &Server, token: &str, reason: &str) {
    let reply = server.get(USER, Some(token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{reason}");
    assert_eq!(
        reply.challenge(),
        format!(r#"Bearer error="invalid_token", error_description="{reason}""#)
    );
    let body = reply.json();
    assert_eq!(body["error"], "invalid_token");
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn expired_token_is_401_invalid_token() {
    let (state, server) = start().await;
    let mut expired = claims("user:users:read");
    expired["iat"] = json!(now() - 7200);
    expired["exp"] = json!(now() - 3600);
    assert_rejected(&server, &issuer_key().sign(&expired), "the token expired").await;
    assert_eq!(state.store().bodies_run(), 0);
}

#[tokio::test]
async fn token_of_another_key_is_401_invalid_token() {
    let (state, server) = start().await;
    let forged = other_key().sign(&claims("user:users:read"));
    assert_rejected(&server, &forged, "the token's signature does not verify").await;
    assert_eq!(state.store().bodies_run(), 0);
}

#[tokio::test]
async fn wrong_issuer_or_audience_is_401_invalid_token() {
    let (state, server) = start().await;
    let mut wrong_iss = claims("user:users:read");
    wrong_iss["iss"] = json!("https://id.pace.cloud/auth/realms/other");
    assert_rejected(
        &server,
        &issuer_key().sign(&wrong_iss),
        "the token was issued by another issuer",
    )
    .await;

    let mut wrong_aud = claims("user:users:read");
    wrong_aud["aud"] = json!("another-api");
    assert_rejected(
        &server,
        &issuer_key().sign(&wrong_aud),
        "the token is for another audience",
    )
    .await;

    let mut no_exp = claims("user:users:read");
    no_exp.as_object_mut().expect("object").remove("exp");
    assert_rejected(
        &server,
        &issuer_key().sign(&no_exp),
        "the token lacks a required claim",
    )
    .await;
    assert_eq!(state.store().bodies_run(), 0);
}

#[tokio::test]
async fn hs256_token_keyed_with_the_public_key_is_rejected() {
    // The classic algorithm confusion: an HMAC "signed" with the RSA public key.
    let (state, server) = start().await;
    let key = jsonwebtoken::EncodingKey::from_secret(issuer_key().public_pem.as_bytes())
        .expect("hmac key");
    let confused = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims("user:users:read"),
        &key,
    )
    .expect("sign");
    assert_rejected(&server, &confused, "the token is not signed with RS256").await;
    assert_eq!(state.store().bodies_run(), 0);
}

#[tokio::test]
async fn malformed_bearer_credentials_are_401_invalid_token() {
    let (state, server) = start().await;
    for value in ["Bearer", "Bearer not a token", "Bearer a\"b"] {
        let request = axum::http::Request::builder()
            .uri(USER)
            .header("authorization", value);
        let reply = server.send_raw(request, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{value}");
        assert!(
            reply
                .challenge()
                .starts_with(r#"Bearer error="invalid_token""#),
            "{value}: {}",
            reply.challenge()
        );
    }
    assert_rejected(&server, "abc.def.ghi", "the token is malformed").await;
    assert_eq!(state.store().bodies_run(), 0);
}

#[tokio::test]
async fn array_scp_claim_works() {
    let (state, server) = start().await;
    let mut okta = claims("");
    okta.as_object_mut().expect("object").remove("scope");
    okta["scp"] = json!([
        "user:preferences:write",
        "user:preferences:read",
        "offline_access"
    ]);
    let okta = issuer_key().sign(&okta);

    let reply = server
        .send(
            Method::PUT,
            "/v1/preferences/app",
            Some(&okta),
            Some(json!({"theme": "dark"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    let reply = server.get("/v1/preferences/app", Some(&okta)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({"theme": "dark"}));

    // Entra ID: `scp` as a string.
    let mut entra = claims("");
    entra.as_object_mut().expect("object").remove("scope");
    entra["scp"] = json!("user:preferences:read");
    let reply = server
        .get("/v1/preferences/app", Some(&issuer_key().sign(&entra)))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(state.store().bodies_run(), 3);
}

#[tokio::test]
async fn unknown_scopes_in_the_claim_are_ignored() {
    let (state, server) = start().await;
    // Other APIs' scopes and look-alikes of the write scope: ignored, never matched loosely.
    let claim = "openid profile email other:api:admin user:users:read USER:USERS:WRITE \
                 user:users:write:all user:users:writ";
    let reply = server.get(USER, Some(&token(claim))).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = server
        .send(Method::PUT, USER, Some(&token(claim)), Some(json!({})))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["missing_scopes"], json!(["user:users:write"]));

    // An array `scope` claim: unknown strings are ignored there too.
    let mut array = claims("");
    array["scope"] = json!(["urn:other", "user:users:read", ""]);
    let reply = server.get(USER, Some(&issuer_key().sign(&array))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(state.store().bodies_run(), 2);
}

#[tokio::test]
async fn takeout_needs_gdpr_read_and_either_user_scope() {
    let (state, server) = start().await;
    let reply = server
        .get(
            "/v1/gdpr/takeout",
            Some(&token("user:gdpr:read user:users:write")),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["user"]["id"], "u-1");

    let reply = server
        .get("/v1/gdpr/takeout", Some(&token("user:gdpr:read")))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.challenge(),
        r#"Bearer error="insufficient_scope", scope="user:gdpr:read user:users:read user:users:write""#
    );
    assert_eq!(
        reply.json()["requirement"],
        "user:gdpr:read and (user:users:read or user:users:write)"
    );
    assert_eq!(state.store().bodies_run(), 1);
}

#[tokio::test]
async fn totp_takes_either_scope_and_preferences_deny_through_response() {
    let (state, server) = start().await;
    let reply = server
        .send(
            Method::POST,
            "/v1/totps",
            Some(&token("user:device-totps:create-after-login")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert_eq!(reply.json()["user"], "u-1");

    let reply = server
        .send(
            Method::POST,
            "/v1/totps",
            Some(&token("user:otp:create")),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.challenge(),
        r#"Bearer error="insufficient_scope", scope="user:device-totps:create user:device-totps:create-after-login""#
    );

    // read_preferences returns a plain Response: the guard's 403 is MissingScopes's own.
    let reply = server
        .get(
            "/v1/preferences/app",
            Some(&token("user:preferences:write")),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.challenge(),
        r#"Bearer error="insufficient_scope", scope="user:preferences:read""#
    );
    assert_eq!(state.store().bodies_run(), 1);
}

#[tokio::test]
async fn minted_tokens_are_accepted() {
    let (_state, server) = start().await;
    let minted = pace_user_api::mint(
        issuer_key().private_pem.as_bytes(),
        SEED_USER,
        "user:users:read",
        AUDIENCE,
    )
    .expect("mint");
    assert_eq!(server.get(USER, Some(&minted)).await.status, StatusCode::OK);
}
