//! A handler that returns something other than a `Result` says what a denial returns.
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[derive(Debug, PartialEq)]
enum Response {
    Ok(String),
    Forbidden(usize),
}

fn forbidden(missing: MissingScopes) -> Response {
    Response::Forbidden(missing.missing().len())
}

#[requires_scope("user:users:read", "user:users:write", on_deny = forbidden)]
fn page(token: &ScopeSet) -> Response {
    Response::Ok("page".into())
}

#[requires_scope("user:users:read", on_deny = |_| 403u16)]
fn status(token: &ScopeSet) -> u16 {
    200
}

fn main() {
    assert_eq!(page(&ScopeSet::from_claim("user:users:read user:users:write")), Response::Ok("page".into()));
    assert_eq!(page(&ScopeSet::from_claim("user:users:read")), Response::Forbidden(1));
    assert_eq!(status(&ScopeSet::from_claim("user:users:read")), 200);
    assert_eq!(status(&ScopeSet::empty()), 403);
}
