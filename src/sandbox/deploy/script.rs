//! What a deployment's pipeline prints, job by job and step by step, as a flat list of ticks
//! that both the seed (all at once, with made-up times) and the live progression (one line at a
//! time) play through `pipeline::apply`.

use super::model::Kind;

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

fn short(revision: &str) -> &str {
    revision.get(..7).unwrap_or(revision)
}

fn build(cx: &Context) -> JobPlan {
    let (service, version, sha) = (cx.service, cx.version, short(cx.revision));
    let layers = "pushing layer 3/5   0%\rpushing layer 3/5  38%\rpushing layer 3/5  81%\rpushing layer 3/5 100%";
    JobPlan {
        name: "build",
        steps: vec![
            (
                "checkout",
                vec![
                    format!("Fetching {} at {sha} (main)", cx.repo),
                    format!("HEAD is now at {sha} {}", cx.last_title),
                ],
            ),
            (
                "build image",
                vec![
                    format!("{DIM}#7 [builder 4/6] RUN cargo build --release --locked{RESET}"),
                    format!("{DIM}#7 DONE 52.4s{RESET}"),
                    format!("Successfully tagged registry.platform.example/{service}:{version}"),
                ],
            ),
            (
                "test",
                vec![
                    "running 214 tests".to_string(),
                    format!(
                        "test result: {GREEN}ok{RESET}. 214 passed; 0 failed; 3 ignored; finished in 21.70s"
                    ),
                ],
            ),
            (
                "push image",
                vec![
                    layers.to_string(),
                    format!(
                        "{version}: digest: sha256:{} size: 1784",
                        super::seed::hex(cx.revision, 64)
                    ),
                ],
            ),
        ],
    }
}

fn verify(cx: &Context) -> JobPlan {
    let (service, version) = (cx.service, cx.version);
    let digest = super::seed::hex(cx.revision, 64);
    JobPlan {
        name: "verify",
        steps: vec![
            (
                "resolve image",
                vec![
                    format!("Resolving {service}:{version} in registry.platform.example"),
                    format!("Found sha256:{digest}, built from {}", short(cx.revision)),
                ],
            ),
            (
                "verify signature",
                vec![
                    format!(
                        "cosign verify registry.platform.example/{service}@sha256:{}",
                        &digest[..12]
                    ),
                    format!(
                        "{GREEN}✔{RESET} signed by the release workflow of {}",
                        cx.repo
                    ),
                    format!("trivy: 0 critical, 0 high, 2 medium {DIM}(accepted){RESET}"),
                ],
            ),
        ],
    }
}

fn deploy(cx: &Context) -> JobPlan {
    let (service, env, version) = (cx.service, cx.environment, cx.version);
    let waiting = |ready: u8| {
        format!(
            "Waiting for deployment \"{service}\" rollout to finish: {ready} of 3 updated replicas are available..."
        )
    };
    let rollout = if cx.fails {
        let pod = format!(
            "{service}-{}-x2k4q",
            &super::seed::hex(cx.revision, 10)[..8]
        );
        vec![
            waiting(0),
            format!(
                "{YELLOW}warning:{RESET} pod {pod}: Readiness probe failed: HTTP probe failed with statuscode: 503"
            ),
            format!(
                "{YELLOW}warning:{RESET} pod {pod}: Back-off restarting failed container {service}"
            ),
            format!("{RED}error:{RESET} deployment \"{service}\" exceeded its progress deadline"),
            format!(
                "{RED}error:{RESET} {service} {version} did not become ready in {env}; the previous version keeps serving"
            ),
        ]
    } else {
        vec![
            waiting(0),
            "replicas updated 1/3\rreplicas updated 2/3\rreplicas updated 3/3".to_string(),
            waiting(2),
            format!("deployment \"{service}\" successfully rolled out"),
        ]
    };
    let host = format!("https://{service}.{env}.platform.example");
    JobPlan {
        name: "deploy",
        steps: vec![
            ("render manifests", vec![
                format!("helm template {service} charts/{service} -f values/{env}.yaml --set image.tag={version}"),
                "rendered 6 manifests: Deployment, Service, HPA, PDB, ConfigMap, ServiceMonitor".to_string(),
            ]),
            ("apply", vec![
                format!("kubectl --context {env} -n {service} apply -f rendered/"),
                format!("deployment.apps/{service} configured"),
                format!("configmap/{service}-config configured"),
                format!("horizontalpodautoscaler.autoscaling/{service} unchanged"),
            ]),
            (ROLLOUT, rollout),
            ("smoke test", vec![
                format!("GET {host}/healthz -> 200 in 11 ms"),
                format!("GET {host}/readyz -> 200 in 8 ms"),
                format!("{GREEN}✔{RESET} 12 smoke checks passed"),
            ]),
        ],
    }
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
