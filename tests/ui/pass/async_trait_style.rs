//! `#[async_trait]` rewrites each `async fn` into a fn returning a boxed future; the guard
//! then checks before the future is even created.
use pace_scopes::{MissingScopes, ScopeSet, requires_scope};

#[async_trait::async_trait]
trait Users {
    async fn get(&self, token: ScopeSet, id: u64) -> Result<u64, MissingScopes>;
}

struct Db;

#[async_trait::async_trait]
impl Users for Db {
    #[requires_scope("user:users:read", from = token)]
    async fn get(&self, token: ScopeSet, id: u64) -> Result<u64, MissingScopes> {
        Ok(id)
    }
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
    assert_eq!(block_on(Db.get(ScopeSet::from_claim("user:users:read"), 4)), Ok(4));
    assert!(block_on(Db.get(ScopeSet::empty(), 4)).is_err());
}
