//! A numbered pick list over a source that pages: a screenful at a time, Enter for more,
//! text to filter (by the source: Jira filters on the server), numbers to pick.

use super::prompt::{Io, Stop, numbers};
use super::rows::table;
use crate::providers::ProviderError;
use async_trait::async_trait;

/// Rows shown at once: a list and its prompt fit a 24-line terminal.
const SCREEN: usize = 15;

/// Part of a list: what matched from where it was asked, and where the rest starts.
pub struct Chunk<T> {
    pub items: Vec<T>,
    pub next: Option<usize>,
    pub total: Option<usize>,
}

/// Where a list's items come from.
#[async_trait]
pub trait Source: Send {
    type Item: Clone + Send;

    /// Items matching `filter` (empty for all) from `start`.
    async fn fetch(
        &mut self,
        filter: &str,
        start: usize,
    ) -> Result<Chunk<Self::Item>, ProviderError>;

    /// The row's cells (already sanitised), the first one naming the item.
    fn cells(&self, item: &Self::Item) -> Vec<String>;
}

/// A list fetched whole, filtered here.
pub struct Fixed<T> {
    pub items: Vec<T>,
    pub cells: fn(&T) -> Vec<String>,
}

impl<T: Clone> Fixed<T> {
    /// Every item whose cells contain `filter` (any case).
    pub fn matching(&self, filter: &str) -> Chunk<T> {
        let filter = filter.to_lowercase();
        let items: Vec<T> = self
            .items
            .iter()
            .filter(|item| {
                (self.cells)(item)
                    .join(" ")
                    .to_lowercase()
                    .contains(&filter)
            })
            .cloned()
            .collect();
        Chunk {
            total: Some(items.len()),
            items,
            next: None,
        }
    }
}

#[async_trait]
impl<T: Clone + Send + Sync> Source for Fixed<T> {
    type Item = T;

    async fn fetch(&mut self, filter: &str, start: usize) -> Result<Chunk<T>, ProviderError> {
        let mut chunk = self.matching(filter);
        chunk.items.drain(..start.min(chunk.items.len()));
        Ok(chunk)
    }

    fn cells(&self, item: &T) -> Vec<String> {
        (self.cells)(item)
    }
}

/// How a pick list reads.
pub struct Ask<'a> {
    /// "board", "project", "repository".
    pub noun: &'a str,
    /// "boards", "projects", "repositories".
    pub plural: &'a str,
    /// Several at once ("1 3").
    pub many: bool,
    /// What `0` stands for, when picking nothing is allowed: listed first as row 0.
    pub none: Option<&'a str>,
}

/// What the user picked (empty: the `none` choice), starting from `first`, the answer to an
/// unfiltered fetch from 0.
pub async fn pick<S: Source>(
    io: &mut dyn Io,
    source: &mut S,
    first: Chunk<S::Item>,
    ask: &Ask<'_>,
) -> Result<Vec<S::Item>, Stop> {
    let mut filter = String::new();
    let mut list = List::new(first);
    let mut shown = 0;
    loop {
        if shown == 0 {
            io.say(&heading(ask, &filter, &list));
            if let Some(none) = ask.none {
                io.say(&format!("  {:>3}  {none}\n", 0));
            }
        }
        if shown < list.items.len() || list.next.is_some() {
            shown = show_more(io, source, &filter, &mut list, shown).await;
        }
        let more = shown < list.items.len() || list.next.is_some();
        let answer = io.line(&hint(ask, more, !filter.is_empty())).await?;
        let answer = answer.trim();
        if answer.is_empty() {
            if !more {
                io.say("  that is all: type a number, or text to filter\n");
            }
            continue;
        }
        if answer == "0" && ask.none.is_some() {
            return Ok(Vec::new());
        }
        if let Some(picked) = numbers(answer, shown) {
            if picked.len() > 1 && !ask.many {
                io.say(&format!("  one {}, please\n", ask.noun));
                continue;
            }
            return Ok(picked.into_iter().map(|i| list.items[i].clone()).collect());
        }
        if answer
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b' ' || b == b',')
        {
            let why = match shown {
                0 => "nothing is listed to pick from: * lists all".to_string(),
                _ => format!("pick among the numbers shown (1 to {shown})"),
            };
            io.say(&format!("  {why}\n"));
            continue;
        }
        filter = match answer {
            "*" => String::new(),
            text => text.strip_prefix('/').unwrap_or(text).trim().to_string(),
        };
        match source.fetch(&filter, 0).await {
            Ok(found) => {
                list = List::new(found);
                shown = 0;
            }
            Err(e) => io.say(&format!("  ✘ {e}\n")),
        }
    }
}

/// Exactly one item (a list without a `none` choice always gives one).
pub async fn pick_one<S: Source>(
    io: &mut dyn Io,
    source: &mut S,
    first: Chunk<S::Item>,
    (noun, plural): (&str, &str),
) -> Result<S::Item, Stop> {
    let ask = Ask {
        noun,
        plural,
        many: false,
        none: None,
    };
    let picked = pick(io, source, first, &ask).await?;
    picked
        .into_iter()
        .next()
        .ok_or_else(|| Stop::Failed(format!("no {noun} was picked")))
}

struct List<T> {
    items: Vec<T>,
    next: Option<usize>,
    total: Option<usize>,
}

impl<T> List<T> {
    fn new(chunk: Chunk<T>) -> Self {
        List {
            items: chunk.items,
            next: chunk.next,
            total: chunk.total,
        }
    }
}

/// Shows the next screenful from `shown`, fetching pages as needed; returns how many are
/// shown now. A failed fetch is said and leaves the list as it was.
async fn show_more<S: Source>(
    io: &mut dyn Io,
    source: &mut S,
    filter: &str,
    list: &mut List<S::Item>,
    shown: usize,
) -> usize {
    while list.items.len() < shown + SCREEN
        && let Some(start) = list.next
    {
        match source.fetch(filter, start).await {
            Ok(chunk) => {
                list.next = chunk.next.filter(|_| !chunk.items.is_empty());
                list.total = chunk.total.or(list.total);
                list.items.extend(chunk.items);
            }
            Err(e) => {
                io.say(&format!("  ✘ {e}\n"));
                break;
            }
        }
    }
    let end = list.items.len().min(shown + SCREEN);
    let rows: Vec<Vec<String>> = list.items[shown..end]
        .iter()
        .map(|item| source.cells(item))
        .collect();
    io.say(&table(&rows, shown));
    end
}

fn heading<T>(ask: &Ask<'_>, filter: &str, list: &List<T>) -> String {
    let count = match list.total {
        Some(total) => total.to_string(),
        None if list.next.is_some() => format!("{}+", list.items.len()),
        None => list.items.len().to_string(),
    };
    let noun = if count == "1" { ask.noun } else { ask.plural };
    match (filter.is_empty(), list.items.is_empty()) {
        (true, _) => format!("{count} {noun}:\n"),
        (false, true) => format!("No {} matches \"{filter}\".\n", ask.noun),
        (false, false) => format!("{count} {noun} matching \"{filter}\":\n"),
    }
}

fn hint(ask: &Ask<'_>, more: bool, filtered: bool) -> String {
    let mut parts = vec![if ask.many {
        "numbers to pick (e.g. 1 3)".to_string()
    } else {
        "number to pick".to_string()
    }];
    if ask.none.is_some() {
        parts.push("0 for none".into());
    }
    parts.push("text to filter".into());
    if more {
        parts.push("Enter for more".into());
    }
    if filtered {
        parts.push("* for all".into());
    }
    format!("{}: ", capitalise(&parts.join(", ")))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_offer_only_what_applies() {
        let ask = Ask {
            noun: "project",
            plural: "projects",
            many: false,
            none: Some("no project"),
        };
        assert_eq!(
            hint(&ask, true, true),
            "Number to pick, 0 for none, text to filter, Enter for more, * for all: "
        );
        let many = Ask {
            noun: "repository",
            plural: "repositories",
            many: true,
            none: None,
        };
        assert_eq!(
            hint(&many, false, false),
            "Numbers to pick (e.g. 1 3), text to filter: "
        );
    }
}
