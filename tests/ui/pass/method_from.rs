use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

struct Request {
    token: ScopeSet,
    id: u64,
}

struct Service {
    deleted: std::cell::Cell<u32>,
}

impl Service {
    #[requires_scope("user:users:delete", from = request.token)]
    fn delete_user(&self, request: Request) -> Result<u64, MissingScopes> {
        self.deleted.set(self.deleted.get() + 1);
        Ok(request.id)
    }

    #[requires_scope("user:users:read", from = self.token())]
    fn whoami(&self) -> Result<&'static str, MissingScopes> {
        Ok("me")
    }

    fn token(&self) -> ScopeSet {
        ScopeSet::from_claim("user:users:read")
    }
}

fn main() {
    let svc = Service { deleted: std::cell::Cell::new(0) };
    let ok = Request { token: ScopeSet::from_claim("user:users:delete"), id: 9 };
    assert_eq!(svc.delete_user(ok), Ok(9));
    let denied = Request { token: ScopeSet::from_claim("user:users:read"), id: 9 };
    assert!(svc.delete_user(denied).is_err());
    assert_eq!(svc.deleted.get(), 1);
    assert_eq!(svc.whoami(), Ok("me"));
}
