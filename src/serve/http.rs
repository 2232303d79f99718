//! Answering one request: only the site's own files, only to the names the server has.
//!
//! - **Host.** A page on another site can make a browser send requests to 127.0.0.1 under
//!   a name of the attacker's (DNS rebinding), and read the answers as its own. So a
//!   request is answered only when its `Host` is one of the server's own names:
//!   `127.0.0.1`, `localhost`, `[::1]` or the `--bind` address, with the port it listens
//!   on (any IP address when it listens on all of them: a name cannot be rebound to an IP
//!   address written out). Anything else is 403.
//! - **Paths.** The path is percent-decoded once and must then be plain: no `..` or `.`
//!   segment, no empty segment, no backslash, no NUL or other control character, and no
//!   encoded `/`, `\` or NUL before decoding; anything else is 400. What is left is looked
//!   up among the built site's files in memory: nothing is read from disk for a request, so
//!   no path can reach a file the site does not have.
//! - Only `GET` and `HEAD`; every answer has `Cache-Control: no-store` (a preview is never
//!   to be cached) and `X-Content-Type-Options: nosniff`, and the server's own pages a
//!   Content-Security-Policy that allows nothing but their style sheet and script.

use super::State;
use super::findings;
use super::reload;
use super::site::{Bytes, Content, RELOAD_SCRIPT, with_reload_script};
use crate::t;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The Content-Security-Policy of the server's own pages (findings, errors, not found).
const OWN_PAGES_CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The names a request may address the server by.
#[derive(Debug, Clone)]
pub struct Hosts {
    port: u16,
    names: Vec<String>,
    any_address: bool,
}

impl Hosts {
    /// The names of a server listening on `bind`, port `port`.
    pub fn new(bind: IpAddr, port: u16) -> Hosts {
        let mut names = vec!["127.0.0.1".to_owned(), "localhost".to_owned(), "[::1]".to_owned()];
        names.push(match bind {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        });
        Hosts { port, names, any_address: bind.is_unspecified() }
    }

    /// Whether a `Host` header's value is one of these names with this port (a missing
    /// port is port 80).
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rfind(':') {
            Some(i) if !host[i..].contains(']') => (&host[..i], &host[i + 1..]),
            _ => (host.as_str(), "80"),
        };
        if !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        // An address written out cannot be rebound to another: any may be used when the
        // server listens on all of them.
        self.any_address
            && match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
                Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
                None => name.parse::<Ipv4Addr>().is_ok(),
            }
    }
}

/// A site path from a request's target (`/malomraden/MO1.html?x` → `malomraden/MO1.html`,
/// `/` → `index.html`), or `None` when it is not a plain path inside the site.
pub fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, dirs) = segments.split_last()?;
    if dirs.iter().any(|s| s.is_empty() || *s == "." || *s == "..") || *last == "." || *last == ".." {
        return None;
    }
    Some(if last.is_empty() { format!("{decoded}index.html") } else { decoded.into_owned() })
}

/// The Content-Type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Answers one request.
pub fn handle(state: &State, request: Request) {
    let lang = state.lang;
    let hosts: Vec<&str> =
        request.headers().iter().filter(|h| h.field.equiv("Host")).map(|h| h.value.as_str()).collect();
    if !matches!(hosts.as_slice(), [host] if state.hosts.allows(host)) {
        let text = lang.pick(
            "Förfrågan nekades: den kom inte till förhandsvisningens egen adress (Host). Öppna adressen som `plan serve` skrev ut.\n",
            "Request refused: it was not made to the preview's own address (Host). Open the address `plan serve` printed.\n",
        );
        return respond(request, 403, "text/plain; charset=utf-8", text.as_bytes().into(), &[]);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let text = lang.pick("Bara GET och HEAD.\n", "Only GET and HEAD.\n");
        return respond(request, 405, "text/plain; charset=utf-8", text.as_bytes().into(), &[("Allow", "GET, HEAD")]);
    }
    let target = request.url().to_owned();
    let path = target.split(['?', '#']).next().unwrap_or("");
    match path {
        reload::PATH => {
            let since = reload::since(&target).to_owned();
            return state.reloads.ask(request, &since);
        }
        RELOAD_SCRIPT => {
            let script = reload::SCRIPT.as_bytes().into();
            return respond(request, 200, "text/javascript; charset=utf-8", script, &[]);
        }
        findings::STYLE_PATH => {
            return respond(request, 200, "text/css; charset=utf-8", findings::STYLE.as_bytes().into(), &[]);
        }
        _ => {}
    }
    let Some(file) = site_path(&target).filter(|p| !p.starts_with("__plan/")) else {
        let text = lang.pick(
            "Ogiltig sökväg: bara webbplatsens egna sidor visas.\n",
            "Invalid path: only the site's own pages are shown.\n",
        );
        return respond(request, 400, "text/plain; charset=utf-8", text.as_bytes().into(), &[]);
    };
    let build = state.current();
    match &build.content {
        Content::Failed(page) => respond(request, 500, content_type("x.html"), page.clone(), &[OWN_CSP]),
        Content::Site(files) => {
            if let Some(bytes) = files.get(&file) {
                return respond(request, 200, content_type(&file), bytes.clone(), &[]);
            }
            let folder = format!("{}/index.html", file.trim_end_matches('/'));
            if !file.ends_with("index.html") && files.contains_key(&folder) {
                let location = format!("/{}/", file.trim_end_matches('/'));
                let text = t!(lang, "Flyttad till {location}\n", "Moved to {location}\n");
                // The path was checked above, so it is a plain path of the site.
                let location = percent_encoding::utf8_percent_encode(&location, PATH_SET).to_string();
                return respond(
                    request,
                    308,
                    "text/plain; charset=utf-8",
                    text.into_bytes().into(),
                    &[("Location", &location)],
                );
            }
            let page = with_reload_script(findings::not_found_page(&format!("/{file}"), lang).as_bytes(), &build.token);
            respond(request, 404, content_type("x.html"), page.into(), &[OWN_CSP])
        }
    }
}

const OWN_CSP: (&str, &str) = ("Content-Security-Policy", OWN_PAGES_CSP);

/// What is percent-encoded in a `Location`: everything but the characters of a plain path.
const PATH_SET: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Sends an answer with the headers every answer has; a client that went away is no error.
pub fn respond(request: Request, status: u16, content_type: &str, body: Bytes, extra: &[(&str, &str)]) {
    let headers: Vec<Header> = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]
    .iter()
    .chain(extra)
    .filter_map(|(k, v)| Header::from_bytes(k.as_bytes(), v.as_bytes()).ok())
    .collect();
    let length = body.len();
    let response = Response::new(StatusCode(status), headers, std::io::Cursor::new(body), Some(length), None);
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_site_paths_and_nothing_else_is() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/?x=1").as_deref(), Some("index.html"));
        assert_eq!(site_path("/malomraden/").as_deref(), Some("malomraden/index.html"));
        assert_eq!(site_path("/malomraden/MO1.html#a").as_deref(), Some("malomraden/MO1.html"));
        assert_eq!(site_path("/omr%C3%A5de.html").as_deref(), Some("område.html"));
        for bad in [
            "",
            "plan.toml",
            "/../plan.toml",
            "/a/../../plan.toml",
            "/%2e%2e/plan.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fplan.toml",
            "/a%2F..%2F..%2Fplan.toml",
            "/..\\plan.toml",
            "/a%5c..%5cplan.toml",
            "/a%00.html",
            "//etc/passwd",
            "/a//b.html",
            "/./index.html",
            "/..",
            "/%ff.html",
            "/a%0a.html",
            "http://evil.example/index.html",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_servers_own_names_and_port_are_hosts() {
        let hosts = Hosts::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8000);
        for ok in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:8000",
            "127.0.0.1:8001",
            "127.0.0.1",
            "localhost",
            "127.0.0.1.evil.example:8000",
            "localhost.:8000",
            "192.168.1.5:8000",
            "[::1]",
            "",
            "127.0.0.1:+8000",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let all = Hosts::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 80);
        assert!(all.allows("192.168.1.5") && all.allows("[fe80::1]:80") && all.allows("localhost"));
        assert!(!all.allows("evil.example") && !all.allows("192.168.1.5.nip.io"));
        let v6 = Hosts::new("::1".parse().unwrap(), 9000);
        assert!(v6.allows("[::1]:9000") && !v6.allows("[::2]:9000"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
