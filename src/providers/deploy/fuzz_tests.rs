//! The deploy protocol's decoders and mappers against answers that nearly fit (the
//! fixtures of tests/fixtures/deploy, mutated) and any JSON: an error or a value, never a
//! panic, and no server text reaches the domain or an error message unsanitised.

use super::dto::{
    AcceptedDto, DeploymentDto, DeploymentPageDto, EnvironmentsDto, RunDto, RunPageDto, ServicesDto,
};
use super::sse::SseEvent;
use super::{map, pipeline, stream};
use crate::providers::fuzz_json::{
    assert_clean, assert_clean_json, config, decode, near, share_decoding,
};
use crate::providers::http::server_text;
use proptest::prelude::*;
use serde::Serialize;

fn clean<T: Serialize>(mapped: &T) {
    assert_clean_json(&serde_json::to_value(mapped).expect("domain values serialise"));
}

fn deployments() -> Vec<&'static str> {
    vec![
        fixture!("deployments-page-1.json"),
        fixture!("deployments-page-2.json"),
        fixture!("deployments-page-3.json"),
    ]
}

fn single() -> Vec<&'static str> {
    vec![
        fixture!("deployment-odd.json"),
        fixture!("promote-accepted.json"),
        fixture!("rollback-accepted.json"),
        fixture!("cancel-accepted.json"),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn services_and_environments_map_or_refuse(
        services in near(&[fixture!("services.json")]),
        environments in near(&[fixture!("environments-ledger.json"), fixture!("environments-payments.json")]),
        protected in proptest::collection::vec(any::<String>(), 0..3),
    ) {
        let Some(services) = decode::<ServicesDto>("deploy", &services) else { return Ok(()) };
        for service in services.services {
            let Some(found) = decode::<EnvironmentsDto>("deploy", &environments) else { return Ok(()) };
            clean(&map::service(service, found.environments, &protected));
        }
    }

    #[test]
    fn deployment_pages_map_or_refuse(bytes in near(&deployments())) {
        if let Some(page) = decode::<DeploymentPageDto>("deploy", &bytes) {
            for dto in page.deployments {
                clean(&map::deployment(dto));
            }
        }
    }

    #[test]
    fn single_deployments_map_or_refuse(bytes in near(&single())) {
        if let Some(dto) = decode::<DeploymentDto>("deploy", &bytes) {
            clean(&map::deployment(dto));
        }
        if let Some(accepted) = decode::<AcceptedDto>("deploy", &bytes) {
            clean(&map::deployment(accepted.deployment));
        }
    }

    #[test]
    fn runs_map_or_refuse(
        bytes in near(&[fixture!("run-311.json"), fixture!("run-odd.json"), fixture!("runs-page-1.json"), fixture!("runs-page-2.json")]),
    ) {
        if let Some(dto) = decode::<RunDto>("deploy", &bytes) {
            clean(&pipeline::run(dto));
        }
        if let Some(page) = decode::<RunPageDto>("deploy", &bytes) {
            for dto in page.runs {
                clean(&pipeline::run(dto));
            }
        }
    }

    #[test]
    fn error_bodies_read_as_clean_text(bytes in near(&single()), html in any::<bool>()) {
        if let Some(text) = server_text(&bytes, html) {
            assert_clean(&text, false);
        }
    }

    #[test]
    fn stream_events_map_or_refuse(
        event in proptest::sample::select(vec!["chunk", "end", "message", ""]),
        id in proptest::option::of(prop_oneof![any::<u64>().prop_map(|n| format!(" {n} ")), any::<String>()]),
        data in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let event = SseEvent { event: event.to_owned(), data, id };
        if let Err(message) = stream::log_event(event) {
            assert_clean(&message, false);
        }
    }
}

/// The properties above are worth their time only if answers get past decoding.
#[test]
fn a_fair_share_of_answers_reach_the_mappers() {
    let pages = share_decoding(near(&deployments()), 200, |b| {
        decode::<DeploymentPageDto>("deploy", b).is_some()
    });
    let odd = near(&[fixture!("deployment-odd.json")]);
    let single = share_decoding(odd, 200, |b| decode::<DeploymentDto>("deploy", b).is_some());
    let runs = share_decoding(near(&[fixture!("run-311.json")]), 200, |b| {
        decode::<RunDto>("deploy", b).is_some()
    });
    assert!(
        pages > 0.2 && single > 0.2 && runs > 0.2,
        "{pages} {single} {runs}"
    );
}
