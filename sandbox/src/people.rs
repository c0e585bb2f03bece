//! The six members of the demo team. Each has both identities a Jira user can have: a Cloud
//! `accountId` and a Data Center username/key, so either API flavour can name them.

#[derive(Debug, PartialEq, Eq)]
pub struct Person {
    /// How the seed file refers to the person.
    pub handle: &'static str,
    pub account_id: &'static str,
    pub username: &'static str,
    pub user_key: &'static str,
    pub display_name: &'static str,
    pub email: &'static str,
    pub time_zone: &'static str,
}

pub const PEOPLE: [Person; 6] = [
    Person {
        handle: "ana",
        account_id: "712020:3f1c9a52-7d4e-4b8a-9e1f-2c6d8a0b5e71",
        username: "ana.kowalski",
        user_key: "JIRAUSER10100",
        display_name: "Ana Kowalski",
        email: "ana@platform.example",
        time_zone: "Europe/Warsaw",
    },
    Person {
        handle: "zoe",
        account_id: "712020:8b04d6e1-22c9-4f3a-b7de-5a91c03e6f28",
        username: "zoe.odegaard",
        user_key: "JIRAUSER10101",
        display_name: "Zoë Ødegaard",
        email: "zoe@platform.example",
        time_zone: "Europe/Oslo",
    },
    Person {
        handle: "fang",
        account_id: "712020:c5e7a190-6d3b-4e85-9a2f-7b18d4c6e093",
        username: "wang.fang",
        user_key: "JIRAUSER10102",
        display_name: "王芳",
        email: "fang@platform.example",
        time_zone: "Asia/Shanghai",
    },
    Person {
        handle: "marcus",
        account_id: "712020:1a9f3c7e-58b2-4d06-8e4a-f2c71b9d0a65",
        username: "marcus.bell",
        user_key: "JIRAUSER10103",
        display_name: "Marcus Bell",
        email: "marcus@platform.example",
        time_zone: "Europe/London",
    },
    Person {
        handle: "priya",
        account_id: "712020:e2b86d04-9c1f-4a7b-b35e-0d4f8a6c2e19",
        username: "priya.raman",
        user_key: "JIRAUSER10104",
        display_name: "Priya Raman",
        email: "priya@platform.example",
        time_zone: "Asia/Kolkata",
    },
    Person {
        handle: "diego",
        account_id: "712020:7d31f5a8-0e6c-4b92-a1d7-93c2e5b8f604",
        username: "diego.alvarez",
        user_key: "JIRAUSER10105",
        display_name: "Diego Alvarez",
        email: "diego@platform.example",
        time_zone: "America/Mexico_City",
    },
];

/// The user every token belongs to (`/myself`, `currentUser()`).
pub const MYSELF: &Person = &PEOPLE[0];

pub fn by_handle(handle: &str) -> Option<&'static Person> {
    PEOPLE.iter().find(|p| p.handle == handle)
}

/// Resolves a JQL user value the way Jira does: by accountId, username, user key, email or
/// display name.
pub fn lookup(value: &str) -> Option<&'static Person> {
    PEOPLE.iter().find(|p| {
        p.account_id == value
            || p.user_key == value
            || p.username.eq_ignore_ascii_case(value)
            || p.email.eq_ignore_ascii_case(value)
            || p.display_name.to_lowercase() == value.to_lowercase()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_identity_is_unique() {
        for (i, a) in PEOPLE.iter().enumerate() {
            for b in &PEOPLE[i + 1..] {
                assert_ne!(a.handle, b.handle);
                assert_ne!(a.account_id, b.account_id);
                assert_ne!(a.username, b.username);
                assert_ne!(a.user_key, b.user_key);
                assert_ne!(a.email, b.email);
            }
        }
    }

    #[test]
    fn lookup_accepts_every_identity() {
        let zoe = by_handle("zoe").expect("zoe");
        for id in [
            zoe.account_id,
            "ZOE.ODEGAARD",
            zoe.user_key,
            zoe.email,
            "zoë ødegaard",
        ] {
            assert_eq!(lookup(id), Some(zoe), "{id}");
        }
        assert_eq!(lookup("nobody"), None);
    }
}
