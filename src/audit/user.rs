//! Who ran shipdeck, as the audit log names them.

/// The OS user: `$USER`, else `$LOGNAME`, else the passwd name of the process's uid (cron
/// jobs and `env -i` have no `$USER`), else "uid N", else "unknown".
pub fn os_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .or_else(passwd_user)
        .unwrap_or_else(|| "unknown".into())
}

fn passwd_user() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    Some(passwd_name(&passwd, uid).unwrap_or_else(|| format!("uid {uid}")))
}

/// The name `passwd` (the text of /etc/passwd) gives `uid`, from the third field of its line.
fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    let uid = uid.to_string();
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::passwd_name;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash\n\
                          daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n\
                          ana:x:1000:1001:Ana Kowalski:/home/ana:/bin/zsh\n\
                          builds:x:1001:1000::/home/builds:/bin/sh\n";

    #[test]
    fn the_passwd_name_is_the_one_on_the_uids_line() {
        assert_eq!(passwd_name(PASSWD, 1000).as_deref(), Some("ana"));
        // 1001 is ana's group id too: only the uid field counts.
        assert_eq!(passwd_name(PASSWD, 1001).as_deref(), Some("builds"));
        assert_eq!(passwd_name(PASSWD, 0).as_deref(), Some("root"));
    }

    #[test]
    fn an_unknown_uid_has_no_passwd_name() {
        assert_eq!(passwd_name(PASSWD, 4242), None);
        assert_eq!(passwd_name("", 0), None);
        assert_eq!(passwd_name("broken line\n:x:7:7::/:/bin/sh", 7), None);
    }
}
