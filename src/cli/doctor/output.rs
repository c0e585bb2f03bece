//! The report: a line per check grouped by source, with the fix under a failing line; or
//! JSON (`{"checks":[{"source","check","ok","detail","fix"}],"ok":bool}`). Every text is
//! sanitised: details quote servers and certificates.

use super::check::{Check, Checks, Status};
use crate::cli::Format;
use crate::domain::text::sanitize;
use std::io::{self, Write};

pub fn write(out: &mut impl Write, checks: &Checks, format: Format) -> io::Result<()> {
    let clean = Checks {
        checks: checks.checks.iter().map(clean).collect(),
        ok: checks.ok,
    };
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &clean)?;
            writeln!(out)
        }
        Format::Plain => plain(out, &clean),
    }
}

fn clean(check: &Check) -> Check {
    Check {
        source: sanitize(&check.source, false),
        detail: sanitize(&check.detail, false),
        fix: check.fix.as_deref().map(|f| sanitize(f, false)),
        ..check.clone()
    }
}

fn plain(out: &mut impl Write, checks: &Checks) -> io::Result<()> {
    let mut source = None;
    for check in &checks.checks {
        if source != Some(&check.source) {
            if source.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", check.source)?;
            source = Some(&check.source);
        }
        let mark = match check.status {
            Status::Pass => "✔",
            Status::Warn => "!",
            Status::Fail => "✖",
            Status::NotTried => "·",
        };
        writeln!(out, "  {mark} {:<9} {}", check.check, check.detail)?;
        if let Some(fix) = &check.fix {
            writeln!(out, "    {:<9} fix: {fix}", "")?;
        }
    }
    let failed = checks
        .checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .count();
    let warned = checks
        .checks
        .iter()
        .filter(|c| c.status == Status::Warn)
        .count();
    writeln!(out)?;
    match (failed, warned) {
        (0, 0) => writeln!(out, "All {} checks passed.", checks.checks.len()),
        (0, w) => writeln!(
            out,
            "All checks passed; {w} {} a look.",
            plural(w, "deserves", "deserve")
        ),
        (f, _) => writeln!(out, "{f} {} failed.", plural(f, "check", "checks")),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
