//! `andringar.xml`: the plan's decisions as an Atom feed (RFC 4287), newest first, one
//! entry per decision page of the changelog ([`super::pages::changes`]).
//!
//! Written for HTML output when git history gave at least one decision. Entry ids are
//! `urn:uuid:` names made from the decision's commit and name (a UUID of version 8, its
//! bits from the SHA-1 of those), so they stay the same when the site moves and need no
//! `[site] url`. The links are absolute under `[site] url` when it is set; without it they
//! are relative to the feed, which a feed reader resolves against the address it fetched
//! the feed from, and the feed's own id is made the same way from the site's title and
//! the plan's id (with `[site] url`, it is the feed's address). Every text is escaped for
//! XML, with the characters XML 1.0 cannot carry at all replaced by U+FFFD.

use super::context::SiteCx;
use super::pages::changes::{self, DecisionView};

/// Site-relative path of the feed.
pub const PATH: &str = "andringar.xml";

/// Text escaped for XML content and attribute values: `& < > " '` as references, and the
/// characters XML 1.0 does not allow (C0 controls but TAB, LF and CR; U+FFFE, U+FFFF)
/// replaced by U+FFFD, as are C1 controls and DEL.
pub fn xml_text(text: &str) -> String {
    let escaped = crate::escape::html_text(text);
    if escaped.contains(['\u{FFFE}', '\u{FFFF}']) {
        escaped.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
    } else {
        escaped
    }
}

/// A name-based `urn:uuid:` for `name`: the first 16 bytes of its SHA-1, marked as a
/// UUID of version 8 (RFC 9562, a custom layout) of the RFC variant.
pub fn urn_uuid(name: &str) -> String {
    let hash = gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::object::Kind::Blob, name.as_bytes())
        .map(|id| id.as_bytes().to_vec())
        .unwrap_or_else(|_| vec![0; 20]);
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// The address of a site-relative path in the feed: absolute under `[site] url`, else
/// as it is (relative to the feed, which is at the site's root).
fn address(cx: &SiteCx<'_>, path: &str) -> String {
    match cx.options.site.url.as_deref() {
        Some(base) => format!("{base}{}", super::sitemap::encode(path)),
        None => super::sitemap::encode(path),
    }
}

/// The feed, when the site has one ([`changes::has_feed`]).
pub fn xml(cx: &SiteCx<'_>) -> Option<String> {
    if !changes::has_feed(cx) {
        return None;
    }
    let history = &*cx.options.history;
    let slugs = changes::slugs(history);
    let views: Vec<DecisionView> =
        history.decisions.iter().zip(&slugs).map(|(d, slug)| changes::view(cx, PATH, d, slug)).collect();
    let site_title = cx.site_title();
    let feed_id = match cx.options.site.url.as_deref() {
        Some(_) => address(cx, PATH),
        None => {
            let plan_id =
                cx.own_plans().first().map(|&p| cx.plan.action_plans[p].id.value.0.clone()).unwrap_or_default();
            urn_uuid(&format!("plan changes feed\0{site_title}\0{plan_id}"))
        }
    };
    let x = xml_text;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", cx.lang()));
    out.push_str(&format!("  <id>{}</id>\n", x(&feed_id)));
    out.push_str(&format!("  <title>{} – {}</title>\n", x(&site_title), x(cx.label("changes_feed_title"))));
    out.push_str(&format!("  <updated>{}</updated>\n", views.first().map_or("", |v| v.datetime.as_str())));
    let author = cx.publisher().unwrap_or_else(|| site_title.clone());
    out.push_str(&format!("  <author><name>{}</name></author>\n", x(&author)));
    let list = changes::list_path(cx);
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", x(&address(cx, &list))));
    if cx.options.site.url.is_some() {
        out.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            x(&address(cx, PATH))
        ));
    }
    for ((decision, view), slug) in history.decisions.iter().zip(&views).zip(&slugs) {
        let title =
            if view.subject.is_empty() { view.name.clone() } else { format!("{}: {}", view.name, view.subject) };
        let id = urn_uuid(&format!("plan decision\0{}\0{}", decision.commit, decision.name));
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{id}</id>\n"));
        out.push_str(&format!("    <title>{}</title>\n", x(&title)));
        out.push_str(&format!("    <updated>{}</updated>\n", view.datetime));
        let page = changes::decision_path(cx, slug);
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            x(&address(cx, &page))
        ));
        out.push_str(&format!("    <summary>{}</summary>\n", x(&view.summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text_and_valid_xml() {
        assert_eq!(
            xml_text("a<b>&]]>\"'\u{1}\u{7f}\u{FFFF}\tz"),
            "a&lt;b&gt;&amp;]]&gt;&quot;&#39;\u{FFFD}\u{FFFD}\u{FFFD}\tz"
        );
    }

    #[test]
    fn uuids_are_version_8_and_stable() {
        let id = urn_uuid("plan decision\0abc\0v1");
        assert_eq!(id, urn_uuid("plan decision\0abc\0v1"));
        assert_ne!(id, urn_uuid("plan decision\0abc\0v2"));
        let hex = id.strip_prefix("urn:uuid:").expect("prefix");
        let parts: Vec<&str> = hex.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('8'), "{id}");
        assert!(matches!(parts[3].chars().next(), Some('8' | '9' | 'a' | 'b')), "{id}");
    }
}
