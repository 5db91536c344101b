//! Shared by the `axum_*` tests: RSA keys generated once per test binary, RS256 tokens, a
//! loopback server for a router, and a small HTTP client (hyper-util) with time limits.
//!
//! The keys are generated here, in the test, never committed: nothing in this file is a
//! secret of anything.

#![allow(dead_code, unreachable_pub)]

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use tokio::task::JoinHandle;

/// Every request and the server's start are bounded by this.
pub const LIMIT: Duration = Duration::from_secs(20);

/// The issuer of the PACE spec's OpenID Connect URL.
pub const ISSUER: &str = "https://id.pace.cloud/auth/realms/pace";
/// The example's default audience.
pub const AUDIENCE: &str = "pace-user-api";

/// A test-only RSA key pair, as PEM.
pub struct KeyPair {
    /// PKCS#8 `PRIVATE KEY` (what `openssl genpkey` writes).
    pub private_pem: String,
    /// SPKI `PUBLIC KEY` (what `openssl pkey -pubout` writes).
    pub public_pem: String,
}

impl KeyPair {
    fn generate() -> KeyPair {
        let started = std::time::Instant::now();
        let key = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048).expect("RSA keygen");
        let private_pem = key.to_pkcs8_pem(LineEnding::LF).expect("pkcs8").to_string();
        let public_pem = key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("spki");
        eprintln!("generated a 2048-bit test key in {:?}", started.elapsed());
        KeyPair {
            private_pem,
            public_pem,
        }
    }

    /// Signs `claims` with RS256.
    pub fn sign(&self, claims: &serde_json::Value) -> String {
        let key = EncodingKey::from_rsa_pem(self.private_pem.as_bytes()).expect("encoding key");
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), claims, &key).expect("sign")
    }
}

/// The issuer's key: the server trusts it.
pub fn issuer_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(KeyPair::generate)
}

/// Another key: the server has never seen it.
pub fn other_key() -> &'static KeyPair {
    static KEY: OnceLock<KeyPair> = OnceLock::new();
    KEY.get_or_init(KeyPair::generate)
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// Valid claims for `sub` with a `scope` claim.
pub fn claims(scope: &str) -> serde_json::Value {
    serde_json::json!({
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "u-1",
        "iat": now(),
        "exp": now() + 600,
        "scope": scope,
    })
}

/// A token of the issuer's key with a `scope` claim.
pub fn token(scope: &str) -> String {
    issuer_key().sign(&claims(scope))
}

/// A router served on 127.0.0.1 with an OS-chosen port, stopped when dropped.
pub struct Server {
    addr: SocketAddr,
    task: JoinHandle<()>,
    client: Client<HttpConnector, Full<Bytes>>,
}

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The one `WWW-Authenticate` header, as text.
    pub fn challenge(&self) -> &str {
        let mut all = self.headers.get_all("www-authenticate").iter();
        let first = all.next().expect("a WWW-Authenticate header");
        assert!(all.next().is_none(), "one WWW-Authenticate header");
        first.to_str().expect("ASCII header")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// The `Content-Type`.
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .expect("a content type")
            .to_str()
            .expect("ASCII")
    }
}

impl Server {
    /// Serves `router` on a loopback port.
    pub async fn start(router: Router) -> Server {
        let listener = tokio::time::timeout(
            LIMIT,
            tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)),
        )
        .await
        .expect("bind in time")
        .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        assert!(addr.ip().is_loopback());
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serve");
        });
        let client = Client::builder(TokioExecutor::new()).build_http();
        Server { addr, task, client }
    }

    /// Sends one request, with a bearer token if given and a JSON body if given.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        if let Some(token) = bearer {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        self.send_raw(request, body).await
    }

    /// Sends a request built by the caller.
    pub async fn send_raw(
        &self,
        mut request: axum::http::request::Builder,
        body: Option<serde_json::Value>,
    ) -> Reply {
        if request.uri_ref().is_some_and(|u| u.host().is_none()) {
            let path = request.uri_ref().expect("uri").to_string();
            request = request.uri(format!("http://{}{path}", self.addr));
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Full::new(Bytes::from(serde_json::to_vec(&json).expect("json")))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request.body(body).expect("request");
        let response = tokio::time::timeout(LIMIT, self.client.request(request))
            .await
            .expect("answered in time")
            .expect("HTTP exchange");
        let (parts, body) = response.into_parts();
        let body = tokio::time::timeout(LIMIT, body.collect())
            .await
            .expect("body in time")
            .expect("body")
            .to_bytes()
            .to_vec();
        Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }

    /// `GET` with a bearer token.
    pub async fn get(&self, path: &str, bearer: Option<&str>) -> Reply {
        self.send(Method::GET, path, bearer, None).await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}
