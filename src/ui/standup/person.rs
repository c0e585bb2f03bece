//! One person's standup page: what they moved since the last working day, what they have in
//! progress and for how long, what is blocked, and what they deployed.

use super::sections::{self, Item, Section};
use crate::app::sprint::Loaded;
use crate::app::sprint::activity::{deployments_by, failed_runs_by, window_start};
use crate::domain::Person;
use crate::domain::deploy::Deployment;
use crate::domain::pipeline::Run;
use crate::domain::sprint::{Moved, StandupPage};
use crate::ui::Ctx;
use crate::ui::deploy::{state_style, state_symbol, version};
use chrono::{DateTime, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// From this width the moves get a column of their own.
const TWO_COLUMNS: u16 = 120;

pub fn draw(buf: &mut Buffer, area: Rect, who: &Person, loaded: &Loaded, ctx: &Ctx) {
    let page = loaded.pages.iter().find(|p| p.person.id == who.id);
    let since = window_start(&loaded.data, ctx.now, &ctx.state.sprint.rules);
    let since_day = since
        .with_timezone(&loaded.data.offset)
        .format("%a %-d %b")
        .to_string();
    let moved = moved(page.map_or(&[][..], |p| &p.moved), &since_day, ctx);
    let mut rest = vec![in_progress(page, ctx)];
    rest.extend(blocked(page, ctx));
    if !ctx.state.deploy.backends.is_empty() {
        let deployments = deployments_by(ctx.state, who, since);
        rest.push(shipped(&deployments, &since_day, loaded.data.offset, ctx));
    }
    if ctx.state.pipelines.has_ci() {
        let runs = failed_runs_by(ctx.state, who, since);
        rest.extend(failed(&runs, loaded.data.offset, ctx));
    }
    if area.width >= TWO_COLUMNS {
        let half = area.width / 2;
        sections::draw(
            buf,
            Rect {
                width: half - 2,
                ..area
            },
            &[moved],
        );
        let right = Rect {
            x: area.x + half + 2,
            width: area.width - half - 2,
            ..area
        };
        sections::draw(buf, right, &rest);
    } else {
        rest.insert(1, moved);
        sections::draw(buf, area, &rest);
    }
}

fn title(text: impl Into<String>, ctx: &Ctx) -> (String, ratatui::style::Style) {
    (text.into(), ctx.theme.title)
}

fn when(at: DateTime<FixedOffset>) -> String {
    at.format("%a %H:%M").to_string()
}

fn moved(moves: &[Moved], since: &str, ctx: &Ctx) -> Section {
    let theme = ctx.theme;
    let items = moves
        .iter()
        .map(|m| {
            Item::new(
                vec![(when(m.at), theme.age), (m.key.0.clone(), theme.card_key)],
                (m.summary.clone(), theme.text),
                vec![(format!("{} → {}", m.from, m.to), theme.success)],
            )
        })
        .collect();
    Section {
        title: title(format!("Moved since {since}"), ctx),
        items,
        empty: Some(Item::words(
            format!("Nothing moved since {since}"),
            theme.muted,
        )),
        more_style: theme.muted,
    }
}

fn in_progress(page: Option<&StandupPage>, ctx: &Ctx) -> Section {
    let theme = ctx.theme;
    let aging = ctx.state.sprint.rules.aging_days;
    let items = page
        .map_or(&[][..], |p| &p.in_progress)
        .iter()
        .map(|(issue, age)| {
            let (days, style) = match age {
                Some(d) if *d > aging => (format!("{d}d ⚠"), theme.warning),
                Some(d) => (format!("{d}d"), theme.age),
                None => (String::new(), theme.age),
            };
            Item::new(
                vec![(issue.key.0.clone(), theme.card_key)],
                (issue.summary.clone(), theme.text),
                vec![(days, style)],
            )
        })
        .collect();
    Section {
        title: title("In progress", ctx),
        items,
        // Said plainly: at a standup this is the line that starts a conversation.
        empty: Some(Item::words("Nothing in progress", theme.warning)),
        more_style: theme.muted,
    }
}

/// Only when something is blocked: an empty list says nothing worth the room.
fn blocked(page: Option<&StandupPage>, ctx: &Ctx) -> Option<Section> {
    let theme = ctx.theme;
    let blocked = page.map_or(&[][..], |p| &p.blocked);
    if blocked.is_empty() {
        return None;
    }
    let items = blocked
        .iter()
        .map(|issue| {
            Item::new(
                vec![
                    ("✖".into(), theme.error),
                    (issue.key.0.clone(), theme.card_key),
                ],
                (issue.summary.clone(), theme.text),
                vec![(issue.status_name.clone(), theme.muted)],
            )
        })
        .collect();
    Some(Section {
        title: ("Blocked".into(), theme.error),
        items,
        empty: None,
        more_style: theme.muted,
    })
}

fn shipped(deployments: &[&Deployment], since: &str, offset: FixedOffset, ctx: &Ctx) -> Section {
    let theme = ctx.theme;
    let items = deployments
        .iter()
        .map(|d| {
            let what = format!("{} {} {}", d.service, d.environment, version(d));
            Item::new(
                vec![(state_symbol(d.state).into(), state_style(d.state, theme))],
                (what, theme.text),
                vec![(when(d.created_at.with_timezone(&offset)), theme.age)],
            )
        })
        .collect();
    Section {
        title: title("Deployments", ctx),
        items,
        empty: Some(Item::words(
            format!("No deployments since {since}"),
            theme.muted,
        )),
        more_style: theme.muted,
    }
}

/// Only when a run of theirs failed: good news needs no rows.
fn failed(runs: &[&Run], offset: FixedOffset, ctx: &Ctx) -> Option<Section> {
    let theme = ctx.theme;
    if runs.is_empty() {
        return None;
    }
    let items = runs
        .iter()
        .map(|run| {
            let what = [
                Some(run.name.as_str()),
                run.service.as_deref(),
                run.branch.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            let at = run
                .created_at
                .map(|t| when(t.with_timezone(&offset)))
                .unwrap_or_default();
            Item::new(
                vec![("✖".into(), theme.error)],
                (what, theme.text),
                vec![(at, theme.age)],
            )
        })
        .collect();
    Some(Section {
        title: ("Failed runs".into(), theme.error),
        items,
        empty: None,
        more_style: theme.muted,
    })
}
