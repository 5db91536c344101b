//! Const bit operations on `[u64; W]`, shared by every generated `ScopeSet`.
//!
//! A generated set is a thin wrapper around one of these arrays; keeping the loops here means
//! the logic is written and tested once, whatever the spec.

/// The number of `u64` words that hold `count` bits (at least one, so an empty spec still has
/// a valid set type).
pub const fn words_for(count: usize) -> usize {
    if count == 0 { 1 } else { count.div_ceil(64) }
}

/// The set of the first `count` bits.
pub const fn first_n<const W: usize>(count: usize) -> [u64; W] {
    let mut out = [0u64; W];
    let mut i = 0;
    while i < W {
        let lo = i * 64;
        out[i] = if count >= lo + 64 {
            u64::MAX
        } else if count > lo {
            (1u64 << (count - lo)) - 1
        } else {
            0
        };
        i += 1;
    }
    out
}

/// Whether bit `index` is set.
#[inline]
pub const fn contains<const W: usize>(bits: &[u64; W], index: usize) -> bool {
    bits[index / 64] & (1u64 << (index % 64)) != 0
}

/// Sets bit `index`; returns whether it was newly set.
#[inline]
pub const fn insert<const W: usize>(bits: &mut [u64; W], index: usize) -> bool {
    let mask = 1u64 << (index % 64);
    let was = bits[index / 64] & mask != 0;
    bits[index / 64] |= mask;
    !was
}

/// Clears bit `index`; returns whether it was set.
#[inline]
pub const fn remove<const W: usize>(bits: &mut [u64; W], index: usize) -> bool {
    let mask = 1u64 << (index % 64);
    let was = bits[index / 64] & mask != 0;
    bits[index / 64] &= !mask;
    was
}

/// `a | b`.
#[inline]
pub const fn union<const W: usize>(a: [u64; W], b: [u64; W]) -> [u64; W] {
    let mut out = a;
    let mut i = 0;
    while i < W {
        out[i] |= b[i];
        i += 1;
    }
    out
}

/// `a & b`.
#[inline]
pub const fn intersection<const W: usize>(a: [u64; W], b: [u64; W]) -> [u64; W] {
    let mut out = a;
    let mut i = 0;
    while i < W {
        out[i] &= b[i];
        i += 1;
    }
    out
}

/// `a & !b`.
#[inline]
pub const fn difference<const W: usize>(a: [u64; W], b: [u64; W]) -> [u64; W] {
    let mut out = a;
    let mut i = 0;
    while i < W {
        out[i] &= !b[i];
        i += 1;
    }
    out
}

/// Whether every bit of `b` is set in `a`.
#[inline]
pub const fn contains_all<const W: usize>(a: &[u64; W], b: &[u64; W]) -> bool {
    let mut i = 0;
    while i < W {
        if a[i] & b[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `a` and `b` share a bit.
#[inline]
pub const fn contains_any<const W: usize>(a: &[u64; W], b: &[u64; W]) -> bool {
    let mut i = 0;
    while i < W {
        if a[i] & b[i] != 0 {
            return true;
        }
        i += 1;
    }
    false
}

/// The number of set bits.
#[inline]
pub const fn len<const W: usize>(bits: &[u64; W]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < W {
        n += bits[i].count_ones() as usize;
        i += 1;
    }
    n
}

/// Whether no bit is set.
#[inline]
pub const fn is_empty<const W: usize>(bits: &[u64; W]) -> bool {
    let mut i = 0;
    while i < W {
        if bits[i] != 0 {
            return false;
        }
        i += 1;
    }
    true
}

/// The set of the given indices.
pub const fn from_indices<const W: usize>(indices: &[usize]) -> [u64; W] {
    let mut out = [0u64; W];
    let mut i = 0;
    while i < indices.len() {
        insert(&mut out, indices[i]);
        i += 1;
    }
    out
}

/// Iterates the set bits of an array in increasing order.
#[derive(Clone, Debug)]
pub struct Indices<const W: usize> {
    bits: [u64; W],
    word: usize,
}

impl<const W: usize> Indices<W> {
    /// Iterates `bits`.
    pub const fn new(bits: [u64; W]) -> Self {
        Indices { bits, word: 0 }
    }
}

impl<const W: usize> Iterator for Indices<W> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.word < W {
            let w = self.bits[self.word];
            if w != 0 {
                let bit = w.trailing_zeros() as usize;
                self.bits[self.word] = w & (w - 1);
                return Some(self.word * 64 + bit);
            }
            self.word += 1;
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = len(&self.bits);
        (n, Some(n))
    }
}

impl<const W: usize> ExactSizeIterator for Indices<W> {}
impl<const W: usize> core::iter::FusedIterator for Indices<W> {}

impl<const W: usize> DoubleEndedIterator for Indices<W> {
    fn next_back(&mut self) -> Option<usize> {
        let mut w = W;
        while w > self.word {
            w -= 1;
            let bits = self.bits[w];
            if bits != 0 {
                let bit = 63 - bits.leading_zeros() as usize;
                self.bits[w] &= !(1u64 << bit);
                return Some(w * 64 + bit);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_n_sets_exactly_n_bits() {
        for n in [0usize, 1, 63, 64, 65, 127, 128, 130] {
            let b: [u64; 3] = first_n(n);
            assert_eq!(len(&b), n, "n = {n}");
            assert_eq!(
                Indices::new(b).collect::<Vec<_>>(),
                (0..n).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn set_algebra_across_words() {
        let a: [u64; 2] = from_indices(&[0, 63, 64, 100]);
        let b: [u64; 2] = from_indices(&[63, 64, 127]);
        assert_eq!(
            Indices::new(union(a, b)).collect::<Vec<_>>(),
            [0, 63, 64, 100, 127]
        );
        assert_eq!(
            Indices::new(intersection(a, b)).collect::<Vec<_>>(),
            [63, 64]
        );
        assert_eq!(Indices::new(difference(a, b)).collect::<Vec<_>>(), [0, 100]);
        assert!(contains_all(&a, &intersection(a, b)));
        assert!(!contains_all(&a, &b));
        assert!(contains_any(&a, &b));
        assert!(!contains_any(&a, &difference(b, a)) || contains_any(&a, &b));
        assert!(!contains_any(
            &from_indices::<2>(&[1]),
            &from_indices::<2>(&[2])
        ));
        assert_eq!(Indices::new(a).rev().collect::<Vec<_>>(), [100, 64, 63, 0]);
    }

    #[test]
    fn insert_and_remove_report_change() {
        let mut b = [0u64; 1];
        assert!(insert(&mut b, 5));
        assert!(!insert(&mut b, 5));
        assert!(contains(&b, 5));
        assert!(remove(&mut b, 5));
        assert!(!remove(&mut b, 5));
        assert!(is_empty(&b));
    }

    #[test]
    fn words_for_counts() {
        assert_eq!(words_for(0), 1);
        assert_eq!(words_for(21), 1);
        assert_eq!(words_for(64), 1);
        assert_eq!(words_for(65), 2);
        assert_eq!(words_for(5000), 79);
    }
}
