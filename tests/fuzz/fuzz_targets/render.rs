//! Rendering a loaded model: whatever the plan files say, every page renders, every path
//! stays inside the output folder, and no script or unsafe link from the content reaches a
//! page.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use plan::render::{RenderError, RenderOptions, SiteFormat};
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let checked = plan::run::check_files(common::files(data), &common::options());
    for format in [SiteFormat::Html, SiteFormat::Markdown] {
        let options = RenderOptions {
            format,
            lang: plan::lang::Lang::Sv,
            today: common::options().today,
            site: Default::default(),
            accessibility: Default::default(),
            templates_dir: None,
            last_changed: Default::default(),
            sources: Default::default(),
            history: Default::default(),
        };
        let sink = |path: &str, bytes: &[u8]| -> Result<(), RenderError> {
            assert!(Path::new(path).components().all(|c| matches!(c, Component::Normal(_))), "{path}");
            if format == SiteFormat::Html {
                let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
                assert!(!text.contains("<script"), "{path}");
                assert!(!text.contains("href=\"javascript:") && !text.contains("src=\"javascript:"), "{path}");
            }
            Ok(())
        };
        plan::render::build(&checked.plan, &options, &sink).expect("the default templates render");
    }
});
