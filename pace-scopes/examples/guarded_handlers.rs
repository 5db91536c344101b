//! Guarded handlers in use: a small user service whose handlers each require scopes, called
//! with tokens that grant different things.
//!
//! ```text
//! cargo run -p pace-scopes --example guarded_handlers
//! ```

use std::fmt;

use pace_scopes::{GrantedScopes, MissingScopes, ScopeSet, requires_scope};

/// A verified access token (verifying it is the application's job).
struct Token {
    subject: &'static str,
    scope: &'static str,
}

impl GrantedScopes for Token {
    fn granted_scopes(&self) -> ScopeSet {
        ScopeSet::from_claim(self.scope)
    }
}

#[derive(Debug)]
enum ApiError {
    Forbidden(MissingScopes),
    NotFound,
}

impl From<MissingScopes> for ApiError {
    fn from(missing: MissingScopes) -> Self {
        ApiError::Forbidden(missing)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Forbidden(m) => write!(f, "403 Forbidden: {m}"),
            ApiError::NotFound => f.write_str("404 Not Found"),
        }
    }
}

struct Request<'a> {
    token: &'a Token,
    user: u64,
}

struct UserService {
    users: Vec<(u64, String)>,
}

impl UserService {
    #[requires_scope("user:users:read", from = request.token)]
    fn get_user(&self, request: &Request<'_>) -> Result<String, ApiError> {
        self.users
            .iter()
            .find(|(id, _)| *id == request.user)
            .map(|(_, n)| n.clone())
            .ok_or(ApiError::NotFound)
    }

    #[requires_scope("user:users:read", "user:users:write", from = request.token)]
    fn rename_user(&mut self, request: &Request<'_>, name: &str) -> Result<(), ApiError> {
        let user = self
            .users
            .iter_mut()
            .find(|(id, _)| *id == request.user)
            .ok_or(ApiError::NotFound)?;
        user.1 = name.to_owned();
        Ok(())
    }

    #[requires_scope(all("user:gdpr:read", any("user:users:read", "user:users:write")), from = request.token)]
    fn takeout(&self, request: &Request<'_>) -> Result<String, ApiError> {
        Ok(format!(
            "takeout of user {} for {}",
            request.user, request.token.subject
        ))
    }

    #[requires_scope(UserUsersDelete, from = request.token)]
    fn delete_user(&mut self, request: &Request<'_>) -> Result<(), ApiError> {
        self.users.retain(|(id, _)| *id != request.user);
        Ok(())
    }
}

fn show<T: fmt::Debug>(what: &str, result: Result<T, ApiError>) {
    match result {
        Ok(v) => println!("  {what:<12} -> 200 {v:?}"),
        Err(e) => println!("  {what:<12} -> {e}"),
    }
}

fn main() {
    let mut service = UserService {
        users: vec![(1, "ada".into()), (2, "grace".into())],
    };
    let tokens = [
        Token {
            subject: "app",
            scope: "openid profile user:users:read",
        },
        Token {
            subject: "admin",
            scope: "openid user:users:read user:users:write user:users:delete",
        },
        Token {
            subject: "gdpr-bot",
            scope: "user:gdpr:read user:users:write other-api:thing",
        },
    ];
    for token in &tokens {
        println!("{} ({}):", token.subject, token.scope);
        let request = Request { token, user: 1 };
        show("get_user", service.get_user(&request));
        show("rename_user", service.rename_user(&request, "ada lovelace"));
        show("takeout", service.takeout(&request));
        show(
            "delete_user",
            service.delete_user(&Request { token, user: 2 }),
        );
    }
    println!("users left: {:?}", service.users);
}
