//! What a value grants: the source of scopes a guard checks.

use std::rc::Rc;
use std::sync::Arc;

use crate::{ScopeBits, ScopeSet};

/// A value that says which scopes it grants: a verified token, its claims, a request
/// extension, or a [`ScopeSet`] itself.
///
/// `#[requires_scope]` calls it on the handler's first parameter that is not a receiver, or
/// on the value named with `from = ...`. `S` is the scope set of the spec the guard checks
/// (PACE's [`ScopeSet`] by default), so a value that grants scopes of one spec can never
/// satisfy a guard of another.
///
/// Implemented for every generated scope set, and for references, `Box`, `Rc`, `Arc`,
/// `Option` (`None` grants nothing) and `Result` (`Err` grants nothing) of implementors.
///
/// ```
/// use pace_scopes::{GrantedScopes, Scope, ScopeSet};
///
/// struct Claims {
///     scope: String,
/// }
///
/// impl GrantedScopes for Claims {
///     fn granted_scopes(&self) -> ScopeSet {
///         ScopeSet::from_claim(&self.scope)
///     }
/// }
///
/// let claims = Claims { scope: "openid user:users:read".into() };
/// assert!(claims.granted_scopes().contains(Scope::UserUsersRead));
/// assert!(None::<Claims>.granted_scopes().is_empty());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say which scopes of `{S}` it grants",
    label = "the guard reads the granted scopes from this value",
    note = "implement `pace_scopes::GrantedScopes<{S}>` for `{Self}` (one method: `fn granted_scopes(&self) -> {S}`), or point the guard at a value that does with `from = ...`"
)]
pub trait GrantedScopes<S: ScopeBits = ScopeSet> {
    /// The scopes this value grants.
    fn granted_scopes(&self) -> S;
}

impl<S: ScopeBits, T: GrantedScopes<S> + ?Sized> GrantedScopes<S> for &T {
    fn granted_scopes(&self) -> S {
        (**self).granted_scopes()
    }
}

impl<S: ScopeBits, T: GrantedScopes<S> + ?Sized> GrantedScopes<S> for &mut T {
    fn granted_scopes(&self) -> S {
        (**self).granted_scopes()
    }
}

impl<S: ScopeBits, T: GrantedScopes<S> + ?Sized> GrantedScopes<S> for Box<T> {
    fn granted_scopes(&self) -> S {
        (**self).granted_scopes()
    }
}

impl<S: ScopeBits, T: GrantedScopes<S> + ?Sized> GrantedScopes<S> for Rc<T> {
    fn granted_scopes(&self) -> S {
        (**self).granted_scopes()
    }
}

impl<S: ScopeBits, T: GrantedScopes<S> + ?Sized> GrantedScopes<S> for Arc<T> {
    fn granted_scopes(&self) -> S {
        (**self).granted_scopes()
    }
}

/// `None` grants nothing: a missing token is denied.
impl<S: ScopeBits, T: GrantedScopes<S>> GrantedScopes<S> for Option<T> {
    fn granted_scopes(&self) -> S {
        match self {
            Some(t) => t.granted_scopes(),
            None => S::empty(),
        }
    }
}

/// `Err` grants nothing: a token that failed verification is denied.
impl<S: ScopeBits, T: GrantedScopes<S>, E> GrantedScopes<S> for Result<T, E> {
    fn granted_scopes(&self) -> S {
        match self {
            Ok(t) => t.granted_scopes(),
            Err(_) => S::empty(),
        }
    }
}
