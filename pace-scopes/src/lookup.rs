//! The scope-string look-up table that generated code carries.
//!
//! `build-spec` lays out an open-addressing hash table at build time (`build_spec`'s
//! `lookup` module computes the same [`hash`]); at run time a look-up is a length filter, one
//! hash of the token, and usually one slot and one string comparison, whatever the number of
//! scopes. A plain `match` on strings compares against candidates one after another; this
//! does not grow with the spec.

/// The multiplier of [`hash`] (the 64-bit golden ratio, odd).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// One 8-byte word (little-endian; a last partial word zero-padded) into the hash state.
#[inline(always)]
pub(crate) fn mix(h: u64, word: u64) -> u64 {
    (h ^ word).wrapping_mul(K).rotate_left(31)
}

/// The final avalanche; the length comes last so that a scan can hash a token's words before
/// it knows where the token ends (see `claim::for_each_index`).
#[inline(always)]
pub(crate) fn finish(h: u64, len: usize) -> u64 {
    let h = h ^ (len as u64).wrapping_mul(K);
    let h = (h ^ (h >> 29)).wrapping_mul(K);
    h ^ (h >> 32)
}

/// The table hash: 8 bytes at a time, little-endian, multiply-rotate mixing, then the length.
///
/// `build-spec` computes the same function when it lays out the table; the two are kept
/// identical by a shared test vector (see the tests here and in `build-spec`).
#[inline]
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    finish(h, bytes.len())
}

/// A generated look-up table from scope string to variant index.
#[derive(Debug)]
pub struct Lookup {
    /// The hash seed chosen at build time.
    pub seed: u64,
    /// Bit `n` is set when some scope has `n` bytes (bit 63: 63 bytes or more).
    pub lengths: u64,
    /// Power-of-two slot array: 0 is empty, otherwise `fingerprint << 16 | (index + 1)`.
    pub slots: &'static [u32],
    /// The scope strings, by variant index.
    pub keys: &'static [&'static str],
}

impl Lookup {
    /// The variant index of `token`, if it is exactly one of the keys.
    #[inline]
    pub fn find(&self, token: &str) -> Option<usize> {
        let token = token.as_bytes();
        if !self.has_length(token.len()) {
            return None;
        }
        self.find_hashed(token, hash(token, self.seed))
    }

    /// Whether some key has `len` bytes (all lengths from 63 on share one bit).
    #[inline(always)]
    pub(crate) fn has_length(&self, len: usize) -> bool {
        self.lengths & (1u64 << len.min(63)) != 0
    }

    /// [`find`](Self::find) of a token whose [`hash`] is `h`.
    #[inline(always)]
    pub(crate) fn find_hashed(&self, token: &[u8], h: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let fingerprint = (h >> 48) as u32;
        let mut slot = (h as usize) & mask;
        // The table is at most half full, so an empty slot always ends the probe.
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            if entry >> 16 == fingerprint {
                let index = (entry & 0xFFFF) as usize - 1;
                if self
                    .keys
                    .get(index)
                    .is_some_and(|k| same_bytes(k.as_bytes(), token))
                {
                    return Some(index);
                }
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// `a == b`, 8 bytes at a time and inline: scope strings are short, and the call to `bcmp`
/// that `==` on slices makes cost as much as the rest of a look-up.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let len = a.len();
    if len < 8 {
        return a == b;
    }
    let mut at = 0;
    while at + 8 <= len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last 8 bytes, overlapping what was compared: covers a partial tail.
    at == len || word(a, len - 8) == word(b, len - 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_is_slice_equality() {
        let samples: Vec<Vec<u8>> = (0..40)
            .flat_map(|n| {
                let base: Vec<u8> = (0..n as u8).map(|i| b'a' + i % 26).collect();
                let mut variants = vec![base.clone()];
                for i in 0..n {
                    let mut v = base.clone();
                    v[i] ^= 1;
                    variants.push(v);
                }
                variants
            })
            .collect();
        for a in &samples {
            for b in &samples {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// The same vector is asserted in `build-spec/src/lookup.rs`.
    #[test]
    fn hash_test_vector() {
        assert_eq!(hash(b"", 0), 0);
        assert_eq!(hash(b"user:users:read", 7), 0x02dc_46a4_d13b_0e1f);
        assert_eq!(hash(b"openid", 1), hash(b"openid", 1));
        assert_ne!(hash(b"openid", 1), hash(b"openid", 2));
    }
}
