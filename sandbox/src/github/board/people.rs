//! The demo team as GitHub accounts: the same six people as the Jira side (`sandbox::people`),
//! with a login and GitHub's numeric and node ids (the same ids as the Actions side's).

use crate::people::{self, Person};

#[derive(Debug, PartialEq, Eq)]
pub struct Account {
    pub login: &'static str,
    pub id: u64,
    pub node_id: &'static str,
    /// The person behind the account, whose display name is the account's `name`.
    handle: &'static str,
}

pub const ACCOUNTS: [Account; 6] = [
    Account {
        login: "ana-k",
        id: 5_480_101,
        node_id: "U_kgDOAFEHIQ",
        handle: "ana",
    },
    Account {
        login: "zoe-o",
        id: 5_480_102,
        node_id: "U_kgDOAFEHtA",
        handle: "zoe",
    },
    Account {
        login: "wang-fang",
        id: 5_480_103,
        node_id: "U_kgDOAFEKWw",
        handle: "fang",
    },
    Account {
        login: "marcus-b",
        id: 5_480_104,
        node_id: "U_kgDOAFEM1g",
        handle: "marcus",
    },
    Account {
        login: "priya-r",
        id: 5_480_105,
        node_id: "U_kgDOAFEO2w",
        handle: "priya",
    },
    Account {
        login: "diego-a",
        id: 5_480_106,
        node_id: "U_kgDOAFERVg",
        handle: "diego",
    },
];

/// The user every token belongs to (`GET /user`, `viewer`).
pub const VIEWER: &Account = &ACCOUNTS[0];

impl Account {
    pub fn name(&self) -> &'static str {
        self.person().map_or(self.login, |p| p.display_name)
    }

    pub fn email(&self) -> Option<&'static str> {
        self.person().map(|p| p.email)
    }

    fn person(&self) -> Option<&'static Person> {
        people::by_handle(self.handle)
    }
}

/// GitHub logins are case-insensitive.
pub fn by_login(login: &str) -> Option<&'static Account> {
    ACCOUNTS
        .iter()
        .find(|a| a.login.eq_ignore_ascii_case(login))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_account_is_a_person_of_the_demo_team() {
        for account in &ACCOUNTS {
            assert!(account.person().is_some(), "{}", account.login);
        }
        assert_eq!(by_login("Wang-Fang").map(Account::name), Some("王芳"));
        assert_eq!(VIEWER.name(), "Ana Kowalski");
    }
}
