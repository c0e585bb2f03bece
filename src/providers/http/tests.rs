use super::*;

#[test]
fn path_segments_cannot_escape() {
    assert_eq!(path_segment("PLAT-1").as_deref(), Some("PLAT-1"));
    assert_eq!(
        path_segment("../x?y=1#z").as_deref(),
        Some("..%2Fx%3Fy%3D1%23z")
    );
    assert_eq!(path_segment("é").as_deref(), Some("%C3%A9"));
    assert_eq!(path_segment(".."), None);
    assert_eq!(path_segment(""), None);
}

#[test]
fn bad_urls_are_refused_without_echoing_them() {
    let new = |url: &str| {
        HttpClient::new(
            "Jira",
            url,
            Auth::Bearer(Secret::new("t")),
            TokenSource::Demo,
            &Network::default(),
        )
        .map(|c| c.base().to_string())
    };
    assert_eq!(
        new("https://jira.example.com/jira/").unwrap(),
        "https://jira.example.com/jira"
    );
    let err = new("ftp://user:hunter2@example.com")
        .unwrap_err()
        .to_string();
    assert!(err.contains("http://") && !err.contains("hunter2"), "{err}");
    let err = new("not a url").unwrap_err().to_string();
    assert!(
        err.starts_with("the Jira URL in the configuration is not usable"),
        "{err}"
    );
}
