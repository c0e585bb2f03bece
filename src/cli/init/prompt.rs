//! Questions and answers, one line at a time, over any `Io`: the terminal, or a script in the
//! tests. Plain numbered lists and typed lines only, so it works in any terminal, over SSH.

use async_trait::async_trait;
use reqwest::Url;

/// Why the questions stopped before the end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// Ctrl-D, or the input closed.
    EndOfInput,
    /// Something that cannot go on (the file cannot be written), in words.
    Failed(String),
}

/// Where questions go and answers come from.
#[async_trait]
pub trait Io: Send {
    /// Shows `text` as it is; callers end their lines.
    fn say(&mut self, text: &str);

    /// Shows `prompt` and waits for one line, returned without its line end.
    async fn line(&mut self, prompt: &str) -> Result<String, Stop>;
}

/// A line of text, trimmed; Enter takes `default`, and without one an answer is needed.
pub async fn ask(io: &mut dyn Io, label: &str, default: Option<&str>) -> Result<String, Stop> {
    let prompt = match default {
        Some(d) => format!("{label} [{d}]: "),
        None => format!("{label}: "),
    };
    loop {
        let answer = io.line(&prompt).await?.trim().to_string();
        match (answer.is_empty(), default) {
            (false, _) => return Ok(answer),
            (true, Some(d)) => return Ok(d.to_string()),
            (true, None) => io.say("  (an answer is needed here; Ctrl-C stops)\n"),
        }
    }
}

/// An http:// or https:// address with a host, without a trailing slash.
pub async fn ask_url(io: &mut dyn Io, label: &str, default: Option<&str>) -> Result<String, Stop> {
    loop {
        let answer = ask(io, label, default).await?;
        match check_url(&answer) {
            Ok(url) => return Ok(url),
            Err(why) => io.say(&format!("  {why}\n")),
        }
    }
}

/// The address as written, without a trailing slash, or why it cannot be used.
pub fn check_url(text: &str) -> Result<String, String> {
    let url = Url::parse(text).map_err(|e| format!("not an address ({e}): try https://host"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the address must start with https:// (or http://)".into());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the address has no host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("leave credentials out of the address; the token is asked for next".into());
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// One of `options`, by number; Enter takes `default` (an index).
pub async fn choose(
    io: &mut dyn Io,
    label: &str,
    options: &[String],
    default: usize,
) -> Result<usize, Stop> {
    io.say(&format!("{label}\n"));
    list(io, options);
    loop {
        let answer = ask(io, "Choice", Some(&(default + 1).to_string())).await?;
        match numbers(&answer, options.len()) {
            Some(picked) if picked.len() == 1 => return Ok(picked[0]),
            _ => io.say(&format!("  type a number from 1 to {}\n", options.len())),
        }
    }
}

/// Several of `options` by number ("1 3"); at least one.
pub async fn choose_many(
    io: &mut dyn Io,
    label: &str,
    options: &[String],
) -> Result<Vec<usize>, Stop> {
    io.say(&format!("{label}\n"));
    list(io, options);
    loop {
        let answer = ask(io, "Numbers, e.g. 1 3", None).await?;
        match numbers(&answer, options.len()) {
            Some(picked) => return Ok(picked),
            None => io.say(&format!(
                "  type numbers from 1 to {}, separated by spaces\n",
                options.len()
            )),
        }
    }
}

/// Yes or no; Enter takes `default`.
pub async fn confirm(io: &mut dyn Io, question: &str, default: bool) -> Result<bool, Stop> {
    let hint = if default { "Y/n" } else { "y/N" };
    loop {
        let answer = io.line(&format!("{question} [{hint}]: ")).await?;
        match answer.trim().to_lowercase().as_str() {
            "" => return Ok(default),
            "y" | "yes" => return Ok(true),
            "n" | "no" => return Ok(false),
            _ => io.say("  answer y or n\n"),
        }
    }
}

fn list(io: &mut dyn Io, options: &[String]) {
    for (i, option) in options.iter().enumerate() {
        io.say(&format!("  {:>2}  {option}\n", i + 1));
    }
}

/// 0-based indexes of the numbers in `text` (spaces or commas between), each from 1 to
/// `count`, in the order typed, without repeats; `None` unless every word is one.
pub fn numbers(text: &str, count: usize) -> Option<Vec<usize>> {
    let mut picked = Vec::new();
    for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
        let n: usize = word.parse().ok()?;
        if !(1..=count).contains(&n) {
            return None;
        }
        if !picked.contains(&(n - 1)) {
            picked.push(n - 1);
        }
    }
    (!picked.is_empty()).then_some(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_words_in_range() {
        assert_eq!(numbers("1 3,2 3", 3), Some(vec![0, 2, 1]));
        assert_eq!(numbers("4", 3), None);
        assert_eq!(numbers("0", 3), None);
        assert_eq!(numbers("1 x", 3), None);
        assert_eq!(numbers("  ", 3), None);
    }

    #[test]
    fn urls_need_a_scheme_and_a_host_and_no_credentials() {
        assert_eq!(
            check_url("https://acme.atlassian.net/"),
            Ok("https://acme.atlassian.net".into())
        );
        assert_eq!(
            check_url("https://jira.corp/jira"),
            Ok("https://jira.corp/jira".into())
        );
        assert!(check_url("acme.atlassian.net").is_err());
        assert!(check_url("ftp://x").is_err());
        assert!(
            check_url("https://me:pw@x")
                .unwrap_err()
                .contains("credentials")
        );
    }
}
