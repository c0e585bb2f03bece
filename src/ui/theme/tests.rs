use super::*;

/// A theme file in its own temporary directory, removed when the guard drops.
fn user_file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn every_built_in_parses_and_sets_every_key() {
    for (name, text) in BUILT_IN {
        let table: toml::Table = toml::from_str(text).unwrap();
        for key in Theme::KEYS {
            assert!(table.contains_key(*key), "themes/{name}.toml lacks `{key}`");
        }
        Theme::load(name, false).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn built_ins_differ_and_dark_has_colour() {
    let dark = Theme::load("dark", false).unwrap();
    assert_eq!(dark.wip_over.fg, Some(Color::LightRed));
    assert!(dark.wip_over.add_modifier.contains(Modifier::BOLD));
    assert_eq!(dark.status_bar.bg, Some(Color::Indexed(236)));
    assert_ne!(Theme::load("light", false).unwrap(), dark);
    assert_ne!(Theme::load("high-contrast", false).unwrap(), dark);
}

fn colours(theme: &Theme) -> Vec<Option<Color>> {
    let mut theme = theme.clone();
    Theme::KEYS
        .iter()
        .flat_map(|key| {
            let style = *theme.slot(key).unwrap();
            [style.fg, style.bg]
        })
        .collect()
}

#[test]
fn mono_has_no_colour_and_no_color_forces_it() {
    let mono = Theme::load("mono", false).unwrap();
    assert!(colours(&mono).iter().all(Option::is_none));
    assert!(mono.selection.add_modifier.contains(Modifier::REVERSED));
    assert_eq!(Theme::load("dark", true).unwrap(), mono);
    let (_dir, path) = user_file("colourful.toml", "text = \"red\"\n");
    assert_eq!(Theme::load(&path, true).unwrap(), mono);
}

#[test]
fn a_user_file_merges_over_dark() {
    let (_dir, path) = user_file(
        "mine.toml",
        "wip_over = { fg = \"#ff00aa\", bg = 17, modifiers = [\"underlined\"] }\nmuted = \"grey\"\n",
    );
    let theme = Theme::load(&path, false).unwrap();
    let dark = Theme::load("dark", false).unwrap();
    assert_eq!(
        theme.wip_over,
        Style::new()
            .fg(Color::Rgb(0xff, 0x00, 0xaa))
            .bg(Color::Indexed(17))
            .add_modifier(Modifier::UNDERLINED)
    );
    assert_eq!(theme.muted, Style::new().fg(Color::Gray));
    assert_eq!(theme.selection, dark.selection);
}

#[test]
fn a_bad_colour_names_the_file_and_key() {
    let (_dir, path) = user_file("typo.toml", "wip_over = { fg = \"purpel\" }\n");
    let err = Theme::load(&path, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{path}: wip_over: unknown colour \"purpel\"")
    );
}

#[test]
fn other_mistakes_are_explained() {
    let cases = [
        (
            "wip_ovr = \"red\"\n",
            "wip_ovr: unknown key (known: text, muted",
        ),
        (
            "text = { fg = 300 }\n",
            "text: colour index 300 is not within 0-255",
        ),
        (
            "text = { colour = \"red\" }\n",
            "text: unknown field `colour`",
        ),
        (
            "text = { modifiers = [\"blink\"] }\n",
            "text: unknown modifier \"blink\"",
        ),
        (
            "text = { modifiers = \"bold\" }\n",
            "text: modifiers is a list",
        ),
        ("text = true\n", "text: a colour is a name"),
        ("\n\ntext = {\n", ": line 3: "),
    ];
    for (i, (text, expected)) in cases.into_iter().enumerate() {
        let (_dir, path) = user_file(&format!("bad{i}.toml"), text);
        let message = Theme::load(&path, false).unwrap_err().to_string();
        assert!(message.starts_with(&path), "{message}");
        assert!(message.contains(expected), "{message} lacks {expected}");
    }
}

#[test]
fn missing_themes_say_what_exists() {
    assert_eq!(
        Theme::load("solarized", false).unwrap_err(),
        ThemeError::UnknownTheme("solarized".into())
    );
    let missing = Theme::load("/nonexistent/shipdeck/x.toml", false).unwrap_err();
    assert!(matches!(missing, ThemeError::Read { .. }), "{missing:?}");
    assert!(
        missing
            .to_string()
            .starts_with("/nonexistent/shipdeck/x.toml: cannot read")
    );
}
