//! The guard at run time: allow and deny for every form, every scope denied by every set
//! that lacks it, `any`/`all` semantics, and a denied body that never runs.

use std::sync::atomic::{AtomicU32, Ordering};

use pace_scopes::{MissingScopes, Scope, ScopeSet, requires_scope};

static BODIES: AtomicU32 = AtomicU32::new(0);

macro_rules! table {
    ($($name:ident => $s:literal),* $(,)?) => {
        $(
            #[requires_scope($s)]
            fn $name(token: ScopeSet) -> Result<(), MissingScopes> {
                BODIES.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        )*
        const HANDLERS: &[(&str, fn(ScopeSet) -> Result<(), MissingScopes>)] = &[$(($s, $name)),*];
    };
}

table! {
    h0 => "user:device-totps:create",
    h1 => "user:device-totps:create-after-login",
    h2 => "user:gdpr:read",
    h3 => "user:gdpr:write",
    h4 => "user:otp:create",
    h5 => "user:otp:verify",
    h6 => "user:callbacks:password-reset",
    h7 => "user:terms:accept",
    h8 => "user:users.password:check",
    h9 => "user:users.password:create",
    h10 => "user:users.phone:check",
    h11 => "user:users.phone:update",
    h12 => "user:users.pin:check",
    h13 => "user:users.pin:update",
    h14 => "user:users:delete",
    h15 => "user:users:read",
    h16 => "user:users:write",
    h17 => "user:user:delete",
    h18 => "user:sessions:update",
    h19 => "user:preferences:read",
    h20 => "user:preferences:write",
}

#[test]
fn each_scope_is_denied_by_every_set_that_lacks_it() {
    assert_eq!(HANDLERS.len(), Scope::COUNT);
    for (i, (s, handler)) in HANDLERS.iter().enumerate() {
        let scope: Scope = s.parse().unwrap();
        assert_eq!(scope.index(), i);
        let others: Vec<Scope> = Scope::ALL.iter().copied().filter(|&o| o != scope).collect();
        let before = BODIES.load(Ordering::SeqCst);
        // All 2^20 sets of the other scopes, in Gray-code order (one scope toggles per step):
        // each lacks `scope` and must be denied; with `scope` added it must be allowed.
        let mut granted = ScopeSet::empty();
        for step in 0u32..1 << 20 {
            if step > 0 {
                let toggle = others[step.trailing_zeros() as usize];
                if !granted.remove(toggle) {
                    granted.insert(toggle);
                }
            }
            let err = handler(granted).expect_err("a set without the scope was allowed");
            assert_eq!(err.missing(), ScopeSet::from(scope));
            assert!(handler(granted.with(scope)).is_ok());
        }
        assert_eq!(
            granted.len(),
            1,
            "the Gray code ends one toggle from where it started"
        );
        assert_eq!(
            BODIES.load(Ordering::SeqCst) - before,
            1 << 20,
            "a denied body ran"
        );
    }
}

#[requires_scope("user:users:read", "user:users:write")]
fn all_of(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(any("user:otp:create", "user:device-totps:create"))]
fn any_of(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(all("user:gdpr:read", any("user:users:read", "user:users:write")))]
fn nested(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[requires_scope(any(all("user:users:read", "user:users:write"), "user:users:delete"))]
fn any_of_all(token: &ScopeSet) -> Result<(), MissingScopes> {
    Ok(())
}

#[test]
fn combinators_match_their_boolean_formulas_on_every_relevant_set() {
    use Scope::*;
    let relevant = [
        UserUsersRead,
        UserUsersWrite,
        UserUsersDelete,
        UserOtpCreate,
        UserDeviceTotpsCreate,
        UserGdprRead,
    ];
    for bits in 0u32..1 << relevant.len() {
        let g: ScopeSet = relevant
            .iter()
            .enumerate()
            .filter(|(i, _)| bits >> i & 1 == 1)
            .map(|(_, s)| *s)
            .collect();
        let has = |s: Scope| g.contains(s);
        assert_eq!(
            all_of(&g).is_ok(),
            has(UserUsersRead) && has(UserUsersWrite),
            "{g}"
        );
        assert_eq!(
            any_of(&g).is_ok(),
            has(UserOtpCreate) || has(UserDeviceTotpsCreate),
            "{g}"
        );
        assert_eq!(
            nested(&g).is_ok(),
            has(UserGdprRead) && (has(UserUsersRead) || has(UserUsersWrite)),
            "{g}"
        );
        assert_eq!(
            any_of_all(&g).is_ok(),
            (has(UserUsersRead) && has(UserUsersWrite)) || has(UserUsersDelete),
            "{g}"
        );
    }
}

#[test]
fn denials_say_what_failed_and_what_is_missing() {
    let err = all_of(&ScopeSet::from_claim("user:users:read")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing scope user:users:write (requires user:users:read and user:users:write)"
    );
    assert_eq!(err.granted(), ScopeSet::from(Scope::UserUsersRead));
    assert_eq!(err.required(), Scope::UserUsersRead | Scope::UserUsersWrite);

    let err = nested(&ScopeSet::empty()).unwrap_err();
    assert_eq!(
        err.missing(),
        ScopeSet::from([
            Scope::UserGdprRead,
            Scope::UserUsersRead,
            Scope::UserUsersWrite
        ])
    );
    assert_eq!(
        err.to_string(),
        "missing scopes user:gdpr:read user:users:read user:users:write (requires user:gdpr:read and (user:users:read or user:users:write))"
    );
    let err = any_of(&ScopeSet::empty()).unwrap_err();
    // Requirements are written in spec order.
    assert_eq!(
        err.requirement().to_string(),
        "user:device-totps:create or user:otp:create"
    );
    let dbg = format!("{err:?}");
    assert!(
        dbg.contains("MissingScopes") && dbg.contains("UserOtpCreate"),
        "{dbg}"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().starts_with("missing scopes"));
}

static SIDE_EFFECTS: AtomicU32 = AtomicU32::new(0);

#[requires_scope("user:users:delete")]
fn delete(token: &ScopeSet) -> Result<(), MissingScopes> {
    SIDE_EFFECTS.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[requires_scope("user:users:delete")]
async fn delete_async(token: ScopeSet) -> Result<(), MissingScopes> {
    SIDE_EFFECTS.fetch_add(100, Ordering::SeqCst);
    Ok(())
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

#[test]
fn a_denied_body_never_runs() {
    let before = SIDE_EFFECTS.load(Ordering::SeqCst);
    assert!(delete(&ScopeSet::from_claim("user:users:read user:users:write")).is_err());
    assert!(
        block_on(delete_async(
            ScopeSet::all() - ScopeSet::from(Scope::UserUsersDelete)
        ))
        .is_err()
    );
    assert_eq!(SIDE_EFFECTS.load(Ordering::SeqCst), before);
    assert!(delete(&ScopeSet::from_claim("user:users:delete")).is_ok());
    assert!(block_on(delete_async(ScopeSet::all())).is_ok());
    assert_eq!(SIDE_EFFECTS.load(Ordering::SeqCst), before + 101);
}
