//! The iterator of every generated scope set.

use core::iter::FusedIterator;
use core::marker::PhantomData;

use crate::ScopeEnum;
use crate::bits::Indices;

/// The scopes of a set, by value, in spec order. `W` is the set's width in 64-bit words.
///
/// ```
/// use pace_scopes::{Scope, ScopeSet};
///
/// let set = ScopeSet::from_scopes(&[Scope::UserUsersWrite, Scope::UserUsersRead]);
/// let mut it = set.iter();
/// assert_eq!(it.len(), 2);
/// assert_eq!(it.next(), Some(Scope::UserUsersRead));
/// assert_eq!(it.next_back(), Some(Scope::UserUsersWrite));
/// assert_eq!(it.next(), None);
/// ```
#[derive(Clone, Debug)]
pub struct ScopeIter<S, const W: usize> {
    indices: Indices<W>,
    scope: PhantomData<S>,
}

impl<S: ScopeEnum, const W: usize> ScopeIter<S, W> {
    /// Iterates the scopes whose bits are set in `bits` (generated sets call this).
    pub const fn new(bits: [u64; W]) -> Self {
        ScopeIter {
            indices: Indices::new(bits),
            scope: PhantomData,
        }
    }
}

impl<S: ScopeEnum, const W: usize> Iterator for ScopeIter<S, W> {
    type Item = S;

    #[inline]
    fn next(&mut self) -> Option<S> {
        self.indices.next().map(|i| S::ALL[i])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indices.size_hint()
    }
}

impl<S: ScopeEnum, const W: usize> DoubleEndedIterator for ScopeIter<S, W> {
    fn next_back(&mut self) -> Option<S> {
        self.indices.next_back().map(|i| S::ALL[i])
    }
}

impl<S: ScopeEnum, const W: usize> ExactSizeIterator for ScopeIter<S, W> {}
impl<S: ScopeEnum, const W: usize> FusedIterator for ScopeIter<S, W> {}
