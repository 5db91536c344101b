//! What a guard requires, and the error it returns when a request lacks it.

use core::fmt;
use core::future::Future;
use core::pin::Pin;

use crate::{ScopeBits, ScopeSet};

/// Whether a [`Requirement`] needs all or any of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Combinator {
    /// Every part must hold.
    All,
    /// At least one part must hold.
    Any,
}

/// A scope requirement: scopes and nested requirements combined with `all` or `any`.
///
/// `#[requires_scope]` writes one as a constant expression of enum variants and scope
/// variants, which the compiler promotes to a `'static` value inside the handler: no item,
/// no const evaluation and no run-time construction per guard. Once inlined into an optimized
/// handler the check folds to a bit-mask test of the granted set.
///
/// ```
/// use pace_scopes::{Requirement, Scope, ScopeSet};
///
/// // all("user:gdpr:read", any("user:users:read", "user:users:write"))
/// static TAKEOUT: Requirement = Requirement::All(
///     &[Scope::UserGdprRead],
///     &[Requirement::Any(&[Scope::UserUsersRead, Scope::UserUsersWrite], &[])],
/// );
///
/// let granted = ScopeSet::from_claim("user:gdpr:read user:users:write");
/// assert!(TAKEOUT.is_satisfied_by(&granted));
/// let err = TAKEOUT.check(ScopeSet::from_claim("user:users:write")).unwrap_err();
/// assert_eq!(err.missing(), ScopeSet::from_scopes(&[Scope::UserGdprRead]));
/// assert_eq!(
///     TAKEOUT.to_string(),
///     "user:gdpr:read and (user:users:read or user:users:write)"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement<S: ScopeBits = ScopeSet> {
    /// Every listed scope and every nested requirement.
    All(&'static [S::Scope], &'static [Requirement<S>]),
    /// At least one listed scope or one nested requirement.
    Any(&'static [S::Scope], &'static [Requirement<S>]),
}

impl<S: ScopeBits> Requirement<S> {
    /// `all` or `any`.
    ///
    /// ```
    /// use pace_scopes::{Combinator, Requirement, Scope};
    ///
    /// let r: Requirement = Requirement::Any(&[Scope::UserUsersRead], &[]);
    /// assert_eq!(r.combinator(), Combinator::Any);
    /// ```
    pub const fn combinator(&self) -> Combinator {
        match self {
            Requirement::All(..) => Combinator::All,
            Requirement::Any(..) => Combinator::Any,
        }
    }

    /// The scopes named directly at this level, as written.
    ///
    /// ```
    /// use pace_scopes::{Requirement, Scope, ScopeSet};
    ///
    /// let r: Requirement = Requirement::All(
    ///     &[Scope::UserUsersWrite, Scope::UserUsersRead],
    ///     &[Requirement::Any(&[Scope::UserGdprRead], &[])],
    /// );
    /// assert_eq!(r.listed(), &[Scope::UserUsersWrite, Scope::UserUsersRead]);
    /// assert_eq!(r.direct_scopes(), Scope::UserUsersRead | Scope::UserUsersWrite);
    /// assert_eq!(r.nested().len(), 1);
    /// assert_eq!(r.scopes().len(), 3);
    /// assert!(r.is_satisfied_by(&ScopeSet::all()));
    /// assert_eq!(r.missing(&ScopeSet::empty()).len(), 3);
    /// ```
    pub const fn listed(&self) -> &'static [S::Scope] {
        match self {
            Requirement::All(scopes, _) | Requirement::Any(scopes, _) => scopes,
        }
    }

    /// The scopes named directly at this level, as a set.
    pub fn direct_scopes(&self) -> S {
        let mut set = S::empty();
        for &scope in self.listed() {
            set.insert(scope);
        }
        set
    }

    /// The nested requirements.
    pub const fn nested(&self) -> &'static [Requirement<S>] {
        match self {
            Requirement::All(_, nested) | Requirement::Any(_, nested) => nested,
        }
    }

    /// Every scope named anywhere in the requirement.
    pub fn scopes(&self) -> S {
        self.nested()
            .iter()
            .fold(self.direct_scopes(), |acc, r| acc.union(&r.scopes()))
    }

    /// Whether `granted` meets the requirement.
    #[inline]
    pub fn is_satisfied_by(&self, granted: &S) -> bool {
        match *self {
            Requirement::All(scopes, nested) => {
                scopes.iter().all(|&s| granted.contains(s))
                    && nested.iter().all(|r| r.is_satisfied_by(granted))
            }
            Requirement::Any(scopes, nested) => {
                scopes.iter().any(|&s| granted.contains(s))
                    || nested.iter().any(|r| r.is_satisfied_by(granted))
            }
        }
    }

    /// The scopes that, added to `granted`, would meet the requirement: for `all`, what each
    /// failing part lacks; for a failing `any`, every alternative it offers.
    pub fn missing(&self, granted: &S) -> S {
        if self.is_satisfied_by(granted) {
            return S::empty();
        }
        match self {
            Requirement::All(_, nested) => nested
                .iter()
                .fold(self.direct_scopes().difference(granted), |acc, r| {
                    acc.union(&r.missing(granted))
                }),
            Requirement::Any(..) => self.scopes(),
        }
    }

    /// `Ok` when `granted` meets the requirement, otherwise the denial.
    #[inline]
    pub fn check(&self, granted: S) -> Result<(), MissingScopes<S>> {
        if self.is_satisfied_by(&granted) {
            Ok(())
        } else {
            Err(MissingScopes::denied(*self, granted))
        }
    }

    fn fmt_nested(&self, f: &mut fmt::Formatter<'_>, outer: bool) -> fmt::Result {
        let sep = match self.combinator() {
            Combinator::All => " and ",
            Combinator::Any => " or ",
        };
        let direct = self.direct_scopes();
        let parts = direct.len() + self.nested().len();
        let paren = outer && parts > 1;
        if paren {
            f.write_str("(")?;
        }
        let mut first = true;
        // Spec order, whatever order the scopes were written in.
        for scope in direct.scopes() {
            if !first {
                f.write_str(sep)?;
            }
            first = false;
            fmt::Display::fmt(&scope, f)?;
        }
        // A level of one part groups nothing: its part is written as the level would be, so
        // `all(all(a, any(b, c)))` reads `a and (b or c)`, not `(a and (b or c))`.
        let nested_outer = if parts == 1 { outer } else { true };
        for r in self.nested() {
            if !first {
                f.write_str(sep)?;
            }
            first = false;
            r.fmt_nested(f, nested_outer)?;
        }
        if paren {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Writes the requirement with `and`/`or` and parentheses:
/// `user:gdpr:read and (user:users:read or user:users:write)`.
impl<S: ScopeBits> fmt::Display for Requirement<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_nested(f, false)
    }
}

/// A guard's denial: the request lacked scopes the handler requires.
///
/// A guarded handler returns `Err(From::from(missing))`, so its error type only needs
/// `From<MissingScopes>`. It says which requirement failed, what was granted and what is
/// missing; with the `axum` feature it answers 403 as RFC 6750 §3.1 says.
///
/// ```
/// use pace_scopes::{requires_scope, MissingScopes, Scope, ScopeSet};
///
/// #[requires_scope("user:users:read", "user:users:write")]
/// fn update(granted: ScopeSet) -> Result<(), MissingScopes> {
///     Ok(())
/// }
///
/// let err = update(ScopeSet::from_claim("user:users:read")).unwrap_err();
/// assert_eq!(err.missing(), ScopeSet::from_scopes(&[Scope::UserUsersWrite]));
/// assert_eq!(err.granted(), ScopeSet::from_scopes(&[Scope::UserUsersRead]));
/// assert_eq!(err.required().len(), 2);
/// assert_eq!(
///     err.to_string(),
///     "missing scope user:users:write (requires user:users:read and user:users:write)"
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MissingScopes<S: ScopeBits = ScopeSet> {
    requirement: Requirement<S>,
    granted: S,
}

impl<S: ScopeBits> MissingScopes<S> {
    /// The denial of `granted` by `requirement`, or `None` when `granted` meets it.
    pub fn new(requirement: &Requirement<S>, granted: S) -> Option<Self> {
        requirement.check(granted).err()
    }

    /// The denial of `granted` by `requirement`, known to fail it (the guard's cold path).
    #[cold]
    pub(crate) fn denied(requirement: Requirement<S>, granted: S) -> Self {
        MissingScopes {
            requirement,
            granted,
        }
    }

    /// The scopes that would have met the requirement (see [`Requirement::missing`]).
    pub fn missing(&self) -> S {
        self.requirement.missing(&self.granted)
    }

    /// What the request was granted.
    pub fn granted(&self) -> S {
        self.granted
    }

    /// Every scope the requirement names.
    pub fn required(&self) -> S {
        self.requirement.scopes()
    }

    /// The requirement that failed.
    pub fn requirement(&self) -> &Requirement<S> {
        &self.requirement
    }
}

impl<S: ScopeBits> fmt::Display for MissingScopes<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let missing = self.missing();
        let noun = if missing.len() == 1 {
            "scope"
        } else {
            "scopes"
        };
        write!(
            f,
            "missing {noun} {missing} (requires {})",
            self.requirement
        )
    }
}

impl<S: ScopeBits> fmt::Debug for MissingScopes<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MissingScopes")
            .field("requirement", &format_args!("{}", self.requirement))
            .field("granted", &self.granted)
            .field("missing", &self.missing())
            .finish()
    }
}

impl<S: ScopeBits> std::error::Error for MissingScopes<S> {}

/// What a guarded handler returns when the guard denies the request.
///
/// Implemented for `Result<T, E>` where `E: From<MissingScopes<S>>`, for the boxed futures
/// that `#[async_trait]`-style macros return (the denial is checked before the future is
/// created), and with the `axum` feature for `axum::response::Response`. For other return
/// types, say what to return: `#[requires_scope("...", on_deny = |missing| ...)]`.
///
/// ```
/// use pace_scopes::{Deny, MissingScopes, Requirement, Scope, ScopeSet};
///
/// #[derive(Debug)]
/// struct Forbidden;
/// impl From<MissingScopes> for Forbidden {
///     fn from(_: MissingScopes) -> Self {
///         Forbidden
///     }
/// }
///
/// static NEEDS_NOTHING_BUT_ANY: Requirement = Requirement::Any(&Scope::ALL, &[]);
/// let missing = NEEDS_NOTHING_BUT_ANY.check(ScopeSet::empty()).unwrap_err();
/// let answer: Result<(), Forbidden> = Deny::deny(missing);
/// assert!(answer.is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "a guarded handler that returns `{Self}` has no way to report a denial",
    label = "the guard returns from here when scopes are missing",
    note = "return `Result<_, E>` where `E: From<pace_scopes::MissingScopes>`, or say what a denied call returns: `#[requires_scope(..., on_deny = |missing| ...)]`"
)]
pub trait Deny<S: ScopeBits = ScopeSet> {
    /// The value the handler returns for this denial.
    fn deny(missing: MissingScopes<S>) -> Self;
}

impl<T, E, S: ScopeBits> Deny<S> for Result<T, E>
where
    E: From<MissingScopes<S>>,
{
    #[inline]
    fn deny(missing: MissingScopes<S>) -> Self {
        Err(E::from(missing))
    }
}

impl<'a, R, S> Deny<S> for Pin<Box<dyn Future<Output = R> + Send + 'a>>
where
    R: Deny<S> + Send + 'a,
    S: ScopeBits,
{
    fn deny(missing: MissingScopes<S>) -> Self {
        Box::pin(async move { R::deny(missing) })
    }
}

impl<'a, R, S> Deny<S> for Pin<Box<dyn Future<Output = R> + 'a>>
where
    R: Deny<S> + 'a,
    S: ScopeBits,
{
    fn deny(missing: MissingScopes<S>) -> Self {
        Box::pin(async move { R::deny(missing) })
    }
}
