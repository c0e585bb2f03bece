//! Colours and attributes a log asked for with SGR (`ESC [ ... m`), kept free of any terminal
//! library: the UI maps them to its own styles.

use vte::Params;

/// Colour as the log asked for it; the UI maps it to the terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogColor {
    /// 0-255: SGR 30-37 / 40-47 are 0-7, 90-97 / 100-107 are 8-15, `38;5;n` is n.
    Indexed(u8),
    /// `38;2;r;g;b` truecolour.
    Rgb(u8, u8, u8),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LogStyle {
    pub fg: Option<LogColor>,
    pub bg: Option<LogColor>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

/// A styled byte range of `LogLine::text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StyledRun {
    pub start: u32,
    pub end: u32,
    pub style: LogStyle,
}

impl LogStyle {
    /// True for the terminal's default look: text in this style needs no run.
    pub fn is_plain(&self) -> bool {
        *self == Self::default()
    }

    /// Applies the parameters of one SGR sequence, left to right, as a terminal would.
    /// Unknown codes and malformed colours are ignored rather than resetting anything.
    pub(super) fn apply_sgr(&mut self, params: &Params) {
        let mut groups = params.iter();
        while let Some(group) = groups.next() {
            let code = group.first().copied().unwrap_or(0);
            match code {
                0 => *self = Self::default(),
                1 => self.bold = true,
                2 => self.dim = true,
                3 => self.italic = true,
                // `4:0` is "no underline"; `4:3` (curly) and friends still underline.
                4 => self.underline = group.get(1).is_none_or(|&kind| kind != 0),
                7 => self.reverse = true,
                21 => self.underline = true,
                22 => {
                    self.bold = false;
                    self.dim = false;
                }
                23 => self.italic = false,
                24 => self.underline = false,
                27 => self.reverse = false,
                30..=37 => self.fg = Some(LogColor::Indexed((code - 30) as u8)),
                38 => {
                    if let Some(color) = extended_color(group, &mut groups) {
                        self.fg = Some(color);
                    }
                }
                39 => self.fg = None,
                40..=47 => self.bg = Some(LogColor::Indexed((code - 40) as u8)),
                48 => {
                    if let Some(color) = extended_color(group, &mut groups) {
                        self.bg = Some(color);
                    }
                }
                49 => self.bg = None,
                90..=97 => self.fg = Some(LogColor::Indexed((code - 90 + 8) as u8)),
                100..=107 => self.bg = Some(LogColor::Indexed((code - 100 + 8) as u8)),
                _ => {}
            }
        }
    }
}

/// Reads a 256-colour or truecolour spec after 38/48, in either the colon form
/// (`38:5:n`, `38:2::r:g:b`, `38:2:r:g:b`) or the common semicolon form (`38;5;n`,
/// `38;2;r;g;b`), which takes its values from the following parameters.
fn extended_color<'a>(
    group: &[u16],
    rest: &mut impl Iterator<Item = &'a [u16]>,
) -> Option<LogColor> {
    if group.len() > 1 {
        return match group[1] {
            5 => indexed(group.get(2).copied()),
            // With a colour-space id the channels sit one place further.
            2 if group.len() >= 6 => rgb(group[3], group[4], group[5]),
            2 if group.len() == 5 => rgb(group[2], group[3], group[4]),
            _ => None,
        };
    }
    let mut next = || rest.next().and_then(|g| g.first().copied());
    match next()? {
        5 => indexed(next()),
        2 => {
            let (r, g, b) = (next()?, next()?, next()?);
            rgb(r, g, b)
        }
        _ => None,
    }
}

fn indexed(value: Option<u16>) -> Option<LogColor> {
    u8::try_from(value?).ok().map(LogColor::Indexed)
}

fn rgb(r: u16, g: u16, b: u16) -> Option<LogColor> {
    Some(LogColor::Rgb(
        u8::try_from(r).ok()?,
        u8::try_from(g).ok()?,
        u8::try_from(b).ok()?,
    ))
}
