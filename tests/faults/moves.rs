//! A Jira move under each fault on its transition POST: sent once (Jira takes no idempotency
//! key), and a lost answer is reported as an unknown outcome that says why.

use super::support::{Case, answer_faults, jira, reason};
use crate::proxy::{Fault, Proxy};
use futures::future::join_all;
use shipdeck::domain::{Column, IssueKey};
use shipdeck::providers::{IssueTracker, ProviderError};
use shipdeck_sandbox::Sandbox;

/// The first card of the first column and the next column, read through a clean proxy.
async fn a_move(url: &str, email: &str) -> (IssueKey, Column) {
    let board = jira(url, email).load_board().await.unwrap();
    let card = board.cards(0).next().expect("a card to move").key.clone();
    (card, board.columns[1].clone())
}

#[tokio::test]
async fn a_move_is_sent_once_and_a_lost_answer_is_unknown() {
    let moved = join_all(answer_faults().into_iter().map(|fault| async move {
        // A sandbox each: a move that went through changes the card's transitions.
        let sandbox = Sandbox::start(0).await.unwrap();
        let email = sandbox.demo_user_email();
        let proxy = Proxy::start(sandbox.addr).await;
        let (card, to) = a_move(&proxy.url(), email).await;
        let path = format!("/rest/api/3/issue/{}/transitions", card.0);
        proxy.on("POST", &path, fault);
        let result = jira(&proxy.url(), email).move_issue(&card, &to).await;
        (fault, card, to, result, proxy.count("POST", &path))
    }));
    for (fault, card, to, result, posts) in moved.await {
        assert_eq!(posts, 1, "{fault:?}: the transition POST is never repeated");
        match (fault, result) {
            // Jira's yes is a 204 with no body to cut, and a 200 is a yes whatever its body:
            // the move needs nothing from it.
            (Fault::Cut(_) | Fault::NotJson, result) => assert_eq!(result, Ok(()), "{fault:?}"),
            (_, Err(ProviderError::UnknownOutcome { action, detail })) => {
                assert_eq!(action, format!("moving {card} into {}", to.name));
                assert!(
                    detail.contains(reason(Case::Fault(fault))),
                    "{fault:?}: {detail}"
                );
            }
            (_, other) => panic!("{fault:?}: {other:?}"),
        }
    }
}
