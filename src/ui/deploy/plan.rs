//! The plan popup: what a promote, rollback, cancel or review will do, the environment's
//! protection rules, what would make the server refuse, and how to confirm. Sized to its content and kept inside the screen; when short
//! on height the list of changes gives way first, the confirmation line never.

use super::look::{clock, short, version};
use super::pieces::{self, Piece};
use crate::app::Action;
use crate::app::deploy::{Plan, PlanKind};
use crate::domain::deploy::plan::CHANGES_CUT;
use crate::ui::Ctx;
use crate::ui::footer::key_label;
use crate::ui::popup::open;
use crate::ui::text::{tail, width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Wider than this the popup is hard to take in at a glance.
const MAX_WIDTH: u16 = 96;

type Line = Vec<Piece>;

pub fn draw(buf: &mut Buffer, screen: Rect, plan: &Plan, ctx: &Ctx) {
    let title = plan.title();
    let head = head(plan, ctx);
    let mut changes = changes(plan, ctx);
    let room_w = usize::from(screen.width.min(MAX_WIDTH).saturating_sub(6));
    let confirm = confirmation(plan, room_w, ctx);
    let widest = head
        .iter()
        .chain(&changes)
        .chain(&confirm)
        .map(|l| l.iter().map(|p| width(&p.text)).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(width(&title) + 2);
    let w = u16::try_from(widest + 4)
        .unwrap_or(MAX_WIDTH)
        .min(MAX_WIDTH);
    let lines = head.len() + changes.len() + confirm.len();
    let h = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    let inner = open(buf, screen, w, h, &title, ctx);

    // The confirmation first, then the head; the changes get what is left.
    let room = usize::from(inner.height);
    let confirm_n = confirm.len().min(room);
    let head_n = head.len().min(room - confirm_n);
    let change_room = room - confirm_n - head_n;
    if changes.len() > change_room {
        let hidden = changes.len() - change_room.saturating_sub(1);
        changes.truncate(change_room.saturating_sub(1));
        if change_room > 0 {
            changes.push(vec![Piece::new(
                format!("  … {hidden} more"),
                ctx.theme.muted,
            )]);
        }
    }
    let shown = head
        .into_iter()
        .take(head_n)
        .chain(changes)
        .chain(confirm.into_iter().rev().take(confirm_n).rev());
    for (line, y) in shown.zip(inner.y..inner.bottom()) {
        pieces::draw(buf, inner.x, y, usize::from(inner.width), line, &|s| s);
    }
}

/// Service, environments, what runs now and what will run.
fn head(plan: &Plan, ctx: &Ctx) -> Vec<Line> {
    let theme = ctx.theme;
    let field = |name: &str, value: String| {
        vec![
            Piece::new(format!("{name}: "), theme.muted),
            Piece::new(value, theme.text),
        ]
    };
    let outline = &plan.outline;
    let mut lines = vec![field("service", outline.service.clone())];
    match &plan.kind {
        PlanKind::Promote => lines.push(vec![
            Piece::new(plan.from().to_string(), theme.text),
            Piece::new(" → ", theme.muted),
            Piece::new(plan.environment().to_string(), theme.title),
        ]),
        PlanKind::Rollback | PlanKind::Cancel { .. } | PlanKind::Review { .. } => {
            lines.push(field("environment", plan.environment().to_string()));
        }
    }
    let runs = outline
        .current
        .as_ref()
        .map_or("nothing".to_string(), version);
    // A backend may report the deployment under review as the environment's latest; what
    // runs before it is then not known here, and saying the reviewed one runs would mislead.
    let under_review = match &plan.kind {
        PlanKind::Review { deployment, .. } => outline
            .current
            .as_ref()
            .is_some_and(|c| c.id == deployment.id),
        _ => false,
    };
    if !under_review {
        lines.push(field("runs now", runs));
    }
    match &plan.kind {
        PlanKind::Cancel { deployment, .. } => {
            let mut stops = format!("{} · {}", version(deployment), deployment.id);
            stops.push_str(&format!(
                " · {}",
                super::look::state_words(deployment.state)
            ));
            if deployment.state.is_active() {
                stops.push_str(&format!(" {}", clock(deployment.created_at, ctx.now)));
            }
            lines.push(field("will stop", stops));
        }
        PlanKind::Review {
            deployment,
            approve,
        } => {
            let what = format!("{} · {}", version(deployment), deployment.id);
            lines.push(field(
                if *approve { "will run" } else { "turns down" },
                what,
            ));
            let who = deployment.by.as_deref().unwrap_or("someone");
            let waited = clock(deployment.created_at, ctx.now);
            lines.push(field("asked by", format!("{who} · waiting {waited}")));
        }
        kind => {
            let will = match (&outline.incoming, kind) {
                (Some(d), PlanKind::Rollback) => format!("{} · {}", version(d), d.id),
                (Some(d), _) => version(d),
                (None, _) if plan.loading => "reading history…".to_string(),
                (None, _) => "—".to_string(),
            };
            lines.push(field("will run", will));
        }
    }
    if !plan.protection.is_empty() {
        lines.push(field("protection", plan.protection.join(" · ")));
    }
    lines
}

/// The commits the action brings, or takes away (a rollback, or a promote of something older).
fn changes(plan: &Plan, ctx: &Ctx) -> Vec<Line> {
    let theme = ctx.theme;
    let outline = &plan.outline;
    let heading = match (&plan.kind, outline.reverts) {
        (PlanKind::Cancel { .. }, _) => return Vec::new(),
        (PlanKind::Review { .. }, _) => "changes it brings:",
        (_, true) => "changes undone:",
        (_, false) => "changes:",
    };
    // A plan blocked before its history was read has no list to speak of.
    if !outline.blockers.is_empty() && outline.changes.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Vec::new(), vec![Piece::new(heading, theme.title)]];
    if plan.loading {
        lines.push(vec![Piece::new("  reading history…", theme.pending)]);
    } else if outline.changes.is_empty() {
        lines.push(vec![Piece::new("  no changes listed", theme.muted)]);
    }
    for change in &outline.changes {
        let mut line = vec![
            Piece::new(format!("  {}", short(&change.sha)), theme.card_key),
            Piece::new(format!(" {}", change.title), theme.text),
        ];
        if !change.issue_keys.is_empty() {
            let keys: Vec<&str> = change.issue_keys.iter().map(|k| k.0.as_str()).collect();
            line.push(Piece::new(format!(" [{}]", keys.join(", ")), theme.muted));
        }
        lines.push(line);
    }
    if !plan.loading && !outline.changes_complete {
        lines.push(vec![Piece::new(format!("  {CHANGES_CUT}"), theme.muted)]);
    }
    lines
}

/// Why nothing will be sent, or how to confirm; `room` is the widest a line can be.
fn confirmation(plan: &Plan, room: usize, ctx: &Ctx) -> Vec<Line> {
    let theme = ctx.theme;
    let key = |action: Action| key_label(ctx.keymap.hint(action)).into_owned();
    let mut lines = vec![Vec::new()];
    if !plan.outline.blockers.is_empty() {
        for blocker in &plan.outline.blockers {
            lines.push(vec![Piece::new(format!("✖ {blocker}"), theme.error)]);
        }
        lines.push(vec![Piece::new(
            format!("Blocked: nothing will be sent ({})", key(Action::Close)),
            theme.warning,
        )]);
    } else if plan.loading {
        lines.push(vec![Piece::new(
            format!("{} cancel", key(Action::Close)),
            theme.muted,
        )]);
    } else if plan.needs_typing() {
        let env = plan.environment();
        let ask = format!("{env} is protected. Type its name to confirm: ");
        // On a narrow screen the input gets its own line so it never scrolls out of sight.
        let expected = width(env).max(width(&plan.typed)) + 1;
        let mut input = Vec::new();
        let input_room = if width(&ask) + expected <= room {
            let left = room - width(&ask);
            input.push(Piece::new(ask, theme.warning));
            left
        } else {
            lines.push(vec![Piece::new(ask.trim_end().to_string(), theme.warning)]);
            room
        };
        // The end of what was typed stays in view, the cursor after it.
        let typed = tail(&plan.typed, input_room.saturating_sub(1));
        input.push(Piece::new(typed, theme.title));
        input.push(Piece::new("█", theme.text));
        lines.push(input);
        lines.push(vec![Piece::new(
            format!(
                "{} confirm · {} cancel",
                key(Action::Open),
                key(Action::Close)
            ),
            theme.muted,
        )]);
    } else {
        lines.push(vec![Piece::new(
            format!(
                "{} confirm · {} cancel",
                key(Action::Confirm),
                key(Action::Deny)
            ),
            theme.muted,
        )]);
    }
    lines
}
