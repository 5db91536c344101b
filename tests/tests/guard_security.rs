//! The guard cannot be fooled by the handler's shape (issue 7; SECURITY.md links here).
//!
//! Every body below records that it ran; each test asserts that a denied call records
//! nothing, that the granted scopes are read exactly once and before the body, and what
//! happens when reading them panics.

// A failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::cell::Cell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use pace_scopes::{GrantedScopes, MissingScopes, Scope, ScopeSet, requires_scope};

thread_local! {
    /// What bodies did, in order (one per thread: tests run in parallel).
    static EFFECTS: Cell<u32> = const { Cell::new(0) };
    /// How many times a `from =` expression or a `GrantedScopes` impl was evaluated.
    static READS: Cell<u32> = const { Cell::new(0) };
}

fn effect() {
    EFFECTS.with(|e| e.set(e.get() + 1));
}

fn effects() -> u32 {
    EFFECTS.with(Cell::get)
}

fn reads() -> u32 {
    READS.with(Cell::get)
}

fn reset() {
    EFFECTS.with(|e| e.set(0));
    READS.with(|r| r.set(0));
}

const DELETE: &str = "user:users:delete";

fn without_delete() -> ScopeSet {
    ScopeSet::all() - ScopeSet::from(Scope::UserUsersDelete)
}

/// Polls once with a waker that does nothing.
fn poll_once<F: Future + ?Sized>(f: Pin<&mut F>) -> Poll<F::Output> {
    f.poll(&mut Context::from_waker(Waker::noop()))
}

// ---- sync and async: denied before any side effect --------------------------------------

#[requires_scope("user:users:delete")]
fn delete(token: ScopeSet) -> Result<u32, MissingScopes> {
    effect();
    Ok(1)
}

#[test]
fn sync_denial_runs_no_part_of_the_body() {
    reset();
    let err = delete(without_delete()).unwrap_err();
    assert_eq!(err.missing(), ScopeSet::from(Scope::UserUsersDelete));
    assert_eq!(effects(), 0);
    assert_eq!(delete(ScopeSet::from_claim(DELETE)), Ok(1));
    assert_eq!(effects(), 1);
}

#[requires_scope("user:users:delete")]
async fn delete_async(token: ScopeSet) -> Result<u32, MissingScopes> {
    effect();
    std::future::ready(()).await;
    effect();
    Ok(2)
}

/// An `async fn` checks when first polled, before the body's first statement; creating the
/// future does nothing, and a denied future completes on its first poll without the body.
#[test]
fn async_denial_runs_no_part_of_the_body_even_when_polled_later() {
    reset();
    let denied = delete_async(without_delete());
    let allowed = delete_async(ScopeSet::all());
    assert_eq!(effects(), 0, "creating the futures ran nothing");
    let mut denied = Box::pin(denied);
    match poll_once(denied.as_mut()) {
        Poll::Ready(Err(missing)) => {
            assert_eq!(missing.missing(), ScopeSet::from(Scope::UserUsersDelete));
        }
        other => panic!("a denied future must finish on its first poll: {other:?}"),
    }
    assert_eq!(effects(), 0);
    let mut allowed = Box::pin(allowed);
    assert_eq!(poll_once(allowed.as_mut()), Poll::Ready(Ok(2)));
    assert_eq!(effects(), 2);
}

struct Service;

impl Service {
    #[requires_scope("user:users:delete")]
    async fn delete(&self, token: &ScopeSet) -> Result<u32, MissingScopes> {
        effect();
        Ok(3)
    }
}

#[test]
fn async_methods_read_the_first_parameter_after_the_receiver() {
    reset();
    let denied = without_delete();
    let mut f = Box::pin(Service.delete(&denied));
    assert!(matches!(poll_once(f.as_mut()), Poll::Ready(Err(_))));
    assert_eq!(effects(), 0);
    let granted = ScopeSet::all();
    let mut f = Box::pin(Service.delete(&granted));
    assert_eq!(poll_once(f.as_mut()), Poll::Ready(Ok(3)));
}

/// A boxed future (the shape `#[async_trait]` emits) is denied before it is created.
#[requires_scope("user:users:delete")]
fn delete_boxed(
    token: ScopeSet,
) -> Pin<Box<dyn Future<Output = Result<u32, MissingScopes>> + Send>> {
    effect();
    Box::pin(async {
        effect();
        Ok(4)
    })
}

#[test]
fn boxed_futures_are_denied_before_they_exist() {
    reset();
    let mut f = delete_boxed(without_delete());
    assert_eq!(effects(), 0);
    assert!(matches!(poll_once(f.as_mut()), Poll::Ready(Err(_))));
    assert_eq!(effects(), 0);
}

// ---- the body's shape cannot bypass it ----------------------------------------------------

#[requires_scope("user:users:delete")]
fn early_return(token: ScopeSet, shortcut: bool) -> Result<u32, MissingScopes> {
    if shortcut {
        effect();
        return Ok(10);
    }
    effect();
    Ok(11)
}

#[test]
fn an_early_return_in_the_body_is_still_guarded() {
    reset();
    assert!(early_return(without_delete(), true).is_err());
    assert!(early_return(without_delete(), false).is_err());
    assert_eq!(effects(), 0);
    assert_eq!(early_return(ScopeSet::all(), true), Ok(10));
}

#[derive(Debug, PartialEq)]
enum AppError {
    Forbidden(String),
    Parse,
}

impl From<MissingScopes> for AppError {
    fn from(m: MissingScopes) -> Self {
        AppError::Forbidden(m.to_string())
    }
}

#[requires_scope("user:users:delete")]
fn question_mark(token: ScopeSet, input: &str) -> Result<u32, AppError> {
    let n: u32 = input.parse().map_err(|_| AppError::Parse)?;
    effect();
    Ok(n)
}

#[test]
fn question_mark_in_the_body_is_still_guarded() {
    reset();
    // The denial wins over the body's own error: the body never ran to produce it.
    assert_eq!(
        question_mark(without_delete(), "not a number"),
        Err(AppError::Forbidden(
            "missing scope user:users:delete (requires user:users:delete)".into()
        ))
    );
    assert!(question_mark(without_delete(), "5").is_err());
    assert_eq!(effects(), 0);
    assert_eq!(question_mark(ScopeSet::all(), "x"), Err(AppError::Parse));
    assert_eq!(question_mark(ScopeSet::all(), "5"), Ok(5));
}

/// Shadowing the scopes parameter inside the body changes nothing: the guard has read it.
#[requires_scope("user:users:delete")]
fn shadowing(token: ScopeSet) -> Result<u32, MissingScopes> {
    let token = ScopeSet::all();
    let _ = token;
    effect();
    Ok(20)
}

/// A parameter named like the guard's own locals: hygiene keeps them apart.
#[requires_scope("user:users:delete")]
fn named_like_the_guard(__pace_granted: ScopeSet) -> Result<u32, MissingScopes> {
    let __pace_missing = ScopeSet::all();
    let _ = __pace_missing;
    effect();
    Ok(21)
}

/// A body that defines items named like the guard's.
#[requires_scope("user:users:delete")]
fn items_named_like_the_guard(token: ScopeSet) -> Result<u32, MissingScopes> {
    #[allow(dead_code)]
    static __PACE_REQUIRED: u8 = 0;
    #[allow(dead_code)]
    fn check() -> bool {
        true
    }
    effect();
    Ok(22)
}

#[test]
fn shadowing_and_lookalike_names_do_not_bypass() {
    reset();
    assert!(shadowing(without_delete()).is_err());
    assert!(named_like_the_guard(without_delete()).is_err());
    assert!(items_named_like_the_guard(without_delete()).is_err());
    assert_eq!(effects(), 0);
    assert_eq!(shadowing(ScopeSet::all()), Ok(20));
    assert_eq!(named_like_the_guard(ScopeSet::all()), Ok(21));
    assert_eq!(items_named_like_the_guard(ScopeSet::all()), Ok(22));
}

// ---- `from =` is evaluated exactly once, before the body ----------------------------------

struct Request {
    claim: &'static str,
}

fn read_claims(request: &Request) -> ScopeSet {
    READS.with(|r| r.set(r.get() + 1));
    assert_eq!(effects(), 0, "the granted scopes are read before the body");
    ScopeSet::from_claim(request.claim)
}

#[requires_scope("user:users:delete", from = read_claims(request))]
fn from_expression(request: &Request) -> Result<u32, MissingScopes> {
    effect();
    Ok(30)
}

#[requires_scope("user:users:delete", from = read_claims(request))]
async fn from_expression_async(request: &Request) -> Result<u32, MissingScopes> {
    effect();
    Ok(31)
}

#[test]
fn a_from_expression_is_evaluated_exactly_once() {
    reset();
    let denied = Request {
        claim: "user:users:read",
    };
    let allowed = Request { claim: DELETE };
    assert!(from_expression(&denied).is_err());
    assert_eq!((reads(), effects()), (1, 0));
    reset();
    assert_eq!(from_expression(&allowed), Ok(30));
    assert_eq!((reads(), effects()), (1, 1));

    reset();
    let mut f = Box::pin(from_expression_async(&denied));
    assert_eq!(reads(), 0, "an async guard reads nothing until polled");
    assert!(matches!(poll_once(f.as_mut()), Poll::Ready(Err(_))));
    assert_eq!((reads(), effects()), (1, 0));
    reset();
    let mut f = Box::pin(from_expression_async(&allowed));
    assert_eq!(poll_once(f.as_mut()), Poll::Ready(Ok(31)));
    assert_eq!((reads(), effects()), (1, 1));
}

/// Claims whose impl counts its calls: the guard calls it once per request.
struct CountingClaims(ScopeSet);

impl GrantedScopes for CountingClaims {
    fn granted_scopes(&self) -> ScopeSet {
        READS.with(|r| r.set(r.get() + 1));
        self.0
    }
}

#[requires_scope(any("user:users:delete", all("user:users:read", "user:users:write")))]
fn nested(claims: CountingClaims) -> Result<u32, MissingScopes> {
    effect();
    Ok(40)
}

#[test]
fn granted_scopes_is_called_once_even_for_nested_requirements() {
    reset();
    assert!(nested(CountingClaims(ScopeSet::from_claim("user:users:read"))).is_err());
    assert_eq!((reads(), effects()), (1, 0));
    reset();
    let both = ScopeSet::from_claim("user:users:read user:users:write");
    assert_eq!(nested(CountingClaims(both)), Ok(40));
    assert_eq!((reads(), effects()), (1, 1));
}

// ---- panics and missing tokens --------------------------------------------------------------

struct PanickingClaims;

impl GrantedScopes for PanickingClaims {
    fn granted_scopes(&self) -> ScopeSet {
        panic!("claims could not be read")
    }
}

#[requires_scope("user:users:delete")]
fn panicking(claims: PanickingClaims) -> Result<u32, MissingScopes> {
    effect();
    Ok(50)
}

#[requires_scope("user:users:delete")]
async fn panicking_async(claims: PanickingClaims) -> Result<u32, MissingScopes> {
    effect();
    Ok(51)
}

/// Documented behaviour: a panic in a `GrantedScopes` impl propagates out of the handler
/// (the guard neither catches it nor treats it as a grant), and the body never runs.
#[test]
fn a_panic_while_reading_scopes_propagates_and_the_body_never_runs() {
    reset();
    let caught = catch_unwind(|| panicking(PanickingClaims));
    let message = caught.unwrap_err();
    assert_eq!(
        message.downcast_ref::<&str>(),
        Some(&"claims could not be read")
    );
    assert_eq!(effects(), 0);

    let mut f = Box::pin(panicking_async(PanickingClaims));
    let caught = catch_unwind(AssertUnwindSafe(|| poll_once(f.as_mut())));
    assert!(caught.is_err());
    assert_eq!(effects(), 0);
}

#[requires_scope("user:users:delete")]
fn optional(claims: Option<ScopeSet>) -> Result<u32, MissingScopes> {
    effect();
    Ok(60)
}

#[requires_scope("user:users:delete")]
fn verified(claims: Result<ScopeSet, &'static str>) -> Result<u32, MissingScopes> {
    effect();
    Ok(61)
}

/// No token, or one that failed verification, grants nothing.
#[test]
fn missing_and_failed_tokens_grant_nothing() {
    reset();
    assert!(optional(None).is_err());
    assert!(verified(Err("bad signature")).is_err());
    assert_eq!(effects(), 0);
    assert_eq!(optional(Some(ScopeSet::all())), Ok(60));
    assert_eq!(verified(Ok(ScopeSet::all())), Ok(61));
}

/// A hostile claim reaches the guard as text: it grants exactly its tokens.
#[test]
fn forged_claims_do_not_pass_the_guard() {
    reset();
    for claim in [
        "USER:USERS:DELETE",
        "user:users:delete\0",
        "user:users:deletex",
        "user:users:delet",
        "user:users:delete,",
        "\tuser:users:delete",
        "user:users:read\nuser:users:delete",
    ] {
        assert!(delete(ScopeSet::from_claim(claim)).is_err(), "{claim:?}");
    }
    assert_eq!(effects(), 0);
    assert_eq!(
        delete(ScopeSet::from_claim("a  user:users:delete b")),
        Ok(1)
    );
}
