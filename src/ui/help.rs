//! The help overlay: every action with its chords and description, from the keymap, grouped.
//! Two columns when the screen is wide enough; what still does not fit ends in "…".

use super::Ctx;
use super::footer::key_label;
use super::popup::open;
use super::text::{put, width};
use crate::app::{Action, deploy, pipelines};
use crate::domain::pipeline::RunAction;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const GROUPS: [(&str, &[Action]); 9] = [
    (
        "Navigation",
        &[
            Action::Left,
            Action::Right,
            Action::Up,
            Action::Down,
            Action::Top,
            Action::Bottom,
            Action::PageUp,
            Action::PageDown,
        ],
    ),
    (
        "Cards",
        &[
            Action::MoveLeft,
            Action::MoveRight,
            Action::Open,
            Action::Refresh,
        ],
    ),
    (
        "View",
        &[
            Action::Filter,
            Action::ToggleMine,
            Action::ToggleSwimlanes,
            Action::ScreenBoard,
            Action::ScreenDeploy,
            Action::ScreenPipelines,
            Action::ScreenSprint,
            Action::ScreenStandup,
        ],
    ),
    (
        "Sprint",
        &[Action::ToggleBurnup, Action::PrevSprint, Action::NextSprint],
    ),
    (
        "Standup",
        &[Action::NextPerson, Action::PrevPerson, Action::PauseStandup],
    ),
    (
        "Deploys",
        &[
            Action::Promote,
            Action::Rollback,
            Action::Cancel,
            Action::ViewLog,
            Action::GoToIssue,
            Action::Approve,
            Action::Reject,
        ],
    ),
    ("Runs", &[Action::RerunFailed, Action::CancelRun]),
    (
        "Logs",
        &[
            Action::SearchNext,
            Action::SearchPrev,
            Action::ToggleFilterMode,
            Action::NextError,
            Action::PrevError,
            Action::ToggleWrap,
            Action::ToggleTimestamps,
            Action::SaveLog,
            Action::OpenUrl,
        ],
    ),
    (
        "App",
        &[
            Action::Help,
            Action::Close,
            Action::Confirm,
            Action::Deny,
            Action::Quit,
        ],
    ),
];
/// Long chord lists are cut so descriptions keep their place.
const MAX_CHORDS_WIDTH: usize = 16;
const MIN_DESCRIPTION_WIDTH: usize = 14;

enum Row {
    Heading(&'static str),
    Entry(String, &'static str),
    Blank,
}

/// The keys that work here: global ones and the current screen's own, leaving out the
/// controls that apply to nothing on screen now.
pub fn draw(buf: &mut Buffer, screen: Rect, ctx: &Ctx) {
    let here = ctx.state.key_context();
    let groups: Vec<Vec<Row>> = GROUPS
        .iter()
        .filter_map(|(name, actions)| {
            let mut shown = actions
                .iter()
                .filter(|a| a.context().is_none_or(|c| c == here) && applies(ctx, **a))
                .peekable();
            shown.peek()?;
            let mut rows = vec![Row::Heading(name)];
            rows.extend(shown.map(|a| Row::Entry(chords(ctx, *a), a.description())));
            Some(rows)
        })
        .collect();
    let chords_w = entries(&groups)
        .map(|(c, _)| width(c))
        .max()
        .unwrap_or(0)
        .min(MAX_CHORDS_WIDTH);
    let desc_w = entries(&groups).map(|(_, d)| width(d)).max().unwrap_or(0);
    let mut entry_w = (chords_w + 2 + desc_w) as u16;

    let one_column: usize = groups.iter().map(Vec::len).sum::<usize>() + groups.len() - 1;
    let room_h = usize::from(screen.height.saturating_sub(4));
    let room_w = screen.width.saturating_sub(6);
    // Two columns with a few long descriptions cut beat one column cut off at the bottom.
    let min_entry = (chords_w + 2 + MIN_DESCRIPTION_WIDTH) as u16;
    let two = one_column > room_h && 2 * min_entry + 3 <= room_w;
    if two {
        entry_w = entry_w.min((room_w - 3) / 2);
    }
    let columns = if two {
        split(groups)
    } else {
        vec![join(groups)]
    };

    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let cols = columns.len() as u16;
    let inner = open(
        buf,
        screen,
        cols * entry_w + (cols - 1) * 3 + 4,
        tallest + 2,
        "Keys",
        ctx,
    );
    for (k, rows) in columns.iter().enumerate() {
        let x = inner.x + k as u16 * (entry_w + 3);
        let area = Rect {
            x,
            width: entry_w.min(inner.right().saturating_sub(x)),
            ..inner
        };
        draw_rows(buf, area, rows, chords_w, ctx);
    }
}

/// Run controls and reviews show only when the key would do something.
fn applies(ctx: &Ctx, action: Action) -> bool {
    match action {
        Action::RerunFailed => pipelines::available(ctx.state, RunAction::RerunFailed),
        Action::CancelRun => pipelines::available(ctx.state, RunAction::Cancel),
        Action::Approve | Action::Reject => deploy::review_offered(ctx.state),
        _ => true,
    }
}

fn chords(ctx: &Ctx, action: Action) -> String {
    let labels: Vec<_> = ctx
        .keymap
        .chords(action)
        .iter()
        .map(|c| key_label(c))
        .collect();
    labels.join(", ")
}

fn entries(groups: &[Vec<Row>]) -> impl Iterator<Item = (&str, &str)> {
    groups.iter().flatten().filter_map(|row| match row {
        Row::Entry(chords, desc) => Some((chords.as_str(), *desc)),
        _ => None,
    })
}

fn join(groups: Vec<Vec<Row>>) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in groups {
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        rows.extend(group);
    }
    rows
}

/// Whole groups into two columns, cut where the taller of the two is shortest.
fn split(groups: Vec<Vec<Row>>) -> Vec<Vec<Row>> {
    let heights: Vec<usize> = groups.iter().map(Vec::len).collect();
    let column = |part: &[usize]| part.iter().sum::<usize>() + part.len().saturating_sub(1);
    let cut = (1..heights.len())
        .min_by_key(|&k| column(&heights[..k]).max(column(&heights[k..])))
        .unwrap_or(heights.len());
    let mut left = groups;
    let right = left.split_off(cut);
    vec![join(left), join(right)]
}

fn draw_rows(buf: &mut Buffer, area: Rect, rows: &[Row], chords_w: usize, ctx: &Ctx) {
    let theme = ctx.theme;
    let max = usize::from(area.width);
    let fits = usize::from(area.height);
    for (i, row) in rows.iter().enumerate().take(fits) {
        let y = area.y + i as u16;
        if i + 1 == fits && rows.len() > fits {
            put(buf, area.x, y, "…", max, theme.muted);
            break;
        }
        match row {
            Row::Heading(name) => {
                put(buf, area.x, y, name, max, theme.title);
            }
            Row::Entry(chords, desc) => {
                put(buf, area.x, y, chords, chords_w.min(max), theme.footer_key);
                let x = area.x + (chords_w + 2) as u16;
                put(
                    buf,
                    x,
                    y,
                    desc,
                    max.saturating_sub(chords_w + 2),
                    theme.text,
                );
            }
            Row::Blank => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GROUPS;
    use crate::app::Action;

    #[test]
    fn every_action_is_in_exactly_one_group() {
        for action in Action::ALL {
            let homes = GROUPS
                .iter()
                .filter(|(_, actions)| actions.contains(&action))
                .count();
            assert_eq!(homes, 1, "{action:?}");
        }
    }
}
