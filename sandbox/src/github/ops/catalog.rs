//! Who and what the GitHub sandbox knows: the team's GitHub accounts (the same people as the
//! Jira side), the two repositories with their commits, and the jobs each workflow runs.

use super::model::StepKind;
use crate::github::board::people::{self, ACCOUNTS, Account};

/// A GitHub account. The team's are the board side's accounts (`board::people`), so a login
/// has one id, node id and name across Issues, Projects, Actions and Deployments.
#[derive(Debug, PartialEq, Eq)]
pub struct User {
    pub login: &'static str,
    pub id: u64,
}

impl User {
    const fn of(account: &Account) -> User {
        User {
            login: account.login,
            id: account.id,
        }
    }

    fn account(&self) -> Option<&'static Account> {
        people::by_login(self.login)
    }

    pub fn name(&self) -> Option<&'static str> {
        self.account().map(Account::name)
    }

    /// The board side's node id for the team; none for accounts outside it (bots).
    pub fn node_id(&self) -> Option<&'static str> {
        self.account().map(|a| a.node_id)
    }

    /// GitHub names app accounts `name[bot]`.
    pub fn is_bot(&self) -> bool {
        self.login.ends_with("[bot]")
    }
}

pub const ANA: User = User::of(&ACCOUNTS[0]);
pub const ZOE: User = User::of(&ACCOUNTS[1]);
pub const FANG: User = User::of(&ACCOUNTS[2]);
pub const MARCUS: User = User::of(&ACCOUNTS[3]);
pub const PRIYA: User = User::of(&ACCOUNTS[4]);
pub const DIEGO: User = User::of(&ACCOUNTS[5]);
/// Who Actions writes deployment statuses as.
pub const ACTIONS_BOT: User = User {
    login: "github-actions[bot]",
    id: 41_898_282,
};
/// Who commits a pull request merged on the web.
pub const WEB_FLOW: User = User {
    login: "web-flow",
    id: 19_864_447,
};

/// The token's user (`/user`): every write is done as them.
pub const ME: &User = &ANA;

pub const OWNER: &str = "acme";
pub const OWNER_ID: u64 = 9_310_001;
/// The web side of the demo's GitHub Enterprise host (`html_url`, `log_url`).
pub const WEB: &str = "https://github.example";
pub const STOREFRONT_ID: u64 = 7001;
pub const SEARCH_ID: u64 = 7002;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stack {
    Node,
    Rust,
}

/// A commit on main: hours before the seed instant, author, message.
pub type CommitSpec = (f64, &'static User, &'static str);

#[rustfmt::skip]
pub const STOREFRONT_COMMITS: [CommitSpec; 12] = [
    (200.0, &ZOE, "images: serve product thumbnails through the CDN resizer (#193)"),
    (165.0, &MARCUS, "payments: retry capture once on a 502 from the PSP (#182)"),
    (135.0, &FANG, "cart: refresh the badge count after merging a guest cart (#190)"),
    (131.0, &PRIYA, "deps: bump next from 14.2.3 to 14.2.5 (#219)"),
    (104.0, &ZOE, "search box: debounce suggestions to 150 ms (#212)"),
    (84.0, &ANA, "orders: strip control bytes from the CSV export (#198)"),
    (64.0, &DIEGO, "ci: cache the Playwright browsers for the e2e suite (#196)"),
    (50.0, &PRIYA, "webhooks: rotate the Stripe signing secret without dropping events (#195)"),
    (42.0, &ZOE, "checkout: move the express checkout onto the one-page flow (#220)"),
    (39.0, &ZOE, "Revert \"checkout: move the express checkout onto the one-page flow (#220)\""),
    (22.0, &MARCUS, "payments: answer 202 with a polling URL when the PSP is slow (#182)"),
    (0.03, &ANA, "payments: show the 3-D Secure challenge in a modal (#182)"),
];

/// The storefront commit whose release breaks the smoke test.
pub const BAD_COMMIT: usize = 8;

#[rustfmt::skip]
pub const SEARCH_COMMITS: [CommitSpec; 12] = [
    (190.0, &FANG, "indexer: batch writes to the segment store (#41)"),
    (170.0, &PRIYA, "query: support prefix matches on SKU (#48)"),
    (150.0, &FANG, "query: tolerate one typo in brand names (#48)"),
    (125.0, &MARCUS, "api: answer 429 with Retry-After when the queue is full (#50)"),
    (100.0, &PRIYA, "ranking: boost in-stock products (#52)"),
    (85.0, &FANG, "indexer: skip products without a price (#59)"),
    (70.0, &DIEGO, "ci: run clippy with -D warnings (#63)"),
    (55.0, &FANG, "query: fix a panic on an empty facet list (#44)"),
    (40.0, &MARCUS, "api: add a /healthz readiness probe (#60)"),
    (28.0, &PRIYA, "ranking: tune BM25 k1 for short titles (#50)"),
    (14.0, &FANG, "autocomplete: drop deleted products from suggestions (#58)"),
    (0.02, &PRIYA, "query: a CJK tokenizer for product titles (#62)"),
];

/// A branch off main: name, the main commit it starts from, and its one commit (hours
/// before the seed instant, author, message).
pub type BranchSpec = (&'static str, usize, f64, &'static User, &'static str);

#[rustfmt::skip]
pub const STOREFRONT_BRANCHES: [BranchSpec; 4] = [
    ("feat/3ds-modal", 9, 26.5, &ANA,
        "payments: show the 3-D Secure challenge in a modal\n\nRefs #182"),
    ("fix/basket-rounding", 10, 18.5, &FANG,
        "cart: keep basket totals in minor units\n\nRefs #218"),
    ("docs/rollback-runbook", 10, 12.5, &MARCUS,
        "docs: a rollback runbook for the storefront\n\nCloses #211"),
    ("deps/next-14.2.6", 10, 8.5, &PRIYA, "deps: bump next from 14.2.5 to 14.2.6"),
];

#[rustfmt::skip]
pub const SEARCH_BRANCHES: [BranchSpec; 4] = [
    ("fix/facet-panic", 6, 60.5, &FANG,
        "query: fix a panic on an empty facet list\n\nRefs #44"),
    ("perf/segment-merge", 8, 33.5, &MARCUS,
        "indexer: merge small segments in the background\n\nRefs #41"),
    ("docs/ranking-notes", 9, 20.5, &PRIYA, "docs: how ranking works\n\nRefs #50"),
    ("feat/cjk-tokenizer", 10, 6.5, &PRIYA,
        "query: a CJK tokenizer for product titles\n\nRefs #62"),
];

/// The steps of one job, with their durations in seconds.
pub type JobSpec = (&'static str, &'static [(StepKind, i64)]);

use StepKind::*;

#[rustfmt::skip]
const NODE_JOBS: [JobSpec; 3] = [
    ("lint", &[(SetUp, 2), (Checkout, 3), (SetupNode, 5), (NpmCi, 24), (NpmLint, 17),
        (PostCheckout, 1), (Complete, 1)]),
    ("test (node 20)", &[(SetUp, 2), (Checkout, 3), (SetupNode, 5), (NpmCi, 25), (NpmTest, 64),
        (PostCheckout, 1), (Complete, 1)]),
    ("build", &[(SetUp, 2), (Checkout, 3), (SetupNode, 5), (NpmCi, 24), (NpmBuild, 41),
        (Upload, 6), (PostCheckout, 1), (Complete, 1)]),
];

#[rustfmt::skip]
const RUST_JOBS: [JobSpec; 2] = [
    ("clippy", &[(SetUp, 2), (Checkout, 2), (SetupRust, 9), (RustCache, 14), (Clippy, 48),
        (PostCheckout, 1), (Complete, 1)]),
    ("test (ubuntu-latest)", &[(SetUp, 2), (Checkout, 2), (SetupRust, 9), (RustCache, 15),
        (CargoTest, 72), (PostCheckout, 1), (Complete, 1)]),
];

/// The Deploy workflow's one job: about 15 s once it has a runner.
#[rustfmt::skip]
pub const DEPLOY_JOB: JobSpec = ("deploy", &[(SetUp, 1), (Checkout, 2), (Download, 3),
    (Deploy, 4), (Smoke, 3), (PostCheckout, 1), (Complete, 1)]);

pub fn ci_jobs(stack: Stack) -> &'static [JobSpec] {
    match stack {
        Stack::Node => &NODE_JOBS,
        Stack::Rust => &RUST_JOBS,
    }
}

/// The step that does a job's work: where a failing job fails.
pub fn is_work(kind: StepKind) -> bool {
    matches!(kind, NpmLint | NpmTest | NpmBuild | Clippy | CargoTest)
}

pub fn step_name(kind: StepKind, environment: Option<&str>) -> String {
    let name = match kind {
        SetUp => "Set up job",
        Checkout => "Run actions/checkout@v4",
        SetupNode => "Run actions/setup-node@v4",
        NpmCi => "Run npm ci",
        NpmLint => "Run npm run lint",
        NpmTest => "Run npm test -- --ci",
        NpmBuild => "Run npm run build",
        Upload => "Run actions/upload-artifact@v4",
        SetupRust => "Run dtolnay/rust-toolchain@stable",
        RustCache => "Run Swatinem/rust-cache@v2",
        Clippy => "Run cargo clippy --all-targets -- -D warnings",
        CargoTest => "Run cargo test --locked",
        Download => "Download release artifact",
        Deploy => return format!("Deploy to {}", environment.unwrap_or("the environment")),
        Smoke => "Smoke test",
        PostCheckout => "Post Run actions/checkout@v4",
        Complete => "Complete job",
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_team_are_the_board_sides_accounts() {
        let team = [&ANA, &ZOE, &FANG, &MARCUS, &PRIYA, &DIEGO];
        let logins: Vec<&str> = team.iter().map(|u| u.login).collect();
        assert_eq!(
            logins,
            [
                "ana-k",
                "zoe-o",
                "wang-fang",
                "marcus-b",
                "priya-r",
                "diego-a"
            ]
        );
        for user in team {
            assert!(
                user.name().is_some() && user.node_id().is_some(),
                "{}",
                user.login
            );
            assert!(!user.is_bot());
        }
        assert_eq!(ANA.name(), Some("Ana Kowalski"));
        assert_eq!(ANA.node_id(), people::by_login("ana-k").map(|a| a.node_id));
        assert!(ACTIONS_BOT.is_bot() && ACTIONS_BOT.node_id().is_none());
    }

    #[test]
    fn commits_are_in_time_order() {
        for commits in [&STOREFRONT_COMMITS, &SEARCH_COMMITS] {
            assert!(commits.windows(2).all(|w| w[0].0 > w[1].0));
        }
        for (branches, commits) in [
            (&STOREFRONT_BRANCHES, &STOREFRONT_COMMITS),
            (&SEARCH_BRANCHES, &SEARCH_COMMITS),
        ] {
            for &(name, fork, hours, ..) in branches {
                assert!(commits[fork].0 > hours, "{name} starts before its commit");
            }
        }
    }
}
