//! Reviews of deployments that wait for reviewers: which deployment a cell holds for review,
//! the plan that asks, and the request a confirmed plan sends.

use super::plan::{self, Plan};
use super::{DeployView, Inflight};
use crate::app::msg::Effect;
use crate::app::state::State;
use crate::domain::deploy::{DeployState, Deployment, Environment, Service};
use crate::sync::Request;

/// The deployment waiting for review in `env` of `service`: one started here and still
/// moving, else the environment's own.
pub fn waiting<'a>(
    view: &'a DeployView,
    backend: usize,
    service: &Service,
    env: &'a Environment,
) -> Option<&'a Deployment> {
    view.moving(backend, &service.name, &env.name)
        .or(env.current.as_ref())
        .filter(|d| d.state == DeployState::Waiting)
}

/// Whether `a` and `x` would open a review now: the selected cell waits for review, no
/// review of it is on its way, and nothing is read-only (for footer hints and help).
pub fn offered(state: &State) -> bool {
    let view = &state.deploy;
    let Some((row, service, env)) = view.selected() else {
        return false;
    };
    let read_only = state.read_only || view.backends.get(row.backend).is_some_and(|b| b.read_only);
    let pending = |d: &Deployment| view.reviewing.contains_key(&d.id);
    !read_only && waiting(view, row.backend, service, env).is_some_and(|d| !pending(d))
}

/// The plan of an approval (or rejection) of what waits in the cell, or why there is none.
pub fn plan(
    view: &DeployView,
    backend: usize,
    service: &Service,
    env: &Environment,
    approve: bool,
) -> Result<Plan, String> {
    let Some(deployment) = waiting(view, backend, service, env) else {
        return Err(format!(
            "nothing waits for review in {} {}",
            service.name, env.name
        ));
    };
    if view.reviewing.contains_key(&deployment.id) {
        return Err(format!(
            "a review of {} is already on its way",
            deployment.id
        ));
    }
    Ok(plan::review(
        backend,
        service,
        env,
        deployment.clone(),
        approve,
    ))
}

/// Sends a confirmed review and remembers it until the backend answers.
pub fn send(state: &mut State, plan: &Plan, deployment: &Deployment, approve: bool) -> Vec<Effect> {
    let inflight = Inflight {
        backend: plan.backend,
        service: plan.outline.service.clone(),
        environment: plan.environment().to_string(),
        label: plan.title(),
    };
    state
        .deploy
        .reviewing
        .insert(deployment.id.clone(), inflight);
    state.deploy.note = Some(format!("{}: sent", plan.title()));
    // The backend keeps the comment with the review for the other reviewers to read.
    let verb = if approve { "Approved" } else { "Rejected" };
    vec![Effect::Sync(Request::Review {
        backend: plan.backend,
        deployment: Box::new(deployment.clone()),
        approve,
        comment: format!("{verb} from shipdeck"),
    })]
}
