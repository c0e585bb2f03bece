//! Styles by meaning, loaded once at start from TOML: a built-in theme or a user file merged
//! over the built-in dark one.

use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;
use thiserror::Error;

#[cfg(test)]
mod tests;

/// Built-in themes, embedded so the binary works from any directory.
const DARK: &str = include_str!("../../themes/dark.toml");
const MONO: &str = include_str!("../../themes/mono.toml");
const BUILT_IN: &[(&str, &str)] = &[
    ("dark", DARK),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", MONO),
];

#[derive(Debug, Error, PartialEq)]
pub enum ThemeError {
    #[error("unknown theme `{0}`: use dark, light, high-contrast, mono or a path to a .toml file")]
    UnknownTheme(String),
    #[error("{path}: cannot read the theme: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: line {line}: {message}")]
    Syntax {
        path: String,
        line: usize,
        message: String,
    },
    /// A key or value the theme cannot use, e.g. `wip_over: unknown colour "purpel"`.
    #[error("{path}: {key}: {problem}")]
    Invalid {
        path: String,
        key: String,
        problem: String,
    },
}

macro_rules! theme_keys {
    ($($key:ident),* $(,)?) => {
        /// One style per meaning; views never name colours.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Theme {
            $(pub $key: Style,)*
        }

        impl Theme {
            /// Every key a theme file may set.
            pub const KEYS: &[&str] = &[$(stringify!($key)),*];

            fn slot(&mut self, key: &str) -> Option<&mut Style> {
                match key {
                    $(stringify!($key) => Some(&mut self.$key),)*
                    _ => None,
                }
            }
        }
    };
}

theme_keys!(
    text,
    muted,
    border,
    border_focus,
    title,
    selection,
    card_key,
    points,
    assignee,
    age,
    wip_ok,
    wip_full,
    wip_over,
    wip_under,
    pending,
    error,
    warning,
    success,
    banner,
    status_bar,
    footer_key,
    footer_text,
    popup_border,
    lane_header,
    filter,
    search_match,
    search_current,
    log_cursor,
);

impl Theme {
    /// `name_or_path`: a built-in name (dark, light, high-contrast, mono) or a path to a TOML
    /// file, which merges over the built-in dark theme. `no_color` forces mono; a user file is
    /// still checked so a mistake in it shows whatever the environment.
    pub fn load(name_or_path: &str, no_color: bool) -> Result<Theme, ThemeError> {
        let theme = match built_in(name_or_path) {
            Some(text) => Self::from_built_in(name_or_path, text)?,
            None => {
                let text = read_user_file(name_or_path)?;
                Self::from_built_in("dark", DARK)?.merged(name_or_path, &text)?
            }
        };
        if no_color {
            return Self::from_built_in("mono", MONO);
        }
        Ok(theme)
    }

    /// Mono starts blank so no colour can leak in from dark; the other built-ins set every
    /// key themselves (a test checks it), so their base does not matter.
    fn from_built_in(name: &str, text: &str) -> Result<Theme, ThemeError> {
        Theme::default().merged(&format!("themes/{name}.toml"), text)
    }

    /// This theme with the keys set in `text` replaced; `path` names the file in errors.
    fn merged(mut self, path: &str, text: &str) -> Result<Theme, ThemeError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ThemeError::Syntax {
            path: path.to_string(),
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        for (key, value) in &table {
            let invalid = |problem: String| ThemeError::Invalid {
                path: path.to_string(),
                key: key.clone(),
                problem,
            };
            let slot = self.slot(key).ok_or_else(|| {
                invalid(format!("unknown key (known: {})", Self::KEYS.join(", ")))
            })?;
            *slot = parse_style(value).map_err(invalid)?;
        }
        Ok(self)
    }
}

impl Theme {
    /// Some key has a colour; the mono theme (and NO_COLOR) has none, and then the log's own
    /// colours are left out too.
    pub fn has_colour(&self) -> bool {
        let mut theme = self.clone();
        Self::KEYS.iter().any(|key| {
            theme
                .slot(key)
                .is_some_and(|s| s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some())
        })
    }
}

fn built_in(name: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

fn read_user_file(path: &str) -> Result<String, ThemeError> {
    std::fs::read_to_string(path).map_err(|e| {
        let looks_like_name = !path.contains(['/', '\\']) && !path.ends_with(".toml");
        if e.kind() == std::io::ErrorKind::NotFound && looks_like_name {
            ThemeError::UnknownTheme(path.to_string())
        } else {
            ThemeError::Read {
                path: path.to_string(),
                reason: e.to_string(),
            }
        }
    })
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |head| head.matches('\n').count() + 1)
}

/// A style is a table `{ fg, bg, modifiers }`, or a bare colour meaning the foreground.
fn parse_style(value: &toml::Value) -> Result<Style, String> {
    let table = match value {
        toml::Value::Table(table) => table,
        bare => return Ok(Style::new().fg(parse_colour(bare)?)),
    };
    let mut style = Style::new();
    for (field, value) in table {
        match field.as_str() {
            "fg" => style = style.fg(parse_colour(value)?),
            "bg" => style = style.bg(parse_colour(value)?),
            "modifiers" => style = style.add_modifier(parse_modifiers(value)?),
            other => return Err(format!("unknown field `{other}` (use fg, bg, modifiers)")),
        }
    }
    Ok(style)
}

fn parse_colour(value: &toml::Value) -> Result<Color, String> {
    match value {
        toml::Value::String(name) => {
            Color::from_str(name).map_err(|_| format!("unknown colour \"{name}\""))
        }
        toml::Value::Integer(index) => u8::try_from(*index)
            .map(Color::Indexed)
            .map_err(|_| format!("colour index {index} is not within 0-255")),
        other => Err(format!(
            "a colour is a name, \"#rrggbb\" or 0-255, not {}",
            other.type_str()
        )),
    }
}

fn parse_modifiers(value: &toml::Value) -> Result<Modifier, String> {
    let toml::Value::Array(items) = value else {
        return Err("modifiers is a list, e.g. [\"bold\"]".to_string());
    };
    items.iter().try_fold(Modifier::empty(), |acc, item| {
        let modifier = match item.as_str() {
            Some("bold") => Modifier::BOLD,
            Some("dim") => Modifier::DIM,
            Some("italic") => Modifier::ITALIC,
            Some("underlined") => Modifier::UNDERLINED,
            Some("reversed") => Modifier::REVERSED,
            _ => {
                return Err(format!(
                    "unknown modifier {item} (use bold, dim, italic, underlined, reversed)"
                ));
            }
        };
        Ok(acc | modifier)
    })
}
