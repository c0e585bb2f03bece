//! What a deployment's pipeline prints, job by job and step by step, as a flat list of ticks
//! that both the seed (all at once, with made-up times) and the live progression (one line at a
//! time) play through `pipeline::apply`.

use super::model::Kind;
use crate::hex;

/// The facts a pipeline's log talks about.
pub struct Context<'a> {
    pub service: &'a str,
    pub repo: &'a str,
    pub environment: &'a str,
    pub kind: Kind,
    pub version: &'a str,
    pub revision: &'a str,
    pub last_title: &'a str,
    /// The rollout never becomes ready.
    pub fails: bool,
}

pub const BOLD: &str = "\x1b[1m";
pub const DIM: &str = "\x1b[2m";
pub const RED: &str = "\x1b[31m";
pub const GREEN: &str = "\x1b[32m";
pub const YELLOW: &str = "\x1b[33m";
pub const RESET: &str = "\x1b[0m";

#[derive(Clone, Debug, PartialEq)]
pub enum Tick {
    /// Starts a step (and its job, and the run, when they are still queued).
    Start { job: usize, step: usize },
    /// One log line of the running step; the only tick that takes time.
    Line { job: usize, text: String },
    /// Ends a step; a failed step fails its job and the run, and skips everything after it.
    End { job: usize, step: usize, ok: bool },
}

pub struct JobPlan {
    pub name: &'static str,
    pub steps: Vec<(&'static str, Vec<String>)>,
}

impl JobPlan {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            steps: Vec::new(),
        }
    }

    fn step<const N: usize>(&mut self, name: &'static str, lines: [String; N]) {
        self.steps.push((name, lines.into()));
    }
}

/// Job names and step names, for creating the run before anything has happened.
pub fn jobs(cx: &Context) -> Vec<JobPlan> {
    let first = match cx.kind {
        Kind::Deploy => build(cx),
        Kind::Promote | Kind::Rollback => verify(cx),
    };
    vec![first, deploy(cx)]
}

pub fn ticks(cx: &Context) -> Vec<Tick> {
    let mut out = Vec::new();
    for (j, job) in jobs(cx).into_iter().enumerate() {
        for (s, (name, lines)) in job.steps.into_iter().enumerate() {
            out.push(Tick::Start { job: j, step: s });
            out.extend(lines.into_iter().map(|text| Tick::Line { job: j, text }));
            let ok = !(cx.fails && name == ROLLOUT);
            out.push(Tick::End {
                job: j,
                step: s,
                ok,
            });
            if !ok {
                return out;
            }
        }
    }
    out
}

const ROLLOUT: &str = "wait for rollout";
const REGISTRY: &str = "registry.platform.example";

fn short(revision: &str) -> &str {
    revision.get(..7).unwrap_or(revision)
}

fn build(cx: &Context) -> JobPlan {
    let (service, version, sha) = (cx.service, cx.version, short(cx.revision));
    let digest = hex::digest(cx.revision, 64);
    let mut job = JobPlan::new("build");
    job.step(
        "checkout",
        [
            format!("Fetching {} at {sha} (main)", cx.repo),
            format!("HEAD is now at {sha} {}", cx.last_title),
        ],
    );
    job.step(
        "build image",
        [
            format!("{DIM}#7 [builder 4/6] RUN cargo build --release --locked{RESET}"),
            format!("{DIM}#7 DONE 52.4s{RESET}"),
            format!("Successfully tagged {REGISTRY}/{service}:{version}"),
        ],
    );
    job.step(
        "test",
        [
            "running 214 tests".to_string(),
            format!("test result: {GREEN}ok{RESET}. 214 passed; 0 failed; 3 ignored"),
        ],
    );
    job.step(
        "push image",
        [
            // Docker redraws its progress line in place.
            [0, 38, 81, 100]
                .map(|p| format!("pushing layer 3/5 {p:>3}%"))
                .join("\r"),
            format!("{version}: digest: sha256:{digest} size: 1784"),
        ],
    );
    job
}

fn verify(cx: &Context) -> JobPlan {
    let (service, version) = (cx.service, cx.version);
    let digest = hex::digest(cx.revision, 64);
    let mut job = JobPlan::new("verify");
    job.step(
        "resolve image",
        [
            format!("Resolving {service}:{version} in {REGISTRY}"),
            format!("Found sha256:{digest}, built from {}", short(cx.revision)),
        ],
    );
    job.step(
        "verify signature",
        [
            format!(
                "cosign verify {REGISTRY}/{service}@sha256:{}",
                hex::digest(cx.revision, 12)
            ),
            format!(
                "{GREEN}✔{RESET} signed by the release workflow of {}",
                cx.repo
            ),
            format!("trivy: 0 critical, 0 high, 2 medium {DIM}(accepted){RESET}"),
        ],
    );
    job
}

fn deploy(cx: &Context) -> JobPlan {
    let (service, env, version) = (cx.service, cx.environment, cx.version);
    let waiting = |ready: u8| {
        format!("Waiting for \"{service}\" rollout: {ready} of 3 updated replicas are available...")
    };
    let host = format!("https://{service}.{env}.platform.example");
    let mut job = JobPlan::new("deploy");
    job.step(
        "render manifests",
        [
            format!("helm template {service} charts/{service} -f values/{env}.yaml"),
            "rendered 6 manifests: Deployment, Service, HPA, PDB, ConfigMap, ServiceMonitor".into(),
        ],
    );
    job.step(
        "apply",
        [
            format!("kubectl --context {env} -n {service} apply -f rendered/"),
            format!("deployment.apps/{service} image updated to {version}"),
            format!("configmap/{service}-config configured"),
            format!("horizontalpodautoscaler.autoscaling/{service} unchanged"),
        ],
    );
    if cx.fails {
        let pod = format!("{service}-{}-x2k4q", hex::digest(cx.revision, 8));
        job.step(
            ROLLOUT,
            [
                waiting(0),
                format!("{YELLOW}warning:{RESET} pod {pod}: readiness probe failed: HTTP 503"),
                format!("{YELLOW}warning:{RESET} pod {pod}: back-off restarting failed container"),
                format!(
                    "{RED}error:{RESET} deployment \"{service}\" exceeded its progress deadline"
                ),
                format!(
                    "{RED}error:{RESET} {version} never became ready; the previous version serves"
                ),
            ],
        );
        return job;
    }
    job.step(
        ROLLOUT,
        [
            waiting(0),
            // kubectl redraws the replica count in place.
            [1, 2, 3]
                .map(|n| format!("replicas updated {n}/3"))
                .join("\r"),
            waiting(2),
            format!("deployment \"{service}\" successfully rolled out"),
        ],
    );
    job.step(
        "smoke test",
        [
            format!("GET {host}/healthz -> 200 in 11 ms"),
            format!("GET {host}/readyz -> 200 in 8 ms"),
            format!("{GREEN}✔{RESET} 12 smoke checks passed"),
        ],
    );
    job
}

/// The bold header a step opens with, and the line it closes with.
pub fn header(step: &str) -> String {
    format!("{BOLD}▶ {step}{RESET}")
}

pub fn footer(step: &str, ok: bool, seconds: i64) -> String {
    if ok {
        format!("{GREEN}✔{RESET} {step} {DIM}({seconds}s){RESET}")
    } else {
        format!("{RED}✘ {step} failed{RESET} {DIM}({seconds}s){RESET}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(fails: bool) -> Context<'static> {
        Context {
            service: "gateway",
            repo: "acme/gateway",
            environment: "staging",
            kind: Kind::Promote,
            version: "3.6.0",
            revision: "0123456789abcdef0123456789abcdef01234567",
            last_title: "Export the availability SLI",
            fails,
        }
    }

    #[test]
    fn a_good_rollout_runs_every_step() {
        let ticks = ticks(&cx(false));
        let steps: usize = jobs(&cx(false)).iter().map(|j| j.steps.len()).sum();
        assert_eq!(
            ticks
                .iter()
                .filter(|t| matches!(t, Tick::End { ok: true, .. }))
                .count(),
            steps
        );
        assert!(
            ticks
                .iter()
                .any(|t| matches!(t, Tick::Line { text, .. } if text.contains('\r')))
        );
    }

    #[test]
    fn a_bad_rollout_stops_at_the_rollout_with_an_error() {
        let ticks = ticks(&cx(true));
        assert_eq!(
            ticks.last(),
            Some(&Tick::End {
                job: 1,
                step: 2,
                ok: false
            })
        );
        assert!(
            ticks
                .iter()
                .any(|t| matches!(t, Tick::Line { text, .. } if text.contains("error:")))
        );
    }
}
