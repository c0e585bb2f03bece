use super::world::{World, text};
use serde_json::Value;

/// The column a card is in, by the board's JSON.
fn column_of(board: &Value, key: &str) -> Option<String> {
    board["board"]["columns"]
        .as_array()?
        .iter()
        .find_map(|column| {
            let holds = column["cards"]
                .as_array()?
                .iter()
                .any(|card| card["key"] == key);
            holds.then(|| column["name"].as_str().unwrap_or_default().to_string())
        })
}

#[test]
fn the_project_is_the_board_with_its_status_columns_and_wip_limits() {
    let world = World::new("");
    let out = world.run(&["print", "board"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.starts_with("Storefront delivery"), "{stdout}");
    let columns: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| ["Backlog", "Todo", "In", "Done"].contains(w))
        .collect();
    assert_eq!(columns, ["Backlog", "Todo", "In", "In", "Done"], "{stdout}");
    assert!(
        stdout.contains("5/4 OVER"),
        "In progress holds 5 of 4: {stdout}"
    );
    assert!(stdout.contains("acme/storefront#182"), "{stdout}");
}

#[test]
fn a_card_moves_by_its_github_key() {
    let world = World::new("");
    let before = world.json(&["print", "board", "--format", "json"]);
    assert_eq!(
        column_of(&before, "acme/search#44").as_deref(),
        Some("Todo")
    );
    let out = world.run(&["move", "acme/search#44", "Backlog"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = world.json(&["print", "board", "--format", "json"]);
    assert_eq!(
        column_of(&after, "acme/search#44").as_deref(),
        Some("Backlog")
    );
}

#[test]
fn a_full_column_refuses_without_force_and_takes_the_card_with_it() {
    let world = World::new("");
    let out = world.run(&["move", "acme/search#44", "In progress"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let board = world.json(&["print", "board", "--format", "json"]);
    assert_eq!(column_of(&board, "acme/search#44").as_deref(), Some("Todo"));
    let out = world.run(&["move", "acme/search#44", "In progress", "--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let board = world.json(&["print", "board", "--format", "json"]);
    assert_eq!(
        column_of(&board, "acme/search#44").as_deref(),
        Some("In progress")
    );
}

#[test]
fn a_missing_project_is_named() {
    let world = World::new("");
    let config = world.sandboxed.dir().join("cfg.toml");
    let text_ = std::fs::read_to_string(&config)
        .unwrap()
        .replace("number = 3", "number = 9");
    std::fs::write(&config, text_).unwrap();
    let out = world.run(&["print", "board"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("GitHub acme") && stderr.contains("number 9"),
        "{stderr}"
    );
}
