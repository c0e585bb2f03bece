//! One card: key, summary, assignee initials, points and age in its column.
//!
//! Two lines:  `▌PAY-12 ⟳     AK 3p 4d`      One line:  `▌PAY-12 Fix the log… AK`
//!             `▌Fix the login redirect…`

use super::Ctx;
use super::text::{fit, put, width};
use crate::domain::Issue;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Marks the selected card so it shows without colour too.
const SELECTED: &str = "▌";
const PENDING: &str = "⟳";
/// In one-line mode the summary keeps at least this many cells before meta is dropped.
const MIN_SUMMARY: usize = 10;

pub struct Look {
    pub selected: bool,
    pub pending: bool,
}

/// Draws `issue` into `area` (one or two lines high, a column's inner width).
pub fn draw(buf: &mut Buffer, area: Rect, issue: &Issue, look: &Look, ctx: &Ctx) {
    let theme = ctx.theme;
    // Selection overrides colours but keeps each part's modifiers.
    let style = |s: Style| {
        if look.selected {
            s.patch(theme.selection)
        } else {
            s
        }
    };
    if look.selected {
        buf.set_style(area, style(theme.text));
    }
    let marker = if look.selected { SELECTED } else { " " };
    for y in area.y..area.bottom() {
        put(buf, area.x, y, marker, 1, style(theme.text));
    }

    let inner = usize::from(area.width.saturating_sub(1));
    let room = |x: u16| usize::from(area.right().saturating_sub(x));
    let mut x = area.x + 1;
    x += put(
        buf,
        x,
        area.y,
        short_key(&issue.key.0),
        room(x),
        style(theme.card_key),
    );
    if look.pending {
        x += put(buf, x, area.y, " ", room(x), style(theme.text));
        x += put(buf, x, area.y, PENDING, room(x), style(theme.pending));
    }
    let left = usize::from(x - area.x);
    let rest = usize::from(area.width).saturating_sub(left + 1);

    let pieces = meta(issue, ctx);
    if area.height >= 2 {
        draw_meta(buf, area, &pieces, rest, &style);
        put(
            buf,
            area.x + 1,
            area.y + 1,
            &issue.summary,
            inner,
            style(theme.text),
        );
    } else {
        let meta_budget = rest.saturating_sub(MIN_SUMMARY + 1);
        let meta_w = draw_meta(buf, area, &pieces, meta_budget, &style);
        let summary_w = rest.saturating_sub(meta_w + usize::from(meta_w > 0));
        put(
            buf,
            x + 1,
            area.y,
            &issue.summary,
            summary_w,
            style(theme.text),
        );
    }
}

/// A key as short as a card needs it: GitHub's `acme/storefront#12` as `storefront#12` (the
/// column already says which board; the detail keeps the full key) and a draft's
/// `draft:PVTI_…` as `draft`. Jira keys stay as they are.
pub fn short_key(key: &str) -> &str {
    if key.starts_with("draft:") {
        return "draft";
    }
    // The owner ends at the last '/' before the '#'.
    let repo = key.split_once('#').map_or("", |(repo, _)| repo);
    match repo.rfind('/') {
        Some(slash) => &key[slash + 1..],
        None => key,
    }
}

/// Right-aligned meta on the first line, dropping the least telling parts (age, then points)
/// until it fits in `budget` cells; returns the cells used.
fn draw_meta(
    buf: &mut Buffer,
    area: Rect,
    pieces: &[(String, Style)],
    budget: usize,
    style: &dyn Fn(Style) -> Style,
) -> usize {
    let mut shown = pieces.len();
    let total = |n: usize| -> usize {
        pieces[..n].iter().map(|(s, _)| width(s)).sum::<usize>() + n.saturating_sub(1)
    };
    while shown > 0 && total(shown) > budget {
        shown -= 1;
    }
    let used = total(shown);
    let mut x = area.right().saturating_sub(used as u16);
    for (i, (text, piece_style)) in pieces[..shown].iter().enumerate() {
        if i > 0 {
            x += 1;
        }
        x += put(buf, x, area.y, text, used, style(*piece_style));
    }
    used
}

/// Initials (if assigned), points, age in column, most telling first.
fn meta(issue: &Issue, ctx: &Ctx) -> Vec<(String, Style)> {
    let theme = ctx.theme;
    let mut pieces = Vec::with_capacity(3);
    if let Some(person) = &issue.assignee {
        pieces.push((fit(&person.initials(), 3).into_owned(), theme.assignee));
    }
    pieces.push((super::text::points(issue.points), theme.points));
    if let Some(since) = issue.status_since {
        pieces.push((super::text::age(since, ctx.now), theme.age));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::State;
    use crate::app::keymap::Keymap;
    use crate::config::WipPolicy;
    use crate::domain::{IssueKey, Person, StatusId};
    use crate::ui::Theme;
    use chrono::{Duration, Utc};

    fn lines(issue: &Issue, look: &Look, width: u16, height: u16) -> Vec<String> {
        let state = State::new(WipPolicy::Warn, std::time::Duration::from_secs(60));
        let (theme, keymap, now) = (Theme::default(), Keymap::default(), Utc::now());
        let ctx = Ctx {
            state: &state,
            theme: &theme,
            keymap: &keymap,
            now,
        };
        // A cleared card between two "#" cells that catch anything drawn outside it.
        let blank = format!("#{}#", " ".repeat(usize::from(width)));
        let mut buf = Buffer::with_lines(vec![blank; usize::from(height)]);
        draw(&mut buf, Rect::new(1, 0, width, height), issue, look, &ctx);
        (0..height)
            .map(|y| (0..width + 2).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    fn issue(key: &str, summary: &str) -> Issue {
        Issue {
            key: IssueKey(key.into()),
            summary: summary.into(),
            status: StatusId("1".into()),
            status_name: "To Do".into(),
            assignee: Some(Person {
                id: "a".into(),
                display_name: "Ana Kowalski".into(),
            }),
            points: Some(3.0),
            labels: Vec::new(),
            description: String::new(),
            sprint: None,
            url: String::new(),
            status_since: Some(Utc::now() - Duration::hours(50)),
        }
    }

    #[test]
    fn two_lines_with_meta_on_the_right() {
        let look = Look {
            selected: true,
            pending: true,
        };
        let drawn = lines(
            &issue("PAY-12", "Fix the login redirect loop"),
            &look,
            24,
            2,
        );
        assert_eq!(
            drawn,
            ["#▌PAY-12 ⟳       AK 3p 2d#", "#▌Fix the login redirect…#"]
        );
    }

    #[test]
    fn one_line_drops_meta_before_the_summary_gets_too_short() {
        let look = Look {
            selected: false,
            pending: false,
        };
        let summary = issue("PAY-12", "Fix the login redirect loop");
        let drawn = lines(&summary, &look, 30, 1);
        assert_eq!(drawn, ["# PAY-12 Fix the logi… AK 3p 2d#"]);
        let drawn = lines(&summary, &look, 24, 1);
        assert_eq!(drawn, ["# PAY-12 Fix the l… AK 3p#"]);
    }

    #[test]
    fn github_keys_drop_the_owner_and_drafts_say_so() {
        assert_eq!(short_key("acme/storefront#12"), "storefront#12");
        assert_eq!(short_key("draft:PVTI_lADOB1234"), "draft");
        assert_eq!(short_key("PAY-12"), "PAY-12");
        assert_eq!(short_key("issue#3"), "issue#3");
        let look = Look {
            selected: false,
            pending: false,
        };
        let drawn = lines(&issue("acme/storefront#12", "Cart"), &look, 24, 2);
        assert_eq!(drawn[0], "# storefront#12  AK 3p 2d#");
    }

    #[test]
    fn a_key_longer_than_the_card_stays_inside() {
        let look = Look {
            selected: false,
            pending: true,
        };
        let drawn = lines(&issue("VERYLONGPROJECTKEY-123456", "x"), &look, 12, 2);
        assert_eq!(drawn, ["# VERYLONGPR…#", "# x          #"]);
    }
}
