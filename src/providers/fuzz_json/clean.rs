//! What the fuzz tests require of text that came from a server once it is mapped.

use crate::domain::{Issue, Person};
use serde_json::Value;

/// Server text as the mappers must leave it: no control character (but newlines where
/// `newlines`) and no bidi override.
pub fn assert_clean(text: &str, newlines: bool) {
    for c in text.chars() {
        let bad = (c.is_control() && !(newlines && c == '\n'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{c:?} in {text:?}");
    }
}

/// Every string of a mapped value (serialised), keys included, is clean.
pub fn assert_clean_json(value: &Value) {
    match value {
        Value::String(s) => assert_clean(s, false),
        Value::Array(items) => items.iter().for_each(assert_clean_json),
        Value::Object(fields) => {
            for (k, v) in fields {
                assert_clean(k, false);
                assert_clean_json(v);
            }
        }
        _ => {}
    }
}

/// A card as the board shows it: every text clean, the description keeping its newlines.
pub fn assert_clean_issue(issue: &Issue) {
    for text in [
        &issue.key.0,
        &issue.summary,
        &issue.status.0,
        &issue.status_name,
        &issue.url,
    ] {
        assert_clean(text, false);
    }
    issue.labels.iter().for_each(|l| assert_clean(l, false));
    issue.sprint.iter().for_each(|s| assert_clean(s, false));
    issue.assignee.iter().for_each(assert_clean_person);
    assert_clean(&issue.description, true);
}

pub fn assert_clean_person(person: &Person) {
    assert_clean(&person.id, false);
    assert_clean(&person.display_name, false);
}
