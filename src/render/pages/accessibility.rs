//! The accessibility statement (tillgänglighetsredogörelse) that the Swedish law on
//! accessibility of digital public services (DOS-lagen) requires, filled from
//! `[accessibility]` in `plan.toml`. Facts that are not configured are shown as "not
//! stated" rather than invented.

use super::{Page, SiteCx, home};
use crate::config::Compliance;
use crate::lang::Lang;
use crate::render::paths;
use serde_json::json;

/// The address of DIGG's form for reporting lack of accessibility.
pub const DIGG_FORM: &str = "https://www.digg.se/tdosanmalan";

/// The accessibility statement page.
pub fn page(cx: &SiteCx<'_>) -> Page {
    let path = paths::special("tillganglighet", cx.format());
    let a = &cx.options.accessibility;
    let compliance = a.compliance.map(|c| match (cx.lang(), c) {
        (Lang::Sv, Compliance::Helt) => "helt förenlig",
        (Lang::Sv, Compliance::Delvis) => "delvis förenlig",
        (Lang::Sv, Compliance::Inte) => "inte förenlig",
        (Lang::En, Compliance::Helt) => "fully compliant",
        (Lang::En, Compliance::Delvis) => "partially compliant",
        (Lang::En, Compliance::Inte) => "not compliant",
    });
    let feedback = a.feedback.as_ref().map(|f| {
        let href = if f.contains('@') && !f.contains(':') { format!("mailto:{f}") } else { f.clone() };
        let safe = href.starts_with("mailto:") || href.starts_with("https://") || href.starts_with("http://");
        json!({ "text": f, "href": if safe { Some(href) } else { None } })
    });
    let data = json!({
        "statement": {
            "publisher": cx.publisher(),
            "site": cx.site_title(),
            "compliance": compliance,
            "known_issues": a.known_issues,
            "method": a.method,
            "assessed": a.assessed.as_ref().map(ToString::to_string),
            "feedback": feedback,
            "digg_form": DIGG_FORM,
        },
    });
    let title = cx.label("accessibility_statement").to_owned();
    Page::new(cx, path.clone(), "accessibility", &title, vec![home(cx, &path)], data)
}
