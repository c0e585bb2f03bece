//! What every screen's status bar is built from: flags packed from the right end, then from the
//! left a busy marker and the message, each cut to the room the flags leave.

use super::Theme;
use super::text::{ago, put, put_right, width};
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// A backend whose last sync failed, while its older data stays on screen.
pub struct Failed<'s> {
    pub backend: &'s str,
    pub error: &'s str,
    pub synced: Option<DateTime<Utc>>,
}

impl<'s> Failed<'s> {
    /// The backend as failed when its last sync left an error.
    pub fn of(
        backend: &'s str,
        error: Option<&'s str>,
        synced: Option<DateTime<Utc>>,
    ) -> Option<Self> {
        Some(Self {
            backend,
            error: error?,
            synced,
        })
    }
}

pub struct StatusBar<'a> {
    buf: &'a mut Buffer,
    theme: &'a Theme,
    now: DateTime<Utc>,
    y: u16,
    /// Where the next piece on the left starts.
    x: u16,
    /// What the flags on the right have not taken; the left pieces end at its right edge.
    free: Rect,
}

impl<'a> StatusBar<'a> {
    /// Paints the bar over `area`; `now` is for "synced 2m ago".
    pub fn new(buf: &'a mut Buffer, area: Rect, theme: &'a Theme, now: DateTime<Utc>) -> Self {
        buf.set_style(area, theme.status_bar);
        let mut free = area;
        free.width = free.width.saturating_sub(1);
        Self {
            buf,
            theme,
            now,
            y: area.y,
            x: area.x + 1,
            free,
        }
    }

    /// A flag such as "read-only", at the right end left of the flags put before it.
    pub fn flag(&mut self, text: &str, style: Style) {
        let style = self.theme.status_bar.patch(style);
        let x = put_right(self.buf, self.free, self.y, text, style);
        self.free.width = x.saturating_sub(self.free.x + 2);
    }

    /// "⟳ syncing…" and the like, ahead of the message.
    pub fn busy(&mut self, text: &str) {
        self.x += self.put(text, self.room(), self.theme.pending) + 2;
    }

    /// "⚠ {error}", then " · showing {what} from 2m ago" when the screen still shows data
    /// read at `shown_at`. The error is cut, never how old the data on screen is.
    pub fn error(&mut self, error: &str, shown: Option<(&str, DateTime<Utc>)>) {
        let stale = shown
            .map(|(what, at)| format!(" · showing {what} from {}", ago(at, self.now)))
            .unwrap_or_default();
        let error_room = self.room().saturating_sub(width(&stale));
        self.x += self.put(&format!("⚠ {error}"), error_room, self.theme.error);
        self.put(&stale, self.room(), self.theme.warning);
    }

    /// The one message that matters most on a screen fed by several backends: its own error,
    /// else its note, else a backend that failed and how old its `what` on screen is. False
    /// when there was nothing to say.
    pub fn message(
        &mut self,
        error: Option<&str>,
        note: Option<&str>,
        failed: Option<Failed>,
        what: &str,
    ) -> bool {
        if let Some(error) = error {
            self.error(error, None);
        } else if let Some(note) = note {
            self.note(note);
        } else if let Some(failed) = failed {
            let error = format!("{}: {}", failed.backend, failed.error);
            self.error(&error, failed.synced.map(|at| (what, at)));
        } else {
            return false;
        }
        true
    }

    /// "synced 2m ago", or "not synced yet" without `at`.
    pub fn synced(&mut self, at: Option<DateTime<Utc>>) {
        let text = at.map_or("not synced yet".to_string(), |at| {
            format!("synced {}", ago(at, self.now))
        });
        self.muted(&text);
    }

    /// A quiet fact such as when the data was read.
    pub fn muted(&mut self, text: &str) {
        self.x += self.put(text, self.room(), self.theme.muted) + 2;
    }

    /// Something the user should act on that is not an error, such as a board cut short.
    pub fn warning(&mut self, text: &str) {
        self.x += self.put(&format!("⚠ {text}"), self.room(), self.theme.warning) + 2;
    }

    /// A note for the user, such as where a log was saved.
    pub fn note(&mut self, text: &str) {
        self.x += self.put(text, self.room(), self.theme.text) + 2;
    }

    fn room(&self) -> usize {
        usize::from(self.free.right().saturating_sub(self.x))
    }

    fn put(&mut self, text: &str, room: usize, style: Style) -> u16 {
        let style = self.theme.status_bar.patch(style);
        put(self.buf, self.x, self.y, text, room, style)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::text::line_text;
    use chrono::TimeZone;

    fn bar_line(width: u16, draw: impl FnOnce(&mut StatusBar)) -> String {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let theme = Theme::default();
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        draw(&mut StatusBar::new(&mut buf, area, &theme, now));
        line_text(&buf)
    }

    #[test]
    fn the_error_is_cut_never_how_old_the_data_is() {
        let read = Utc.with_ymd_and_hms(2026, 3, 2, 8, 55, 0).unwrap();
        let line = bar_line(50, |bar| {
            bar.flag("read-only", Style::new());
            bar.error("Jira answered 503", Some(("data", read)));
        });
        assert_eq!(line, " ⚠ Jira an… · showing data from 5m ago  read-only");
    }

    #[test]
    fn a_failed_backend_is_named_after_the_screens_own_error_and_note() {
        let failed = || Failed::of("ci", Some("timed out"), None);
        let line = |error: Option<&str>, note: Option<&str>| {
            bar_line(60, |bar| {
                assert!(bar.message(error, note, failed(), "runs"))
            })
        };
        assert_eq!(line(None, None), " ⚠ ci: timed out");
        assert_eq!(line(None, Some("saved log")), " saved log");
        assert_eq!(line(Some("offline"), Some("saved log")), " ⚠ offline");
        let mut said = true;
        bar_line(60, |bar| said = bar.message(None, None, None, "runs"));
        assert!(!said);
    }
}
