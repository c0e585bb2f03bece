use chrono::{DateTime, Utc};
use serde::Serialize;
use std::fmt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A tracker's key for a card: `PAY-123` for Jira.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct IssueKey(pub String);

impl fmt::Display for IssueKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A workflow status id; board columns map to sets of these.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct StatusId(pub String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Cloud `accountId`, Data Center `name`.
    pub id: String,
    pub display_name: String,
}

impl Person {
    /// "Ana Kowalski" -> "AK"; one word -> its first two letters; "王芳" -> "王" (one wide
    /// character already fills the two cells initials get).
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self.display_name.split_whitespace().collect();
        let picked: String = match words.as_slice() {
            [] => String::from("?"),
            [one] => one.chars().take(2).collect(),
            [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
        };
        let mut out = String::new();
        for c in picked.to_uppercase().chars() {
            if out.width() + c.width().unwrap_or(0) > 2 {
                break;
            }
            out.push(c);
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub key: IssueKey,
    pub summary: String,
    pub status: StatusId,
    pub status_name: String,
    pub assignee: Option<Person>,
    pub points: Option<f64>,
    pub labels: Vec<String>,
    /// Already rendered to plain text (from ADF or wiki text).
    pub description: String,
    pub sprint: Option<String>,
    pub url: String,
    /// When the card entered its current status category, where the tracker says.
    pub status_since: Option<DateTime<Utc>>,
}

impl Issue {
    /// True when `needle` (already lower-case) occurs in key, summary or assignee.
    pub fn matches(&self, needle: &str) -> bool {
        if needle.is_empty() {
            return true;
        }
        let hit = |s: &str| s.to_lowercase().contains(needle);
        hit(&self.key.0)
            || hit(&self.summary)
            || self.assignee.as_ref().is_some_and(|p| hit(&p.display_name))
    }
}

#[cfg(test)]
mod tests {
    use super::Person;

    fn initials(name: &str) -> String {
        Person {
            id: String::new(),
            display_name: name.into(),
        }
        .initials()
    }

    #[test]
    fn initials_fit_two_cells() {
        assert_eq!(initials("Ana Kowalski"), "AK");
        assert_eq!(initials("Zoë Ødegaard"), "ZØ");
        assert_eq!(initials("王芳"), "王");
        assert_eq!(initials("王 芳"), "王");
        assert_eq!(initials("cher"), "CH");
        assert_eq!(initials("  "), "?");
    }
}
