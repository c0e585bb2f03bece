//! Answers kept by ETag, so a repeated GET can say `If-None-Match` and a 304 (which costs
//! no rate limit) is answered from here.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Entries kept; the oldest goes first.
const ENTRIES: usize = 256;
/// Bodies larger than this are not kept (a big list is cheaper to fetch than to hold).
const MAX_BODY: usize = 2 * 1024 * 1024;

#[derive(Default)]
pub struct Etags {
    inner: Mutex<Inner>,
}

/// One kept answer: its tag, body and the page link that came with it.
#[derive(Clone)]
pub struct Kept {
    pub tag: String,
    pub body: Arc<Vec<u8>>,
    pub next: Option<String>,
}

#[derive(Default)]
struct Inner {
    by_url: HashMap<String, Kept>,
    order: VecDeque<String>,
}

impl Etags {
    /// The ETag to send for `url`, if an answer is kept.
    pub fn tag(&self, url: &str) -> Option<String> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.by_url.get(url).map(|kept| kept.tag.clone())
    }

    /// The answer kept for `url` (after a 304).
    pub fn kept(&self, url: &str) -> Option<Kept> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.by_url.get(url).cloned()
    }

    pub fn keep(&self, url: &str, tag: &str, body: &[u8], next: Option<&str>) {
        if body.len() > MAX_BODY || tag.is_empty() {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = inner
            .by_url
            .insert(
                url.to_string(),
                Kept {
                    tag: tag.to_string(),
                    body: Arc::new(body.to_vec()),
                    next: next.map(str::to_string),
                },
            )
            .is_none();
        if fresh {
            inner.order.push_back(url.to_string());
        }
        while inner.order.len() > ENTRIES {
            if let Some(old) = inner.order.pop_front() {
                inner.by_url.remove(&old);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_bounded_number_of_answers() {
        let etags = Etags::default();
        for i in 0..ENTRIES + 10 {
            etags.keep(&format!("u{i}"), &format!("\"t{i}\""), b"[]", None);
        }
        assert_eq!(etags.tag("u0"), None);
        assert_eq!(
            etags.tag(&format!("u{}", ENTRIES + 9)).as_deref(),
            Some("\"t265\"")
        );
        etags.keep("u300", "\"new\"", b"[1]", Some("https://x/?page=2"));
        let kept = etags.kept("u300").unwrap();
        assert_eq!(kept.body.as_slice(), b"[1]");
        assert_eq!(kept.next.as_deref(), Some("https://x/?page=2"));
        etags.keep("big", "\"b\"", &vec![b' '; MAX_BODY + 1], None);
        assert_eq!(etags.tag("big"), None);
    }
}
