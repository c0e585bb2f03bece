//! Request budgets reported by providers (GitHub's `x-ratelimit-*`), forwarded to the loop as
//! they change. Each provider publishes its latest budget on a watch channel; nothing polls.

use super::SyncEvent;
use crate::domain::RateBudget;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

/// Sends the budget the channel holds now, then each new one, until the provider drops its
/// side or the loop stops listening.
pub async fn forward_budget(
    mut budgets: watch::Receiver<Option<RateBudget>>,
    events: UnboundedSender<SyncEvent>,
) {
    loop {
        let latest = budgets.borrow_and_update().clone();
        if let Some(budget) = latest
            && events.send(SyncEvent::BudgetChanged(budget)).is_err()
        {
            return;
        }
        if budgets.changed().await.is_err() {
            return;
        }
    }
}
