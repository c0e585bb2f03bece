//! The deploy job's own steps: fetch the release, roll it out, smoke-test the site.

use super::{Context, Rng, exit_code, script};

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

pub fn download(cx: &Context, failed: bool, out: &mut Vec<String>) {
    let artifact = format!("{}-{}.tar.gz", cx.name, short(cx.release));
    script(out, &format!("gh release download --pattern {artifact}"));
    out.push(format!("Looking for the build of {} on main", cx.release));
    if failed {
        out.push(format!(
            "##[error]No release artifact for {}: was it built by CI on main?",
            cx.release
        ));
        exit_code(out, 1);
        return;
    }
    out.push(format!("Downloading {artifact} (24.1 MiB)"));
    out.push(format!("{artifact}: sha256 checksum OK"));
}

pub fn roll_out(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    let environment = cx.environment.unwrap_or("the environment");
    script(
        out,
        &format!("./deploy/rollout.sh {environment} {}", short(cx.release)),
    );
    out.push(format!(
        "\u{1b}[1mDeploying {} {} to {environment}\u{1b}[0m ({})",
        cx.name,
        short(cx.release),
        cx.site
    ));
    out.push(format!(
        "deployment.apps/{} image updated: registry.acme.example/{}:{}",
        cx.name,
        cx.name,
        short(cx.release)
    ));
    let replicas = if environment == "production" { 6 } else { 2 };
    for ready in 0..replicas {
        out.push(format!(
            "Waiting for deployment \"{}\" rollout to finish: {ready} of {replicas} updated replicas are available...",
            cx.name
        ));
        if rng.below(3) == 0 {
            out.push(format!(
                "Waiting for deployment \"{}\" rollout to finish: 1 old replicas are pending termination...",
                cx.name
            ));
        }
    }
    out.push(format!(
        "deployment \"{}\" successfully rolled out",
        cx.name
    ));
}

pub fn smoke(cx: &Context, failed: bool, rng: &mut Rng, out: &mut Vec<String>) {
    script(out, &format!("./deploy/smoke.sh {}", cx.site));
    for path in ["/healthz", "/", "/api/basket", "/search?q=boots"] {
        out.push(format!(
            "GET {}{path} -> \u{1b}[32m200\u{1b}[0m ({} ms)",
            cx.site,
            20 + rng.below(180)
        ));
    }
    if failed {
        out.push(format!(
            "GET {}/checkout -> \u{1b}[31m500\u{1b}[0m ({} ms)",
            cx.site,
            900 + rng.below(600)
        ));
        out.push("##[error]Smoke test failed: /checkout answered 500 Internal Server Error".into());
        exit_code(out, 1);
        return;
    }
    out.push(format!(
        "GET {}/checkout -> \u{1b}[32m200\u{1b}[0m ({} ms)",
        cx.site,
        60 + rng.below(200)
    ));
    out.push("\u{1b}[32m✓ all 5 smoke checks passed\u{1b}[0m".into());
}
