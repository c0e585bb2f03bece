/// A user's intent. Bindable in `[keys]` by its snake_case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Close,
    Left,
    Right,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    MoveLeft,
    MoveRight,
    Open,
    Filter,
    ToggleMine,
    ToggleSwimlanes,
    Refresh,
    Confirm,
    Deny,
}

impl Action {
    pub const ALL: [Action; 20] = [
        Action::Quit,
        Action::Help,
        Action::Close,
        Action::Left,
        Action::Right,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::MoveLeft,
        Action::MoveRight,
        Action::Open,
        Action::Filter,
        Action::ToggleMine,
        Action::ToggleSwimlanes,
        Action::Refresh,
        Action::Confirm,
        Action::Deny,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Close => "close",
            Action::Left => "left",
            Action::Right => "right",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::MoveLeft => "move_left",
            Action::MoveRight => "move_right",
            Action::Open => "open",
            Action::Filter => "filter",
            Action::ToggleMine => "toggle_mine",
            Action::ToggleSwimlanes => "toggle_swimlanes",
            Action::Refresh => "refresh",
            Action::Confirm => "confirm",
            Action::Deny => "deny",
        }
    }

    /// Short label for the footer and the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Close => "close popup / clear filter",
            Action::Left => "column left",
            Action::Right => "column right",
            Action::Up => "card up",
            Action::Down => "card down",
            Action::Top => "first card",
            Action::Bottom => "last card",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::MoveLeft => "move card left",
            Action::MoveRight => "move card right",
            Action::Open => "details",
            Action::Filter => "filter",
            Action::ToggleMine => "only mine",
            Action::ToggleSwimlanes => "swimlanes",
            Action::Refresh => "refresh",
            Action::Confirm => "yes",
            Action::Deny => "no",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
