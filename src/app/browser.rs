//! `o` on a run: its page in a browser where one can show here, else its address on screen.

use std::process::Stdio;

/// Starts a browser where one can show, detached from the terminal; else returns the URL for
/// the status bar.
pub fn open_url(url: &str) -> String {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let Some(opener) = browser(url, set) else {
        return format!("Run page: {url}");
    };
    let started = tokio::process::Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    match started {
        // Dropped, not awaited: tokio reaps it when it exits.
        Ok(_) => format!("Opened {url}"),
        Err(e) => format!("Could not start {opener} ({e}); run page: {url}"),
    }
}

/// The program that opens `url`, when a browser can show here: not over SSH, with a display
/// (macOS always has one), and only for web addresses, so a URL from the server never becomes
/// an option or a local file. `set` says whether an environment variable is set.
fn browser(url: &str, set: impl Fn(&str) -> bool) -> Option<&'static str> {
    let remote = set("SSH_CONNECTION") || set("SSH_TTY");
    let display = cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY");
    let web = url.starts_with("https://") || url.starts_with("http://");
    if remote || !display || !web {
        return None;
    }
    Some(if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    })
}

#[cfg(test)]
mod tests {
    use super::browser;

    fn env(vars: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |name| vars.contains(&name)
    }

    #[test]
    fn a_browser_opens_only_on_a_local_display_and_for_web_addresses() {
        let url = "https://ci.example/runs/r-2";
        if !cfg!(target_os = "macos") {
            assert_eq!(browser(url, env(&["DISPLAY"])), Some("xdg-open"));
            assert_eq!(browser(url, env(&["WAYLAND_DISPLAY"])), Some("xdg-open"));
            assert_eq!(browser(url, env(&[])), None, "no display");
        }
        assert_eq!(browser(url, env(&["DISPLAY", "SSH_CONNECTION"])), None);
        assert_eq!(browser(url, env(&["DISPLAY", "SSH_TTY"])), None);
        assert_eq!(browser("file:///etc/passwd", env(&["DISPLAY"])), None);
        assert_eq!(browser("--help", env(&["DISPLAY"])), None);
    }
}
