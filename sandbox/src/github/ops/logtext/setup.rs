//! The runner's own steps: setting up the job, checking the repository out, cleaning up.

use super::{Context, Rng, header};

pub fn set_up(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    out.push("Current runner version: '2.321.0'".into());
    out.push(format!("Runner name: '{}'", cx.runner));
    out.push("Runner group name: 'GitHub Actions'".into());
    out.push(format!(
        "Machine name: 'fv-az{}-{}'",
        100 + rng.below(900),
        rng.below(1000)
    ));
    header(out, "Operating System", &["Ubuntu", "24.04.1", "LTS"]);
    header(
        out,
        "Runner Image",
        &[
            "Image: ubuntu-24.04",
            "Version: 20261117.1.0",
            "Included Software: https://github.com/actions/runner-images/blob/ubuntu24/20261117.1/images/ubuntu/Ubuntu2404-Readme.md",
        ],
    );
    let deployments = if cx.environment.is_some() {
        "write"
    } else {
        "read"
    };
    let permissions = format!("Deployments: {deployments}");
    header(
        out,
        "GITHUB_TOKEN Permissions",
        &[
            "Actions: read",
            "Contents: read",
            &permissions,
            "Metadata: read",
        ],
    );
    out.push("Secret source: Actions".into());
    out.push("Prepare workflow directory".into());
    out.push("Prepare all required actions".into());
    out.push("Getting action download info".into());
    out.push(
        "Download action repository 'actions/checkout@v4' \
         (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)"
            .into(),
    );
    out.push(format!("Complete job name: {}", cx.job));
}

pub fn checkout(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    let repository = format!("  repository: {}", cx.repo);
    let reference = format!("  ref: {}", cx.branch);
    header(
        out,
        "Run actions/checkout@v4",
        &[
            "with:",
            &repository,
            &reference,
            "  token: ***",
            "  fetch-depth: 1",
            "  lfs: false",
        ],
    );
    let work = format!("/home/runner/work/{0}/{0}", cx.name);
    out.push(format!("Syncing repository: {}", cx.repo));
    header(
        out,
        "Getting Git version info",
        &[
            &format!("Working directory is '{work}'"),
            "[command]/usr/bin/git version",
            "git version 2.47.1",
        ],
    );
    out.push(format!("[command]/usr/bin/git init {work}"));
    out.push(format!("Initialized empty Git repository in {work}/.git/"));
    out.push(format!(
        "[command]/usr/bin/git remote add origin https://github.example/{}",
        cx.repo
    ));
    out.push("##[group]Fetching the repository".into());
    out.push(format!(
        "[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules \
         --depth=1 origin +{}:refs/remotes/origin/{}",
        cx.sha, cx.branch
    ));
    let objects = 900 + rng.below(600);
    out.push(format!(
        "remote: Enumerating objects: {objects}, done.        "
    ));
    // Git's progress lines: the bulk of a checkout's log, as on GitHub.
    for percent in (0..=100).step_by(2) {
        out.push(format!(
            "remote: Counting objects: {percent:>3}% ({}/{objects})        ",
            objects * percent / 100
        ));
    }
    let packed = objects * 4 / 5;
    for percent in (0..=100).step_by(4) {
        out.push(format!(
            "remote: Compressing objects: {percent:>3}% ({}/{packed})        ",
            packed * percent / 100
        ));
    }
    out.push(format!(
        "remote: Total {objects} (delta {}), reused 0 (delta 0), pack-reused 0 (from 0)        ",
        objects / 7
    ));
    out.push(format!("From https://github.example/{}", cx.repo));
    out.push(format!(
        " * [new ref]         {} -> origin/{}",
        cx.sha, cx.branch
    ));
    out.push("##[endgroup]".into());
    header(out, "Determining the checkout info", &[]);
    out.push("[command]/usr/bin/git sparse-checkout disable".into());
    out.push("[command]/usr/bin/git config --local --unset-all extensions.worktreeConfig".into());
    header(
        out,
        "Checking out the ref",
        &[
            &format!(
                "[command]/usr/bin/git checkout --progress --force -B {0} refs/remotes/origin/{0}",
                cx.branch
            ),
            &format!("Switched to a new branch '{}'", cx.branch),
            &format!("branch '{0}' set up to track 'origin/{0}'.", cx.branch),
        ],
    );
    out.push("[command]/usr/bin/git log -1 --format=%H".into());
    out.push(cx.sha.to_string());
}

pub fn post_checkout(out: &mut Vec<String>) {
    out.push("Post job cleanup.".into());
    out.push("[command]/usr/bin/git version".into());
    out.push("git version 2.47.1".into());
    out.push("Copying '/home/runner/.gitconfig' to '/home/runner/work/_temp/.gitconfig'".into());
    out.push(
        "[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand".into(),
    );
    out.push(
        "[command]/usr/bin/git config --local --name-only --get-regexp \
         http\\.https\\:\\/\\/github\\.example\\/\\.extraheader"
            .into(),
    );
    out.push("http.https://github.example/.extraheader".into());
    out.push(
        "[command]/usr/bin/git config --local --unset-all http.https://github.example/.extraheader"
            .into(),
    );
}
