//! GitHub Deployments' decoders and mappers against answers that nearly fit (the fixtures
//! of tests/fixtures/github/deploys, mutated) and any JSON: an error or a value, never a
//! panic, and no server text reaches the domain unsanitised.

use super::changes;
use super::dto::{CompareDto, DeploymentDto, EnvironmentsDto, NamePatternDto, StatusDto};
use super::environments::{self, Branches};
use super::map;
use crate::providers::fuzz_json::{assert_clean_json, config, decode, near, share_decoding};
use proptest::prelude::*;
use serde::Serialize;

fn clean<T: Serialize>(mapped: &T) {
    assert_clean_json(&serde_json::to_value(mapped).expect("domain values serialise"));
}

fn patterns() -> impl Strategy<Value = Option<Vec<NamePatternDto>>> {
    let pattern = (any::<String>(), proptest::option::of(any::<String>()))
        .prop_map(|(name, kind)| NamePatternDto { name, kind });
    proptest::option::of(proptest::collection::vec(pattern, 0..4))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn environments_map_or_refuse(
        bytes in near(&[fixture!("environments-payments.json")]),
        patterns in patterns(),
        protected in proptest::collection::vec(any::<String>(), 0..3),
    ) {
        let Some(found) = decode::<EnvironmentsDto>("GitHub", &bytes) else { return Ok(()) };
        let mut found = found.environments;
        environments::order(&mut found, |e| &e.name);
        let mut patterns = Some(patterns);
        for dto in &found {
            let branches = match Branches::of(dto) {
                Branches::Patterns(_) => Branches::Patterns(patterns.take().flatten()),
                other => other,
            };
            clean(&environments::environment(dto, &branches, &protected, None));
        }
    }

    #[test]
    fn deployments_with_statuses_map_or_refuse(
        deployments in near(&[fixture!("deployments-production.json")]),
        statuses in near(&[fixture!("statuses.json")]),
        service in any::<String>(),
    ) {
        let Some(found) = decode::<Vec<DeploymentDto>>("GitHub", &deployments) else { return Ok(()) };
        let statuses = decode::<Vec<StatusDto>>("GitHub", &statuses).unwrap_or_default();
        for status in &statuses {
            map::status_run(status);
        }
        let mapped: Vec<_> = found
            .iter()
            .map(|dto| map::deployment(&service, dto, statuses.first()))
            .collect();
        map::current(&mapped);
        clean(&mapped);
    }

    #[test]
    fn compares_map_or_refuse(bytes in near(&[fixture!("compare.json")]), repo in any::<String>()) {
        if let Some(compare) = decode::<CompareDto>("GitHub", &bytes) {
            clean(&changes::changes(&repo, compare));
        }
    }

    #[test]
    fn urls_refs_and_messages_never_panic(text in any::<String>(), sha in any::<String>(), repo in any::<String>()) {
        map::run_id(&text);
        map::version(&text, &sha);
        changes::issue_keys(&repo, &text);
    }
}

/// The properties above are worth their time only if answers get past decoding.
#[test]
fn a_fair_share_of_answers_reach_the_mappers() {
    let deployments = near(&[fixture!("deployments-production.json")]);
    let found = share_decoding(deployments, 200, |b| {
        decode::<Vec<DeploymentDto>>("GitHub", b).is_some_and(|d| !d.is_empty())
    });
    let environments = near(&[fixture!("environments-payments.json")]);
    let envs = share_decoding(environments, 200, |b| {
        decode::<EnvironmentsDto>("GitHub", b).is_some()
    });
    assert!(found > 0.2 && envs > 0.2, "{found} {envs}");
}
