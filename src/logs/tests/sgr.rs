use super::lines;
use crate::logs::{LogColor, LogStyle, StyledRun};

fn run(start: u32, end: u32, style: LogStyle) -> StyledRun {
    StyledRun { start, end, style }
}

fn fg(color: LogColor) -> LogStyle {
    LogStyle {
        fg: Some(color),
        ..LogStyle::default()
    }
}

fn only_line_runs(input: &[u8]) -> (String, Vec<StyledRun>) {
    let mut all = lines(input);
    assert_eq!(all.len(), 1, "{all:?}");
    let line = all.remove(0);
    (line.text, line.runs)
}

#[test]
fn basic_and_bright_colours() {
    let (text, runs) = only_line_runs(b"\x1b[31mred\x1b[0m plain \x1b[92;101mbright\x1b[m");
    assert_eq!(text, "red plain bright");
    let bright = LogStyle {
        fg: Some(LogColor::Indexed(10)),
        bg: Some(LogColor::Indexed(9)),
        ..LogStyle::default()
    };
    assert_eq!(
        runs,
        vec![run(0, 3, fg(LogColor::Indexed(1))), run(10, 16, bright)]
    );
}

#[test]
fn palette_256_in_both_forms() {
    let (_, runs) = only_line_runs(b"\x1b[38;5;208ma\x1b[38:5:17mb\x1b[48;5;0mc");
    let c = LogStyle {
        fg: Some(LogColor::Indexed(17)),
        bg: Some(LogColor::Indexed(0)),
        ..LogStyle::default()
    };
    assert_eq!(
        runs,
        vec![
            run(0, 1, fg(LogColor::Indexed(208))),
            run(1, 2, fg(LogColor::Indexed(17))),
            run(2, 3, c)
        ]
    );
}

#[test]
fn truecolour_in_both_forms() {
    let (_, runs) = only_line_runs(b"\x1b[38;2;255;100;0ma\x1b[0;48:2::1:2:3mb\x1b[38:2:4:5:6mc");
    assert_eq!(runs[0], run(0, 1, fg(LogColor::Rgb(255, 100, 0))));
    assert_eq!(runs[1].style.bg, Some(LogColor::Rgb(1, 2, 3)));
    assert_eq!(runs[1].style.fg, None);
    assert_eq!(runs[2].style.fg, Some(LogColor::Rgb(4, 5, 6)));
}

#[test]
fn malformed_colours_change_nothing() {
    let (_, runs) = only_line_runs(b"\x1b[31m\x1b[38;5;300mx\x1b[38;2;1;2mY");
    assert_eq!(runs, vec![run(0, 2, fg(LogColor::Indexed(1)))]);
}

#[test]
fn reset_ends_styles_and_plain_text_has_no_runs() {
    let (text, runs) = only_line_runs(b"\x1b[1;31mA\x1b[mB");
    let bold_red = LogStyle {
        bold: true,
        ..fg(LogColor::Indexed(1))
    };
    assert_eq!(text, "AB");
    assert_eq!(runs, vec![run(0, 1, bold_red)]);
    let plain = lines(b"just text");
    assert!(plain[0].runs.is_empty());
    assert_eq!(plain[0].runs.capacity(), 0);
}

#[test]
fn bold_dim_and_other_toggles() {
    let (_, runs) = only_line_runs(
        b"\x1b[1mA\x1b[2mB\x1b[22mC\x1b[3;4;7mD\x1b[23;24;27mE\x1b[4mF\x1b[4:0mG\x1b[4:3mH",
    );
    let bold = LogStyle {
        bold: true,
        ..LogStyle::default()
    };
    let bold_dim = LogStyle { dim: true, ..bold };
    let fancy = LogStyle {
        italic: true,
        underline: true,
        reverse: true,
        ..LogStyle::default()
    };
    let underline = LogStyle {
        underline: true,
        ..LogStyle::default()
    };
    assert_eq!(
        runs,
        vec![
            run(0, 1, bold),
            run(1, 2, bold_dim),
            run(3, 4, fancy),
            run(5, 6, underline),
            run(7, 8, underline),
        ]
    );
}

#[test]
fn default_colour_codes_clear_one_side() {
    let (_, runs) = only_line_runs(b"\x1b[31;42ma\x1b[39mb\x1b[49mc");
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].style.fg, None);
    assert_eq!(runs[1].style.bg, Some(LogColor::Indexed(2)));
}

#[test]
fn same_style_merges_into_one_run() {
    let (_, runs) = only_line_runs(b"\x1b[31mab\x1b[31mcd\x1b[32mef");
    assert_eq!(
        runs,
        vec![
            run(0, 4, fg(LogColor::Indexed(1))),
            run(4, 6, fg(LogColor::Indexed(2)))
        ]
    );
}

#[test]
fn style_carries_across_lines_until_reset() {
    let all = lines(b"\x1b[32mgreen\nstill green\n\x1b[0mplain\n");
    let green = fg(LogColor::Indexed(2));
    assert_eq!(all[0].runs, vec![run(0, 5, green)]);
    assert_eq!(all[1].runs, vec![run(0, 11, green)]);
    assert!(all[2].runs.is_empty());
}

#[test]
fn private_and_non_sgr_sequences_do_not_style() {
    let (text, runs) = only_line_runs(b"\x1b[>4;2mx\x1b[?25l\x1b[1 qy");
    assert_eq!(text, "xy");
    assert!(runs.is_empty());
}
