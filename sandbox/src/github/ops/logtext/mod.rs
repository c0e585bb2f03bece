//! A finished job's log in GitHub's format: one line per `\n`, each led by a UTC timestamp
//! with seven fractional digits; `##[group]` / `##[endgroup]` around each step's header,
//! `##[warning]` and `##[error]` annotations, ANSI colour where the tools print it. The text
//! is made from the job's plan and timeline, so it always matches what the API said ran.

mod deploy;
mod node;
mod rust;
mod setup;

use super::model::{StepKind, World};
use super::timeline::{self, Conclusion};
use chrono::{DateTime, TimeDelta, Utc};

/// What the step texts mention.
pub struct Context<'a> {
    pub repo: &'a str,
    pub name: &'a str,
    pub sha: &'a str,
    pub branch: &'a str,
    pub job: &'a str,
    pub runner: &'a str,
    pub run_id: u64,
    pub environment: Option<&'a str>,
    pub site: &'a str,
    /// The commit a deploy job rolls out.
    pub release: &'a str,
}

/// A small deterministic generator, so a job's log reads the same on every download.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The log of job `index` as of `now`; None while it has not finished (GitHub has no log
/// to give until then).
pub fn render(world: &World, index: usize, now: DateTime<Utc>) -> Option<String> {
    let job = &world.jobs[index];
    let view = timeline::job(job, now);
    if !view.has_log() {
        return None;
    }
    let run = &world.runs[job.run];
    let repo = &world.repos[run.repo];
    let full = repo.full_name();
    let env = job.environment.map(|e| &repo.environments[e]);
    let release = job
        .deployment
        .map_or(run.sha.as_str(), |d| world.deployments[d].sha.as_str());
    let cx = Context {
        repo: &full,
        name: repo.name,
        sha: &run.sha,
        branch: &run.branch,
        job: &job.name,
        runner: &job.runner,
        run_id: run.id,
        environment: env.map(|e| e.name),
        site: env.map_or("", |e| e.site),
        release,
    };
    let mut rng = Rng::new(job.id);
    let mut out = String::new();
    for (step, v) in job.steps.iter().zip(&view.steps) {
        let (Some(start), Some(end)) = (v.started_at, v.completed_at) else {
            continue;
        };
        if v.conclusion == Some(Conclusion::Skipped) {
            continue;
        }
        let mut lines = Vec::new();
        let failed = v.conclusion == Some(Conclusion::Failure);
        text(step.kind, &cx, failed, &mut rng, &mut lines);
        if v.conclusion == Some(Conclusion::Cancelled) {
            lines.truncate(lines.len().div_ceil(2));
            lines.push("##[error]The operation was canceled.".into());
        }
        stamp(&lines, start, end, &mut rng, &mut out);
    }
    Some(out)
}

fn text(kind: StepKind, cx: &Context, failed: bool, rng: &mut Rng, out: &mut Vec<String>) {
    use StepKind::*;
    match kind {
        SetUp => setup::set_up(cx, rng, out),
        Checkout => setup::checkout(cx, rng, out),
        PostCheckout => setup::post_checkout(out),
        Complete => out.push("Cleaning up orphan processes".into()),
        SetupNode => node::setup_node(rng, out),
        NpmCi => node::npm_ci(rng, out),
        NpmLint => node::lint(failed, out),
        NpmTest => node::test(failed, rng, out),
        NpmBuild => node::build(cx, rng, out),
        Upload => node::upload(cx, rng, out),
        SetupRust => rust::toolchain(out),
        RustCache => rust::cache(cx, rng, out),
        Clippy => rust::clippy(failed, rng, out),
        CargoTest => rust::test(failed, rng, out),
        Download => deploy::download(cx, failed, out),
        Deploy => deploy::roll_out(cx, rng, out),
        Smoke => deploy::smoke(cx, failed, rng, out),
    }
}

/// Spreads `lines` over the step's time, in order, each with GitHub's timestamp.
fn stamp(
    lines: &[String],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    rng: &mut Rng,
    out: &mut String,
) {
    let span = (end - start).num_microseconds().unwrap_or(0).max(1);
    let count = lines.len().max(1) as i64;
    for (i, line) in lines.iter().enumerate() {
        let offset = span * i as i64 / count + rng.below(900) as i64;
        let at = start + TimeDelta::microseconds(offset);
        let fraction = at.timestamp_subsec_nanos() / 100;
        out.push_str(&format!(
            "{}.{fraction:07}Z {line}\n",
            at.format("%Y-%m-%dT%H:%M:%S")
        ));
    }
}

/// A step's header as the runner prints it, folded in a group.
pub fn header(out: &mut Vec<String>, title: &str, body: &[&str]) {
    out.push(format!("##[group]{title}"));
    out.extend(body.iter().map(|line| line.to_string()));
    out.push("##[endgroup]".into());
}

/// The header of a `run:` step: the script in cyan, then the shell.
pub fn script(out: &mut Vec<String>, command: &str) {
    out.push(format!("##[group]Run {command}"));
    out.push(format!("\u{1b}[36;1m{command}\u{1b}[0m"));
    out.push("shell: /usr/bin/bash -e {0}".into());
    out.push("##[endgroup]".into());
}

pub fn exit_code(out: &mut Vec<String>, code: u8) {
    out.push(format!("##[error]Process completed with exit code {code}."));
}
