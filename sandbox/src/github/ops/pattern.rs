//! Deployment branch policy patterns, matched as GitHub matches them (Ruby's `File.fnmatch`
//! with `FNM_PATHNAME`): `*` stands for any run of characters but `/`, `**` for any run at
//! all, and everything else for itself.

pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix("**") {
        Some(rest) => (0..=name.len())
            .filter(|&i| name.is_char_boundary(i))
            .any(|i| matches(rest, &name[i..])),
        None => match pattern.strip_prefix('*') {
            Some(rest) => {
                let segment = name.find('/').unwrap_or(name.len());
                (0..=segment)
                    .filter(|&i| name.is_char_boundary(i))
                    .any(|i| matches(rest, &name[i..]))
            }
            None => match (pattern.chars().next(), name.chars().next()) {
                (None, None) => true,
                (Some(p), Some(n)) if p == n => {
                    matches(&pattern[p.len_utf8()..], &name[n.len_utf8()..])
                }
                _ => false,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn a_star_stays_within_one_path_segment() {
        assert!(matches("main", "main"));
        assert!(!matches("main", "mainline"));
        assert!(matches("release/*", "release/2.14"));
        assert!(!matches("release/*", "release/2.14/hotfix"));
        assert!(!matches("release/*", "feat/release"));
        assert!(matches("release/**", "release/2.14/hotfix"));
        assert!(matches("*-stable", "2.14-stable"));
        assert!(matches("rc/*/ü", "rc/x/ü"));
    }
}
