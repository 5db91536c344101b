//! Lays out the scope look-up table that `pace_scopes::__private::Lookup` reads.
//!
//! Open addressing with linear probing, at most half full, so a look-up of an unknown token
//! ends at an empty slot after about one probe. Each slot holds a 16-bit fingerprint of the
//! hash beside the index, so most probes never compare strings. Of a few seeds, the one with
//! the shortest probes is kept; all are deterministic, so regeneration is stable.

/// Must stay identical to `pace_scopes::lookup::hash` (both assert the same test vector):
/// 8-byte little-endian words (the last zero-padded) mixed in order, then the length.
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(31);
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
    h ^= (bytes.len() as u64).wrapping_mul(K);
    h = (h ^ (h >> 29)).wrapping_mul(K);
    h ^ (h >> 32)
}

/// A laid-out table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) seed: u64,
    pub(crate) lengths: u64,
    pub(crate) slots: Vec<u32>,
}

/// How many seeds are tried.
const SEEDS: u64 = 16;

/// Lays out `keys` (distinct; at most `MAX_SCOPES`).
pub(crate) fn build(keys: &[&str]) -> Table {
    let size = (keys.len() * 2).next_power_of_two().max(4);
    let lengths = keys.iter().fold(0u64, |m, k| m | 1u64 << k.len().min(63));
    let mut best: Option<(usize, Table)> = None;
    for seed in 0..SEEDS {
        let mut slots = vec![0u32; size];
        let mut cost = 0;
        for (index, key) in keys.iter().enumerate() {
            let h = hash(key.as_bytes(), seed);
            let fingerprint = (h >> 48) as u32;
            let mut slot = (h as usize) & (size - 1);
            while slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
                cost += 1;
            }
            // `index + 1` fits in 16 bits: MAX_SCOPES is below 65535.
            slots[slot] = fingerprint << 16 | (index as u32 + 1);
        }
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((
                cost,
                Table {
                    seed,
                    lengths,
                    slots,
                },
            ));
        }
        if cost == 0 {
            break;
        }
    }
    best.map(|(_, t)| t).unwrap_or(Table {
        seed: 0,
        lengths,
        slots: vec![0; size],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same vector is asserted in `pace-scopes/src/lookup.rs`.
    #[test]
    fn hash_test_vector() {
        assert_eq!(hash(b"", 0), 0);
        assert_eq!(hash(b"user:users:read", 7), 0x02dc_46a4_d13b_0e1f);
    }

    fn find(t: &Table, keys: &[&str], token: &str) -> Option<usize> {
        if t.lengths & (1u64 << token.len().min(63)) == 0 {
            return None;
        }
        let h = hash(token.as_bytes(), t.seed);
        let mask = t.slots.len() - 1;
        let mut slot = (h as usize) & mask;
        loop {
            let e = t.slots[slot];
            if e == 0 {
                return None;
            }
            let i = (e & 0xFFFF) as usize - 1;
            if e >> 16 == (h >> 48) as u32 && keys[i] == token {
                return Some(i);
            }
            slot = (slot + 1) & mask;
        }
    }

    #[test]
    fn every_key_is_found_and_nothing_else() {
        let owned: Vec<String> = (0..5000).map(|i| format!("api:resource{i}:read")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let t = build(&keys);
        assert!(t.slots.len() >= 2 * keys.len());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(find(&t, &keys, k), Some(i));
        }
        assert_eq!(find(&t, &keys, "api:resource5000:read"), None);
        assert_eq!(find(&t, &keys, "openid"), None);
        assert_eq!(find(&t, &keys, ""), None);
    }
}
