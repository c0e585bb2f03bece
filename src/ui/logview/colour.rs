//! The log's own SGR styles as terminal styles.

use crate::logs::{LogColor, LogStyle};
use ratatui::style::{Color, Modifier, Style};

/// `colour` false (a theme without colour, as with NO_COLOR) keeps only the modifiers.
pub fn style_of(log: &LogStyle, colour: bool) -> Style {
    let mut style = Style::new();
    if colour {
        if let Some(fg) = log.fg {
            style = style.fg(color(fg));
        }
        if let Some(bg) = log.bg {
            style = style.bg(color(bg));
        }
    }
    let modifiers = [
        (log.bold, Modifier::BOLD),
        (log.dim, Modifier::DIM),
        (log.italic, Modifier::ITALIC),
        (log.underline, Modifier::UNDERLINED),
        (log.reverse, Modifier::REVERSED),
    ];
    for (on, modifier) in modifiers {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    style
}

fn color(c: LogColor) -> Color {
    match c {
        LogColor::Indexed(n) => Color::Indexed(n),
        LogColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_go_with_the_theme_and_modifiers_stay() {
        let log = LogStyle {
            fg: Some(LogColor::Indexed(1)),
            bg: Some(LogColor::Rgb(1, 2, 3)),
            bold: true,
            ..LogStyle::default()
        };
        let coloured = style_of(&log, true);
        assert_eq!(coloured.fg, Some(Color::Indexed(1)));
        assert_eq!(coloured.bg, Some(Color::Rgb(1, 2, 3)));
        let plain = style_of(&log, false);
        assert_eq!((plain.fg, plain.bg), (None, None));
        assert!(plain.add_modifier.contains(Modifier::BOLD));
    }
}
