//! Chords, screens and overrides of the keymap.

use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn a_screen_may_reuse_a_letter() {
    let map = Keymap::default();
    let s = key(KeyCode::Char('s'), KeyModifiers::NONE);
    assert_eq!(
        map.action(&s, KeyContext::Board),
        Some(Action::ToggleSwimlanes)
    );
    assert_eq!(map.action(&s, KeyContext::Log), Some(Action::SaveLog));
    assert_eq!(map.action(&s, KeyContext::Deploy), None);
    let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(map.action(&n, KeyContext::Board), Some(Action::Deny));
    assert_eq!(map.action(&n, KeyContext::Log), Some(Action::SearchNext));
}

#[test]
fn run_controls_and_reviews_keep_to_their_screens() {
    let map = Keymap::default();
    let at = |c: char, context| map.action(&key(KeyCode::Char(c), KeyModifiers::NONE), context);
    assert_eq!(at('R', KeyContext::Deploy), Some(Action::Rollback));
    assert_eq!(at('R', KeyContext::Pipelines), Some(Action::RerunFailed));
    assert_eq!(at('X', KeyContext::Pipelines), Some(Action::CancelRun));
    assert_eq!(at('a', KeyContext::Deploy), Some(Action::Approve));
    assert_eq!(at('x', KeyContext::Deploy), Some(Action::Reject));
    assert_eq!(at('x', KeyContext::Pipelines), None);
    assert_eq!(at('R', KeyContext::Log), None);
    assert_eq!(at('a', KeyContext::Board), None);
}

#[test]
fn shift_letters_match_with_or_without_the_modifier() {
    let map = Keymap::default();
    assert_eq!(
        map.action(
            &key(KeyCode::Char('L'), KeyModifiers::SHIFT),
            KeyContext::Board
        ),
        Some(Action::MoveRight)
    );
    assert_eq!(
        map.action(
            &key(KeyCode::Char('L'), KeyModifiers::NONE),
            KeyContext::Board
        ),
        Some(Action::MoveRight)
    );
    assert_eq!(
        map.action(&key(KeyCode::Right, KeyModifiers::SHIFT), KeyContext::Board),
        Some(Action::MoveRight)
    );
    assert_eq!(
        map.action(
            &key(KeyCode::Char('l'), KeyModifiers::NONE),
            KeyContext::Board
        ),
        Some(Action::Right)
    );
}

#[test]
fn overrides_replace_an_actions_chords_and_ctrl_c_stays() {
    let mut o = BTreeMap::new();
    o.insert("quit".to_string(), vec!["x".to_string()]);
    o.insert("move_right".to_string(), vec!["ctrl-l".to_string()]);
    let map = Keymap::new(&o).unwrap();
    assert_eq!(
        map.action(
            &key(KeyCode::Char('q'), KeyModifiers::NONE),
            KeyContext::Board
        ),
        None
    );
    assert_eq!(
        map.action(
            &key(KeyCode::Char('x'), KeyModifiers::NONE),
            KeyContext::Board
        ),
        Some(Action::Quit)
    );
    assert_eq!(
        map.action(
            &key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            KeyContext::Board
        ),
        Some(Action::Quit)
    );
    assert_eq!(
        map.action(
            &key(KeyCode::Char('l'), KeyModifiers::CONTROL),
            KeyContext::Board
        ),
        Some(Action::MoveRight)
    );
    assert_eq!(map.chords(Action::Quit), ["x"]);
}

#[test]
fn bad_names_are_reported() {
    let mut o = BTreeMap::new();
    o.insert("fly".to_string(), vec!["x".to_string()]);
    assert_eq!(
        Keymap::new(&o).unwrap_err(),
        KeymapError::UnknownAction("fly".into())
    );
    let mut o = BTreeMap::new();
    o.insert("quit".to_string(), vec!["hyper-x".to_string()]);
    assert!(matches!(
        Keymap::new(&o).unwrap_err(),
        KeymapError::BadChord { .. }
    ));
}
