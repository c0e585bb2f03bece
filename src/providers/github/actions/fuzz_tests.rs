//! GitHub Actions' decoders and mappers against answers that nearly fit (the fixtures of
//! tests/fixtures/github/actions, mutated) and any JSON: an error or a value, never a
//! panic, and no server text reaches the domain or an error message unsanitised.

use super::dto::{JobDto, JobsPage, RunDto, RunsPage};
use super::map;
use super::repos::number;
use crate::providers::fuzz_json::{
    assert_clean, assert_clean_json, config, decode, near, share_decoding,
};
use proptest::prelude::*;
use serde::Serialize;

fn clean<T: Serialize>(mapped: &T) {
    assert_clean_json(&serde_json::to_value(mapped).expect("domain values serialise"));
}

fn runs() -> Vec<&'static str> {
    vec![
        fixture!("runs-payments.json"),
        fixture!("runs-statuses.json"),
        fixture!("runs-ledger.json"),
        fixture!("run-30433642.json"),
        fixture!("run-hostile.json"),
    ]
}

fn jobs() -> Vec<&'static str> {
    vec![
        fixture!("jobs-30433642.json"),
        fixture!("job-failed.json"),
        fixture!("job-running.json"),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn runs_map_or_refuse(bytes in near(&runs()), service in any::<String>()) {
        if let Some(page) = decode::<RunsPage>("GitHub", &bytes) {
            for dto in page.workflow_runs {
                clean(&map::run(dto, &service));
            }
        }
        if let Some(dto) = decode::<RunDto>("GitHub", &bytes) {
            clean(&map::run(dto, &service));
        }
    }

    #[test]
    fn jobs_map_or_refuse(bytes in near(&jobs())) {
        if let Some(page) = decode::<JobsPage>("GitHub", &bytes) {
            clean(&page.jobs.into_iter().map(map::job).collect::<Vec<_>>());
        }
        if let Some(dto) = decode::<JobDto>("GitHub", &bytes) {
            clean(&map::job(dto));
        }
    }

    #[test]
    fn ids_are_numbers_or_refused_cleanly(id in any::<String>()) {
        if let Err(e) = number("GitHub", "run", &id) {
            assert_clean(&e.to_string(), false);
        }
    }
}

/// The properties above are worth their time only if answers get past decoding.
#[test]
fn a_fair_share_of_answers_reach_the_mappers() {
    let runs = share_decoding(near(&[fixture!("runs-payments.json")]), 200, |b| {
        decode::<RunsPage>("GitHub", b).is_some_and(|p| !p.workflow_runs.is_empty())
    });
    let jobs = share_decoding(near(&[fixture!("jobs-30433642.json")]), 200, |b| {
        decode::<JobsPage>("GitHub", b).is_some_and(|p| !p.jobs.is_empty())
    });
    assert!(runs > 0.2 && jobs > 0.2, "{runs} {jobs}");
}
