//! Deterministic hex for shas, digests, ids and ETags: FNV-1a of the input, stretched with
//! splitmix64.

pub fn digest(input: impl AsRef<[u8]>, len: usize) -> String {
    let input = input.as_ref();
    let mut state = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out.push_str(&format!("{:016x}", z ^ (z >> 31)));
    }
    out.truncate(len);
    out
}

/// A 40-character commit sha named by `seed`.
pub fn sha(seed: &str) -> String {
    digest(seed, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_stable_and_sized() {
        assert_eq!(sha("a"), sha("a"));
        assert_ne!(sha("a"), sha("b"));
        assert_eq!(digest(b"x", 7).len(), 7);
        assert_eq!(digest("x", 64).len(), 64);
        assert!(sha("a").bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
