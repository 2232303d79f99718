//! Inline SVG charts of indicator values.
//!
//! A chart is drawn by `plan` itself (no script, no external library), as a bar per year
//! with the target as a dashed line. It is an image with a text alternative (`<title>` and
//! `<desc>` spelling out every value); the page also shows the numbers as a table, so the
//! chart never carries information on its own.

use crate::escape::html_text as escape;
use std::fmt::Write;

/// Formats a number the Swedish way (decimal comma) or the English way.
pub fn number(value: f64, swedish: bool) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.0}") } else { format!("{value:.1}") };
    if swedish { text.replace('.', ",").replace('-', "−") } else { text }
}

/// One chart: `values` are `(year, value)` pairs in year order.
pub struct Chart<'a> {
    /// A unique id on the page, for `aria-labelledby`.
    pub id: &'a str,
    /// The chart's title (the indicator's name).
    pub title: &'a str,
    /// A sentence listing every value.
    pub description: &'a str,
    /// Year and value.
    pub values: &'a [(i32, f64)],
    /// The target value, if any.
    pub target: Option<f64>,
    /// Whether to write numbers with a decimal comma.
    pub swedish: bool,
}

impl Chart<'_> {
    /// The SVG markup.
    pub fn svg(&self) -> String {
        const W: f64 = 640.0;
        const H: f64 = 240.0;
        const LEFT: f64 = 48.0;
        const BOTTOM: f64 = 32.0;
        const TOP: f64 = 16.0;
        let max = self.values.iter().map(|v| v.1).chain(self.target).fold(0.0_f64, f64::max);
        let max = if max <= 0.0 { 1.0 } else { max * 1.1 };
        let plot_h = H - BOTTOM - TOP;
        let y = |v: f64| TOP + plot_h - (v.max(0.0) / max) * plot_h;
        let n = self.values.len().max(1) as f64;
        let slot = (W - LEFT - 8.0) / n;
        let id = escape(self.id);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(self.title),
            escape(self.description)
        );
        let _ = write!(
            s,
            "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            H - BOTTOM,
            W - 8.0,
            H - BOTTOM
        );
        for (i, (year, value)) in self.values.iter().enumerate() {
            let x = LEFT + slot * i as f64 + slot * 0.2;
            let top = y(*value);
            let _ = write!(
                s,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\
                 <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
                 <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>",
                slot * 0.6,
                (H - BOTTOM - top).max(0.0),
                x + slot * 0.3,
                (top - 4.0).max(TOP),
                escape(&number(*value, self.swedish)),
                x + slot * 0.3,
                H - BOTTOM + 18.0,
            );
        }
        if let Some(target) = self.target {
            let ty = y(target);
            let _ = write!(
                s,
                "<line class=\"target\" x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{}\" y2=\"{ty:.1}\"/>\
                 <text class=\"label\" x=\"4\" y=\"{:.1}\">{}</text>",
                W - 8.0,
                ty + 4.0,
                escape(&number(target, self.swedish))
            );
        }
        s.push_str("</svg>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_a_text_alternative_and_escapes_text() {
        let chart = Chart {
            id: "IND-1",
            title: "Andel <b>",
            description: "2023: 71,5",
            values: &[(2023, 71.5), (2024, 73.0)],
            target: Some(80.0),
            swedish: true,
        };
        let svg = chart.svg();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"IND-1-title\">Andel &lt;b&gt;</title>"));
        assert!(svg.contains(">71,5<") && svg.contains(">2024<") && svg.contains("class=\"target\""));
    }

    #[test]
    fn numbers_are_written_for_the_language() {
        assert_eq!(number(71.5, true), "71,5");
        assert_eq!(number(71.5, false), "71.5");
        assert_eq!(number(80.0, true), "80");
    }
}
