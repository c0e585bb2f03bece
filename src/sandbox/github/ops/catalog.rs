//! Who and what the GitHub sandbox knows: the team's GitHub accounts (the same people as the
//! Jira side), the two repositories with their commits, and the jobs each workflow runs.

use super::model::StepKind;
use crate::sandbox::people;

#[derive(Debug, PartialEq, Eq)]
pub struct User {
    pub login: &'static str,
    pub id: u64,
    /// The `people` handle whose display name is this account's `name`; none for bots.
    pub person: Option<&'static str>,
}

impl User {
    pub fn name(&self) -> Option<&'static str> {
        self.person
            .and_then(people::by_handle)
            .map(|p| p.display_name)
    }

    pub fn is_bot(&self) -> bool {
        self.person.is_none()
    }
}

pub const ANA: User = User {
    login: "ana-k",
    id: 5_480_101,
    person: Some("ana"),
};
pub const ZOE: User = User {
    login: "zoe-o",
    id: 5_480_102,
    person: Some("zoe"),
};
pub const FANG: User = User {
    login: "wang-fang",
    id: 5_480_103,
    person: Some("fang"),
};
pub const MARCUS: User = User {
    login: "marcus-b",
    id: 5_480_104,
    person: Some("marcus"),
};
pub const PRIYA: User = User {
    login: "priya-r",
    id: 5_480_105,
    person: Some("priya"),
};
/// Who Actions writes deployment statuses as.
pub const ACTIONS_BOT: User = User {
    login: "github-actions[bot]",
    id: 41_898_282,
    person: None,
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
    (200.0, &ZOE, "checkout: show the delivery estimate under the basket total (#371)"),
    (165.0, &MARCUS, "payments: retry capture once on a 502 from the PSP (#374)"),
    (135.0, &FANG, "cart: round line totals half-even before tax (#377)"),
    (131.0, &PRIYA, "deps: bump next from 14.2.3 to 14.2.5 (#380)"),
    (104.0, &ZOE, "search box: debounce suggestions to 150 ms (#383)"),
    (84.0, &ANA, "orders: paginate the order history page (#386)"),
    (64.0, &FANG, "ci: cache the Playwright browsers (#388)"),
    (50.0, &PRIYA, "checkout: put the one-page checkout behind a flag (#391)"),
    (42.0, &ZOE, "checkout: enable the one-page checkout for everyone (#394)"),
    (39.0, &ZOE, "Revert \"checkout: enable the one-page checkout for everyone\" (#395)"),
    (22.0, &MARCUS, "i18n: add the Norwegian (nb-NO) locale (#398)"),
    (0.03, &ANA, "payments: show the 3-D Secure challenge in a modal (#401)"),
];

/// The storefront commit whose release breaks the smoke test.
pub const BAD_COMMIT: usize = 8;

#[rustfmt::skip]
pub const SEARCH_COMMITS: [CommitSpec; 12] = [
    (190.0, &FANG, "indexer: batch writes to the segment store (#212)"),
    (170.0, &PRIYA, "query: support prefix matches on SKU (#215)"),
    (150.0, &FANG, "deps: bump tantivy to 0.22 (#217)"),
    (125.0, &MARCUS, "api: answer 429 with Retry-After when the queue is full (#219)"),
    (100.0, &PRIYA, "ranking: boost in-stock products (#221)"),
    (85.0, &FANG, "indexer: skip products without a price (#224)"),
    (70.0, &ZOE, "ci: run clippy with -D warnings (#226)"),
    (55.0, &FANG, "query: fix a panic on an empty facet list (#228)"),
    (40.0, &MARCUS, "api: add a /healthz readiness probe (#230)"),
    (28.0, &PRIYA, "ranking: tune BM25 k1 for short titles (#233)"),
    (14.0, &FANG, "indexer: reindex on category rename (#236)"),
    (0.02, &PRIYA, "query: a CJK tokenizer for product titles (#239)"),
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
    fn every_account_has_a_person_with_a_name() {
        for user in [&ANA, &ZOE, &FANG, &MARCUS, &PRIYA] {
            assert!(user.name().is_some(), "{}", user.login);
        }
        assert_eq!(ANA.name(), Some("Ana Kowalski"));
        assert!(ACTIONS_BOT.is_bot());
    }

    #[test]
    fn commits_are_in_time_order() {
        for commits in [&STOREFRONT_COMMITS, &SEARCH_COMMITS] {
            assert!(commits.windows(2).all(|w| w[0].0 > w[1].0));
        }
    }
}
