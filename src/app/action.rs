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
    ScreenBoard,
    ScreenDeploy,
    Promote,
    Rollback,
    Cancel,
    ViewLog,
    GoToIssue,
    ScreenPipelines,
    SearchNext,
    SearchPrev,
    ToggleFilterMode,
    NextError,
    PrevError,
    ToggleWrap,
    ToggleTimestamps,
    SaveLog,
    OpenUrl,
    ScreenSprint,
    ScreenStandup,
    ToggleBurnup,
    PrevSprint,
    NextSprint,
    NextPerson,
    PrevPerson,
    PauseStandup,
    RerunFailed,
    CancelRun,
    Approve,
    Reject,
}

/// Where a key binding applies: one screen's own keys may reuse a letter another screen
/// uses (`s` is swimlanes on the board and save in the log viewer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyContext {
    Board,
    Deploy,
    Pipelines,
    Log,
    Sprint,
    Standup,
}

impl Action {
    pub const ALL: [Action; 49] = [
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
        Action::ScreenBoard,
        Action::ScreenDeploy,
        Action::Promote,
        Action::Rollback,
        Action::Cancel,
        Action::ViewLog,
        Action::GoToIssue,
        Action::ScreenPipelines,
        Action::SearchNext,
        Action::SearchPrev,
        Action::ToggleFilterMode,
        Action::NextError,
        Action::PrevError,
        Action::ToggleWrap,
        Action::ToggleTimestamps,
        Action::SaveLog,
        Action::OpenUrl,
        Action::ScreenSprint,
        Action::ScreenStandup,
        Action::ToggleBurnup,
        Action::PrevSprint,
        Action::NextSprint,
        Action::NextPerson,
        Action::PrevPerson,
        Action::PauseStandup,
        Action::RerunFailed,
        Action::CancelRun,
        Action::Approve,
        Action::Reject,
    ];

    /// The screen an action belongs to; None for keys that work everywhere.
    pub fn context(self) -> Option<KeyContext> {
        match self {
            Action::MoveLeft | Action::MoveRight | Action::ToggleMine | Action::ToggleSwimlanes => {
                Some(KeyContext::Board)
            }
            Action::Promote
            | Action::Rollback
            | Action::Cancel
            | Action::ViewLog
            | Action::GoToIssue
            | Action::Approve
            | Action::Reject => Some(KeyContext::Deploy),
            Action::RerunFailed | Action::CancelRun => Some(KeyContext::Pipelines),
            Action::SearchNext
            | Action::SearchPrev
            | Action::ToggleFilterMode
            | Action::NextError
            | Action::PrevError
            | Action::ToggleWrap
            | Action::ToggleTimestamps
            | Action::SaveLog
            | Action::OpenUrl => Some(KeyContext::Log),
            Action::ToggleBurnup | Action::PrevSprint | Action::NextSprint => {
                Some(KeyContext::Sprint)
            }
            Action::NextPerson | Action::PrevPerson | Action::PauseStandup => {
                Some(KeyContext::Standup)
            }
            _ => None,
        }
    }

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
            Action::ScreenBoard => "screen_board",
            Action::ScreenDeploy => "screen_deploy",
            Action::Promote => "promote",
            Action::Rollback => "rollback",
            Action::Cancel => "cancel",
            Action::ViewLog => "view_log",
            Action::GoToIssue => "go_to_issue",
            Action::ScreenPipelines => "screen_pipelines",
            Action::SearchNext => "search_next",
            Action::SearchPrev => "search_prev",
            Action::ToggleFilterMode => "toggle_filter_mode",
            Action::NextError => "next_error",
            Action::PrevError => "prev_error",
            Action::ToggleWrap => "toggle_wrap",
            Action::ToggleTimestamps => "toggle_timestamps",
            Action::SaveLog => "save_log",
            Action::OpenUrl => "open_url",
            Action::ScreenSprint => "screen_sprint",
            Action::ScreenStandup => "screen_standup",
            Action::ToggleBurnup => "toggle_burnup",
            Action::PrevSprint => "prev_sprint",
            Action::NextSprint => "next_sprint",
            Action::NextPerson => "next_person",
            Action::PrevPerson => "prev_person",
            Action::PauseStandup => "pause_standup",
            Action::RerunFailed => "rerun_failed",
            Action::CancelRun => "cancel_run",
            Action::Approve => "approve",
            Action::Reject => "reject",
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
            Action::ScreenBoard => "board",
            Action::ScreenDeploy => "deploys",
            Action::Promote => "promote into",
            Action::Rollback => "roll back",
            Action::Cancel => "cancel deploy",
            Action::ViewLog => "deploy log",
            Action::GoToIssue => "issue on board",
            Action::ScreenPipelines => "pipelines",
            Action::SearchNext => "next match",
            Action::SearchPrev => "previous match",
            Action::ToggleFilterMode => "only matching lines",
            Action::NextError => "next error",
            Action::PrevError => "previous error",
            Action::ToggleWrap => "wrap",
            Action::ToggleTimestamps => "timestamps",
            Action::SaveLog => "save log",
            Action::OpenUrl => "open run",
            Action::ScreenSprint => "sprint",
            Action::ScreenStandup => "standup",
            Action::ToggleBurnup => "burndown / burnup",
            Action::PrevSprint => "earlier sprint",
            Action::NextSprint => "later sprint",
            Action::NextPerson => "next person",
            Action::PrevPerson => "previous person",
            Action::PauseStandup => "pause / resume",
            Action::RerunFailed => "re-run failed jobs",
            Action::CancelRun => "cancel run",
            Action::Approve => "approve deployment",
            Action::Reject => "reject deployment",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
