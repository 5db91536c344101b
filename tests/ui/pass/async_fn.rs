use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[requires_scope("user:users:read", "user:users:write")]
async fn update_user(token: ScopeSet, body: String) -> Result<String, MissingScopes> {
    Ok(body)
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut f = std::pin::pin!(f);
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let both = ScopeSet::from_claim("user:users:read user:users:write");
    assert_eq!(block_on(update_user(both, "x".into())).as_deref(), Ok("x"));
    assert!(block_on(update_user(ScopeSet::empty(), "x".into())).is_err());
}
